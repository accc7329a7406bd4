// The catalog's objects: plain values, each with an identity and the
// identities of the objects it depends on. Columns, constraints, comments and
// grants are objects of their own, so that a diff can add, drop or change one
// of them without re-deriving it from its table.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include <pgcraft/catalog/expression.hpp>
#include <pgcraft/catalog/identity.hpp>
#include <pgcraft/catalog/kinds.hpp>

namespace pgcraft::catalog {

/// CREATE EXTENSION: a feature the schema needs, such as citext.
struct extension {
    std::string name = {};
    std::string schema = {};  ///< where its objects go; empty: the server's choice
    object_id id() const { return id::extension(name); }
    std::vector<object_id> dependencies() const;
    friend bool operator==(const extension&, const extension&) = default;
};

/// A cluster-wide role. Created only when missing, since another database of
/// the cluster may have made it already.
struct role {
    std::string name = {};
    bool login = false;
    bool inherit = true;  ///< false: NOINHERIT, the role uses another's privileges only after SET ROLE
    std::vector<std::string> member_of = {};  ///< the roles granted to it, sorted
    object_id id() const { return id::role(name); }
    std::vector<object_id> dependencies() const {
        std::vector<object_id> roles;
        for (const std::string& r : member_of) roles.push_back(id::role(r));
        return roles;
    }
    friend bool operator==(const role&, const role&) = default;
};

struct schema {
    std::string name = {};
    object_id id() const { return id::schema(name); }
    std::vector<object_id> dependencies() const { return {}; }
    friend bool operator==(const schema&, const schema&) = default;
};

/// CREATE TYPE … AS ENUM, from a C++ enum class.
struct enum_type {
    qualified_name name = {};
    std::vector<std::string> labels = {};
    object_id id() const { return id::enum_type(name); }
    std::vector<object_id> dependencies() const { return {id::schema(name.schema)}; }
    friend bool operator==(const enum_type&, const enum_type&) = default;
};

/// A table: its columns, constraints and comments are objects of their own.
struct table {
    qualified_name name = {};
    std::string declared_by = {};  ///< the C++ dimension it comes from, for messages; empty for others
    object_id id() const { return id::table(name); }
    std::vector<object_id> dependencies() const { return {id::schema(name.schema)}; }
    friend bool operator==(const table&, const table&) = default;
};

struct column {
    qualified_name table = {};
    std::string name = {};
    int position = 0;          ///< 1, 2, …: the order of the table's columns
    std::string type = {};     ///< a built-in type as SQL writes it, e.g. varchar(32)
    qualified_name user_type = {};  ///< or a type of the catalog (an enum type)
    bool nullable = false;
    bool identity = false;     ///< GENERATED ALWAYS AS IDENTITY
    expression default_value = {};
    expression generated = {};  ///< GENERATED ALWAYS AS (generated) STORED

    object_id id() const { return id::column(table, name); }
    std::vector<object_id> dependencies() const;
    friend bool operator==(const column&, const column&) = default;
};

enum class constraint_kind { primary_key, unique, check, foreign_key };

struct foreign_key_target {
    qualified_name table = {};
    std::vector<std::string> columns = {};
    referential_action on_delete = referential_action::no_action;
    referential_action on_update = referential_action::no_action;
    friend bool operator==(const foreign_key_target&, const foreign_key_target&) = default;
};

struct constraint {
    qualified_name table = {};
    std::string name = {};
    constraint_kind kind = constraint_kind::check;
    std::vector<std::string> columns = {};  ///< key columns; for a check, the columns it reads
    expression check = {};
    std::optional<foreign_key_target> references = {};

    object_id id() const { return id::constraint(table, name); }
    /// Its table and the columns it names; a foreign key also its target's.
    std::vector<object_id> dependencies() const;
    friend bool operator==(const constraint&, const constraint&) = default;
};

struct index {
    qualified_name name = {};  ///< an index lives in its table's schema
    qualified_name table = {};
    bool unique = false;
    std::string method = {};            ///< empty: btree
    std::vector<expression> keys = {};  ///< a column, a call or a parenthesised expression, with an optional opclass
    std::vector<std::string> include = {};
    expression where = {};

