// The dimensions of one database, with the settings that apply to all of them:
//
//   using schema = pg::schema<pg::postgres_version<16>,            // default 15
//                             pg::plugins<pg::created_at<>>,       // for every dimension
//                             pg::extensions<my_extension>,
//                             pg::postgres_extension<"citext">,    // CREATE EXTENSION
//                             pg::allow_drop<"warehouses">,        // a dimension gone on purpose
//                             vendors, products>;
#pragma once

#include <string_view>

#include <pgcraft/detail/option.hpp>
#include <pgcraft/fixed_string.hpp>
#include <pgcraft/dimension.hpp>
#include <pgcraft/plugin.hpp>
#include <pgcraft/sql/naming.hpp>

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

/// A PostgreSQL extension the schema needs, such as citext for
/// `pg::column_type<"citext">`: `CREATE EXTENSION IF NOT EXISTS <Name>`, before
/// anything else, its objects in `Schema` if one is given (which is created).
template <fixed_string Name, fixed_string Schema = "">
struct postgres_extension {
    static_assert(Name.view().size() > 0 && Name.view().size() <= sql::max_identifier_bytes,
                  "pgcraft: pg::postgres_extension names an extension of 1 to 63 bytes");
    static_assert(Schema.view().size() <= sql::max_identifier_bytes, "pgcraft: pg::postgres_extension's schema is a name of at most 63 bytes");
    static_assert(!Schema.view().starts_with("pg_"),
                  "pgcraft: pg::postgres_extension's schema begins with pg_, which PostgreSQL reserves for its own");
    static constexpr detail::option_category category = detail::option_category::schema_setting;
    static constexpr std::string_view value = "pg::postgres_extension";
    static constexpr std::string_view name = Name.view();
    static constexpr std::string_view schema = Schema.view();
};

/// Dimension structs and schema settings, in any order. pg::allow_drop
/// (pgcraft/column.hpp) names a dimension of the previous version, by its
/// struct's name, that is dropped on purpose.
template <class... Items>
struct schema {};

}  // namespace pgcraft
