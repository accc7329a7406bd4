// The dimensions of one database, with the settings that apply to all of them:
//
//   using schema = pg::schema<pg::postgres_version<16>,            // default 15
//                             pg::plugins<pg::created_at<>>,       // for every dimension
//                             pg::extensions<my_extension>,
//                             vendors, products>;
#pragma once

#include <string_view>

#include <pgcraft/detail/option.hpp>
#include <pgcraft/dimension.hpp>
#include <pgcraft/plugin.hpp>

namespace pgcraft {

/// The PostgreSQL major version the generated SQL must run on. A plugin that
/// needs a newer server is a compile error.
template <int Major>
struct postgres_version {
    static_assert(Major >= 13, "pgcraft: PostgreSQL 13 is the oldest version pgcraft generates SQL for");
    static constexpr detail::option_category category = detail::option_category::schema_setting;
    static constexpr std::string_view value = "pg::postgres_version";
    static constexpr int major = Major;
};

inline constexpr int default_postgres_version = 15;

/// Extensions used by the schema: bundles of plugins, schema-wide objects and
/// generator commands (see pgcraft/extension.hpp).
template <class... Extensions>
struct extensions {
    static constexpr detail::option_category category = detail::option_category::schema_setting;
    static constexpr std::string_view value = "pg::extensions";
};

/// Dimension structs and schema settings, in any order.
template <class... Items>
struct schema {};

}  // namespace pgcraft
