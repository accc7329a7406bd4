// The catalog's objects: plain values with an identity, equality and the
// identities of the objects they depend on. Two catalogs are compared object
// by object through these, which is what diffs and drift checks build on.
#pragma once

#include <compare>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace pgcraft::catalog {

struct qualified_name {
    std::string schema = {};
    std::string name = {};
    friend auto operator<=>(const qualified_name&, const qualified_name&) = default;
};

enum class object_kind { role, schema, table, index, function, grant, view, trigger };

/// What an object is, independent of how it is defined: (kind, schema, name).
struct object_id {
    object_kind kind = object_kind::table;
    qualified_name name = {};
    std::string arguments = {};  ///< a function's argument list: functions overload by it
    friend auto operator<=>(const object_id&, const object_id&) = default;
};

struct column {
    std::string name = {};
    std::string type = {};
    bool nullable = false;
    bool identity = false;  ///< GENERATED ALWAYS AS IDENTITY
    std::string default_sql = {};
    std::string comment = {};
    std::string generated = {};  ///< GENERATED ALWAYS AS (generated) STORED
    friend bool operator==(const column&, const column&) = default;
};

enum class constraint_kind { primary_key, unique, check, foreign_key };

struct foreign_key_target {
    qualified_name table = {};
    std::vector<std::string> columns = {};
    std::string on_delete = {};  ///< empty: PostgreSQL's default (NO ACTION)
    std::string on_update = {};
    friend bool operator==(const foreign_key_target&, const foreign_key_target&) = default;
};

struct constraint {
    constraint_kind kind = {};
    std::string name = {};
    std::vector<std::string> columns = {};  ///< key columns; for a check, the columns it reads
    std::string expression = {};            ///< the CHECK's SQL expression
    std::optional<foreign_key_target> references = {};
    friend bool operator==(const constraint&, const constraint&) = default;
};

struct schema {
    std::string name = {};
    object_id id() const { return {object_kind::schema, {name, name}}; }
    std::vector<object_id> dependencies() const { return {}; }
    friend bool operator==(const schema&, const schema&) = default;
};

struct table {
    qualified_name name = {};
    std::vector<column> columns = {};
    std::vector<constraint> constraints = {};
    std::string comment = {};

    object_id id() const { return {object_kind::table, name}; }
    std::vector<object_id> dependencies() const {
        std::vector<object_id> result{schema{name.schema}.id()};
        for (const constraint& c : constraints)
            if (c.references && c.references->table != name) result.push_back({object_kind::table, c.references->table});
        return result;
    }
    friend bool operator==(const table&, const table&) = default;
};

struct index {
    qualified_name name = {};  ///< an index lives in its table's schema
    qualified_name table = {};
    bool unique = false;
    std::string method = {};              ///< empty: btree
    std::vector<std::string> keys = {};   ///< rendered key expressions or quoted columns
    std::vector<std::string> include = {};
    std::string where = {};

    object_id id() const { return {object_kind::index, name}; }
    std::vector<object_id> dependencies() const { return {{object_kind::table, table}}; }
    friend bool operator==(const index&, const index&) = default;
};

/// A cluster-wide role. Created only when missing, since another database of
/// the cluster may have made it already.
struct role {
    std::string name = {};
    bool login = false;
    object_id id() const { return {object_kind::role, {{}, name}}; }
    std::vector<object_id> dependencies() const { return {}; }
    friend bool operator==(const role&, const role&) = default;
};

struct function {
    qualified_name name = {};
    std::string arguments = {};  ///< the argument list as written, e.g. "a integer, b text"
    std::string returns = {};
    std::string language = "sql";
    std::string volatility = {};  ///< STABLE or IMMUTABLE; empty: VOLATILE, PostgreSQL's default
    std::string body = {};
    bool security_definer = false;  ///< then search_path is pinned, so callers cannot redirect names
    std::string search_path = {};        ///< SET search_path; empty: pg_catalog, pg_temp when security_definer
    std::string comment = {};
    std::vector<object_id> reads = {};  ///< objects the body uses, which must exist first

    object_id id() const { return {object_kind::function, name, arguments}; }
    std::vector<object_id> dependencies() const {
        std::vector<object_id> result{schema{name.schema}.id()};
        result.insert(result.end(), reads.begin(), reads.end());
        return result;
    }
    friend bool operator==(const function&, const function&) = default;
};

/// Privileges on a schema, table or function, granted to a role.
struct grant {
    object_id on = {};
    std::vector<std::string> privileges = {};  ///< e.g. {"SELECT", "INSERT"}, or {"USAGE"}
    std::string role = {};

    /// One grant per (object, role). The object's kind is part of it, and its
    /// parts are joined by NUL, which no PostgreSQL name can hold.
    object_id id() const {
        const std::string separator(1, '\0');
        const std::string target = std::to_string(static_cast<int>(on.kind)) + separator + on.name.schema +
                                   separator + on.name.name + separator + on.arguments;
        return {object_kind::grant, {target, role}};
    }
    std::vector<object_id> dependencies() const { return {on, {object_kind::role, {{}, role}}}; }
    friend bool operator==(const grant&, const grant&) = default;
};

struct view {
    qualified_name name = {};
    std::string query = {};             ///< the SELECT, as SQL
    std::vector<std::string> columns = {};  ///< the view's columns, in order, for readers and diffs
    std::string comment = {};
    std::vector<object_id> reads = {};  ///< the tables and views the query reads

    object_id id() const { return {object_kind::view, name}; }
    std::vector<object_id> dependencies() const {
        std::vector<object_id> result{schema{name.schema}.id()};
        result.insert(result.end(), reads.begin(), reads.end());
        return result;
    }
    friend bool operator==(const view&, const view&) = default;
};

/// A row trigger on a table or view, calling a trigger function.
struct trigger {
    std::string name = {};
    object_id on = {};        ///< the table or view
    std::string timing = {};  ///< BEFORE, AFTER or INSTEAD OF
    std::vector<std::string> events = {};  ///< INSERT, UPDATE, DELETE, TRUNCATE
    object_id function = {};
    std::string when = {};  ///< a condition checked before the function is called at all
    bool for_each_statement = false;  ///< once per statement rather than once per row

    /// Trigger names are per table: the identity is the table's name and the trigger's.
    object_id id() const { return {object_kind::trigger, {on.name.schema, on.name.name + "." + name}}; }
    std::vector<object_id> dependencies() const { return {on, function}; }
    friend bool operator==(const trigger&, const trigger&) = default;
};

using object = std::variant<role, schema, table, index, function, grant, view, trigger>;

inline object_id id_of(const object& o) {
    return std::visit([](const auto& x) { return x.id(); }, o);
}
inline std::vector<object_id> dependencies_of(const object& o) {
    return std::visit([](const auto& x) { return x.dependencies(); }, o);
}

}  // namespace pgcraft::catalog