    object_id id() const { return id::index(name); }
    std::vector<object_id> dependencies() const;
    friend bool operator==(const index&, const index&) = default;
};

/// A default of a view's column: what an INSERT through the view that omits
/// the column gets in NEW, exactly as a table's default (never on UPDATE).
struct column_default {
    std::string column = {};
    expression value = {};
    friend bool operator==(const column_default&, const column_default&) = default;
};

struct view {
    qualified_name name = {};
    std::string query = {};                 ///< the SELECT, as SQL
    std::vector<std::string> columns = {};  ///< the view's columns, in order
    std::vector<object_id> reads = {};      ///< the tables, views and columns the query reads
    std::vector<column_default> defaults = {};  ///< for inserts through the view
    /// Each column's SQL type, when its builder knows them (empty: not
    /// known): a migration replaces a view in place only if they stay.
    std::vector<std::string> column_types = {};

    object_id id() const { return id::view(name); }
    std::vector<object_id> dependencies() const;
    friend bool operator==(const view&, const view&) = default;
};

struct argument {
    std::string name = {};
    std::string type = {};
    friend bool operator==(const argument&, const argument&) = default;
};

struct function {
    qualified_name name = {};
    std::vector<argument> arguments = {};
    std::string returns = {};
    pgcraft::catalog::language language = pgcraft::catalog::language::sql;
    pgcraft::catalog::volatility volatility = pgcraft::catalog::volatility::volatile_;
    std::string body = {};
    bool security_definer = false;  ///< then search_path is pinned, so callers cannot redirect names
    std::string search_path = {};   ///< SET search_path; empty: pg_catalog, pg_temp when security_definer
    std::vector<object_id> reads = {};  ///< objects the body uses, which must exist first

    std::vector<std::string> argument_types() const;
    object_id id() const { return id::function(name, argument_types()); }
    std::vector<object_id> dependencies() const;
    friend bool operator==(const function&, const function&) = default;
};

/// A trigger on a table or view, calling a trigger function.
struct trigger {
    std::string name = {};
    object_id on = {};  ///< the table or view
    trigger_timing timing = trigger_timing::before;
    std::vector<trigger_event> events = {};
    object_id function = {};
    std::string when = {};            ///< a condition checked before the function is called at all
    bool for_each_statement = false;  ///< once per statement rather than once per row
    /// A constraint trigger, DEFERRABLE INITIALLY DEFERRED: it fires at COMMIT
    /// (AFTER, FOR EACH ROW), once the whole transaction's rows are there.
    bool deferred = false;

    object_id id() const { return id::trigger(on.qualified(), name); }
    std::vector<object_id> dependencies() const { return {on, function}; }
    friend bool operator==(const trigger&, const trigger&) = default;
};

/// COMMENT ON a table, column, view or function.
struct comment {
    object_id on = {};
    std::string text = {};
    object_id id() const { return id::comment(on); }
    std::vector<object_id> dependencies() const { return {on}; }
    friend bool operator==(const comment&, const comment&) = default;
};

/// Privileges on a schema, table, view or function, granted to a role.
struct grant {
    object_id on = {};
    std::vector<privilege> privileges = {};
    std::string role = {};
    object_id id() const { return id::grant(on, role); }
    std::vector<object_id> dependencies() const { return {on, id::role(role)}; }
    friend bool operator==(const grant&, const grant&) = default;
};

using object = std::variant<extension, role, schema, enum_type, table, column, constraint, index, view, function,
                            trigger, comment, grant>;

object_id id_of(const object& o);
std::vector<object_id> dependencies_of(const object& o);

/// A table with its parts, as plugins build it before it joins the catalog.
struct table_definition {
    qualified_name name = {};
    std::string declared_by = {};  ///< the C++ dimension it comes from, for messages
    std::string comment = {};
    std::vector<column> columns = {};  ///< their table and position are filled in when added
    std::vector<std::string> column_comments = {};  ///< by position; empty: none
    std::vector<constraint> constraints = {};  ///< their table is filled in when added

    void add_column(column c, std::string comment = {}) {
        columns.push_back(std::move(c));
        column_comments.resize(columns.size() - 1);
        column_comments.push_back(std::move(comment));
    }
    const column* find_column(std::string_view name) const {
        for (const column& c : columns)
            if (c.name == name) return &c;
        return nullptr;
    }
    object_id id() const { return id::table(name); }
};

}  // namespace pgcraft::catalog
