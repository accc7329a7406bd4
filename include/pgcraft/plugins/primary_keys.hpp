// Primary-key plugins: each produces "primary_key", the key's columns, and is
// in the singleton group "primary_key". A member of the dimension struct with
// the key column's name is that column (it must have `key_member_type`), so
// that rows read back carry their key.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include <pgcraft/fixed_string.hpp>
#include <pgcraft/plugin.hpp>
#include <pgcraft/types.hpp>

namespace pgcraft {

/// What a primary-key plugin hands to the table plugins.
struct primary_key_columns {
    std::string column;       ///< the key column's name
    std::string type;         ///< its SQL type
    bool identity = false;    ///< GENERATED ALWAYS AS IDENTITY
    std::string default_sql;  ///< its DEFAULT, if any
};

namespace detail {
template <fixed_string Column, class Member, fixed_string SqlType>
struct primary_key_plugin {
    static constexpr keys<> required_keys{};
    static constexpr keys<"primary_key"> produced_keys{};
    static constexpr std::string_view singleton_group = group::primary_key;
    static constexpr std::string_view key_column = Column.view();
    static constexpr std::string_view key_sql_type = SqlType.view();
    using key_member_type = Member;
};
}  // namespace detail

/// `bigint GENERATED ALWAYS AS IDENTITY`: the SQL-standard key. Chosen over
/// serial because the sequence belongs to the column (no separate object to
/// grant or to drift out of step) and a client cannot supply a key by accident.
template <fixed_string Column = "id">
struct identity_key : detail::primary_key_plugin<Column, std::int64_t, "bigint"> {
    static constexpr std::string_view name = "identity_key";
    static void run(auto& context) {
        context.set_primary_key(primary_key_columns{std::string(Column.view()), "bigint", true, {}});
    }
};

/// `uuid DEFAULT gen_random_uuid()`: random (version 4) UUIDs, built into PostgreSQL 13 and later.
template <fixed_string Column = "id">
struct uuid_v4_key : detail::primary_key_plugin<Column, uuid, "uuid"> {
    static constexpr std::string_view name = "uuid_v4_key";
    static void run(auto& context) {
        context.set_primary_key(primary_key_columns{std::string(Column.view()), "uuid", false, "gen_random_uuid()"});
    }
};

/// `uuid DEFAULT uuidv7()`: time-ordered UUIDs, which index like a sequence.
/// uuidv7() is built into PostgreSQL 18, so the schema must target 18 or later.
template <fixed_string Column = "id">
struct uuid_v7_key : detail::primary_key_plugin<Column, uuid, "uuid"> {
    static constexpr std::string_view name = "uuid_v7_key";
    static constexpr int min_postgres_version = 18;
    static void run(auto& context) {
        context.set_primary_key(primary_key_columns{std::string(Column.view()), "uuid", false, "uuidv7()"});
    }
};

}  // namespace pgcraft
