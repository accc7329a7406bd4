// Dimension kinds and their options. A dimension is a plain aggregate struct
// that names its kind in a nested alias:
//
//   struct vendors {
//       using dimension = pg::simple<pg::in_schema<"inventory">>;
//       std::string name;
//   };
#pragma once

#include <string_view>

#include <pgcraft/detail/option.hpp>
#include <pgcraft/detail/type_list.hpp>
#include <pgcraft/fixed_string.hpp>
#include <pgcraft/plugins/simple_table.hpp>
#include <pgcraft/plugins/table_constraints.hpp>

namespace pgcraft {

/// The PostgreSQL schema the dimension's objects live in (default "public").
template <fixed_string Name>
struct in_schema {
    static constexpr detail::option_category category = detail::option_category::schema;
    static constexpr std::string_view value = Name.view();
};

/// The table's name, when it should not be the struct's own name.
template <fixed_string Name>
struct table_name {
    static constexpr detail::option_category category = detail::option_category::table_name;
    static constexpr std::string_view value = Name.view();
};

enum class dimension_kind { simple };

/// A plain table: a primary key, then one column per member.
/// Options: in_schema, table_name, comment, column, constraints and indexes
/// (pgcraft/constraints.hpp), plugins given directly
/// (added to the dimension's plugins), pg::plugins<...> (replacing the
/// kind's default plugins). Without a primary-key plugin the key is
/// pg::identity_key<"id">.
template <class... Options>
struct simple {
    static constexpr dimension_kind kind = dimension_kind::simple;
    static constexpr std::string_view kind_name = "simple";
    using default_plugins = detail::type_list<>;
    using internal_plugins = detail::type_list<simple_table<"primary">, table_constraints<"primary">>;
};

/// A struct is a dimension struct when it names its kind as `using dimension = ...`.
template <class T>
concept dimension_struct = requires { T::dimension::kind; };

}  // namespace pgcraft
