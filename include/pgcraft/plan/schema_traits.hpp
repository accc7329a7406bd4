// What a pg::schema<...> holds, sorted out at compile time: its dimensions,
// its schema-wide plugins (extensions' first), its extensions, its target
// PostgreSQL version and the dimensions it drops on purpose. The items are
// sorted with Boost.Hana, once per schema.
#pragma once

#include <array>
#include <cstddef>
#include <string_view>

#include <pgcraft/detail/type_list.hpp>
#include <pgcraft/plan/detail/type_sequence.hpp>
#include <pgcraft/dimension.hpp>
#include <pgcraft/plugin.hpp>
#include <pgcraft/schema.hpp>

namespace pgcraft::plan {

namespace detail {

template <class Item>
struct schema_item {
    static constexpr bool known = false;
    static constexpr bool is_postgres_extension = false;
    static constexpr int versions = 0;
    static constexpr int version = 0;
    static constexpr bool drops = false;
    static constexpr std::string_view dropped = {};
};
template <dimension_struct Item>
struct schema_item<Item> : schema_item<void> {
    static constexpr bool known = true;
};
template <class... Plugins>
struct schema_item<pgcraft::plugins<Plugins...>> : schema_item<void> {
    static constexpr bool known = true;
};
template <class... Extensions>
struct schema_item<pgcraft::extensions<Extensions...>> : schema_item<void> {
    static constexpr bool known = true;
};
template <fixed_string Name, fixed_string Schema>
struct schema_item<postgres_extension<Name, Schema>> : schema_item<void> {
    static constexpr bool known = true;
    static constexpr bool is_postgres_extension = true;
};
template <fixed_string Name>
struct schema_item<allow_drop<Name>> : schema_item<void> {
    static constexpr bool known = true;
    static constexpr bool drops = true;
    static constexpr std::string_view dropped = Name.view();
};
template <int Major>
struct schema_item<postgres_version<Major>> : schema_item<void> {
    static constexpr bool known = true;
    static constexpr int versions = 1;
    static constexpr int version = Major;
};

// The plugins, or the extensions, a setting lists (none for anything else).
template <class Item>
struct listed {
    static constexpr auto plugins = hana::tuple_t<>;
    static constexpr auto extensions = hana::tuple_t<>;
};
template <class... Plugins>
struct listed<pgcraft::plugins<Plugins...>> : listed<void> {
    static constexpr auto plugins = hana::tuple_t<Plugins...>;
};
template <class... Extensions>
struct listed<pgcraft::extensions<Extensions...>> : listed<void> {
    static constexpr auto extensions = hana::tuple_t<Extensions...>;
};

inline constexpr auto is_dimension = [](auto item) { return hana::bool_c<dimension_struct<type_of<decltype(item)>>>; };
inline constexpr auto is_postgres_extension = [](auto item) {
    return hana::bool_c<schema_item<type_of<decltype(item)>>::is_postgres_extension>;
};
inline constexpr auto plugins_listed = [](auto item) { return listed<type_of<decltype(item)>>::plugins; };
inline constexpr auto extensions_listed = [](auto item) { return listed<type_of<decltype(item)>>::extensions; };
inline constexpr auto plugins_of_extension = [](auto extension) {
    using type = type_of<decltype(extension)>;
    if constexpr (requires { typename type::plugins; }) return listed<typename type::plugins>::plugins;
    else return hana::tuple_t<>;
};

// The schema's items as one Hana sequence, filtered and flattened into its
// dimensions, extensions and plugins (handed on as type lists).
template <class... Items>
struct sorted_items {
    static constexpr auto items = hana::tuple_t<Items...>;
    static constexpr auto extensions = hana::flatten(hana::transform(items, extensions_listed));
    static constexpr auto plugins = hana::concat(hana::flatten(hana::transform(extensions, plugins_of_extension)),
                                                 hana::flatten(hana::transform(items, plugins_listed)));
    static constexpr auto dimensions = hana::filter(items, is_dimension);
    static constexpr auto postgres_extensions = hana::filter(items, is_postgres_extension);
};
}  // namespace detail

/// What a dimension's plugins depend on in its schema. Templates per
/// dimension are keyed on this rather than on the whole schema, which keeps
/// their names, and the compiler's work, independent of the schema's size.
template <class Plugins, int TargetPostgresVersion>
struct schema_settings {};

template <class Schema>
struct schema_traits;

template <class Plugins, int TargetPostgresVersion>
struct schema_traits<schema_settings<Plugins, TargetPostgresVersion>> {
    using plugins = Plugins;
    static constexpr int target_postgres_version = TargetPostgresVersion;
    using settings = schema_settings<Plugins, TargetPostgresVersion>;
};

template <class... Items>
struct schema_traits<schema<Items...>> {
    using sorted = detail::sorted_items<Items...>;
    using dimensions = detail::as_type_list<decltype(sorted::dimensions)>;
    using extensions = detail::as_type_list<decltype(sorted::extensions)>;
    /// CREATE EXTENSION, in the order written.
    using postgres_extensions = detail::as_type_list<decltype(sorted::postgres_extensions)>;
    /// Plugins for every dimension: the extensions' first, then the schema's own.
    using plugins = detail::as_type_list<decltype(sorted::plugins)>;
    static constexpr int versions_given = (detail::schema_item<Items>::versions + ... + 0);
    static constexpr int target_postgres_version =
        versions_given == 0 ? default_postgres_version : (detail::schema_item<Items>::version + ... + 0);
    /// Position of the first item that is neither a dimension nor a setting, or the item count.
    static constexpr std::size_t first_unknown_item = [] {
        constexpr bool known[] = {detail::schema_item<Items>::known..., false};
        std::size_t i = 0;
        while (known[i]) ++i;
        return i;
    }();
    template <std::size_t I>
    using item = pgcraft::detail::type_at<I, Items...>;
    /// pg::allow_drop: the previous version's dimensions dropped on purpose, by their structs' names.
    static constexpr std::size_t drops_given = (std::size_t{detail::schema_item<Items>::drops} + ... + 0);
    static constexpr std::array<std::string_view, drops_given> dropped_dimensions = [] {
        constexpr bool drops[] = {detail::schema_item<Items>::drops..., false};
        constexpr std::string_view names[] = {detail::schema_item<Items>::dropped..., {}};
        std::array<std::string_view, drops_given> result{};
        std::size_t n = 0;
        for (std::size_t i = 0; i < sizeof...(Items); ++i)
            if (drops[i]) result[n++] = names[i];
        return result;
    }();
    using settings = schema_settings<plugins, target_postgres_version>;
};

}  // namespace pgcraft::plan
