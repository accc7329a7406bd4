// Plugins: the steps that build a dimension's objects. A plugin is a type:
//
//   template <pg::fixed_string Table = "primary">
//   struct audit_comment {
//       static constexpr std::string_view name = "audit_comment";
//       static constexpr pg::keys<Table> required_keys{};     // needs the table
//       static constexpr pg::keys<> produced_keys{};
//       // optional: singleton_group, min_postgres_version, overridden_keys
//       static void run(auto& context) { context.table(Table).comment += " (audited)"; }
//   };
//
// Keys are names of things plugins hand to each other ("primary_key", a table
// key such as "primary"). The compiler orders a dimension's plugins so that
// every key is produced before it is required, keeping the written order
// where the keys leave a choice. `run` is a template, so that a header which
// declares plugins costs an application nothing until the generator runs them.
#pragma once

#include <array>
#include <concepts>
#include <cstddef>
#include <span>
#include <string_view>

#include <pgcraft/detail/option.hpp>
#include <pgcraft/fixed_string.hpp>

namespace pgcraft {

/// A list of keys, written as template arguments: pg::keys<"primary_key">.
template <fixed_string... Keys>
struct keys {
    static constexpr std::array<std::string_view, sizeof...(Keys)> list{Keys.view()...};
    static constexpr std::size_t size() noexcept { return sizeof...(Keys); }
    constexpr auto begin() const noexcept { return list.begin(); }
    constexpr auto end() const noexcept { return list.end(); }
};

/// The keys the built-in plugins hand to each other.
namespace key {
inline constexpr std::string_view primary_key = "primary_key";  ///< the key columns
inline constexpr std::string_view created_at = "created_at";    ///< the creation-time column's name
/// The relation the dimension's rows are read and written through (its
/// table, or the view of a kind that keeps history), as a catalog::object_id.
inline constexpr std::string_view rows = "rows";
}  // namespace key

/// The singleton groups of the built-in plugins: at most one plugin of a group per dimension.
namespace group {
inline constexpr std::string_view primary_key = "primary_key";
inline constexpr std::string_view table = "table";
}  // namespace group

template <class P>
concept plugin = requires {
    { P::name } -> std::convertible_to<std::string_view>;
    { P::required_keys.list } -> std::convertible_to<std::span<const std::string_view>>;
    { P::produced_keys.list } -> std::convertible_to<std::span<const std::string_view>>;
};

/// In a kind's options: these plugins replace the kind's default plugins.
/// In a schema's items: these plugins run for every dimension of the schema.
template <plugin... Plugins>
struct plugins {
    static constexpr detail::option_category category = detail::option_category::plugin_list;
    static constexpr std::string_view value = "pg::plugins";
};

}  // namespace pgcraft
