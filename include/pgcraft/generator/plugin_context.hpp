// What a plugin's run() works with: the dimension's planned columns, the
// values earlier plugins produced (by key), the tables being built, and the
// schema's catalog. Tables are added to the catalog when the dimension's last
// plugin has run, in the order they were produced.
#pragma once

#include <any>
#include <functional>
#include <map>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <pgcraft/catalog/catalog.hpp>
#include <pgcraft/plugins/primary_keys.hpp>
#include <pgcraft/sql/markers.hpp>
#include <pgcraft/sql/naming.hpp>
#include <pgcraft/sql/quote.hpp>

namespace pgcraft::generator {

/// A member's column, with the C++ range its SQL type must be held to.
struct member_column {
    catalog::column column;
    std::string min_value;  ///< empty: no range check
    std::string max_value;
};

enum class declared_kind { check, unique, index, foreign_key };

/// A constraint or index as declared: SQL texts still carry their <markers>,
/// which the table's plugins resolve for their context.
struct declared_constraint {
    declared_kind kind = declared_kind::check;
    std::string name;                  ///< an explicit name, or empty for the convention
    std::string expression;            ///< a check's expression
    std::vector<std::string> columns;  ///< unique columns, a foreign key's own, an index's INCLUDE
    std::vector<std::string> keys;     ///< an index's key expressions
    bool unique = false;
    std::string method;
    std::string where;
    catalog::qualified_name target;  ///< a foreign key's table
    std::vector<std::string> target_columns;
    std::string on_delete;
    std::string on_update;
    bool indexed = true;
};

/// The run-time copy of a dimension's compile-time plan.
struct dimension_info {
    std::string name;  ///< the struct's name
    catalog::qualified_name table;
    std::string comment;
    std::vector<member_column> members;
    std::vector<declared_constraint> constraints;
};

class plugin_context {
public:
    plugin_context(dimension_info dimension, catalog::catalog& catalog)
        : dimension_(std::move(dimension)), catalog_(catalog) {}

    const dimension_info& dimension() const noexcept { return dimension_; }
    catalog::catalog& schema_catalog() noexcept { return catalog_; }

    /// Hands a value to later plugins. Each key is set once; the compiler has
    /// already checked that only one plugin produces it.
    template <class T>
    void set(std::string_view key, T value) {
        if (values_.contains(key)) throw std::logic_error(message("sets key '", key, "' a second time"));
        values_.emplace(std::string(key), std::any(std::move(value)));
    }

    /// Replaces a value, for plugins that declare the key in overridden_keys.
    template <class T>
    void replace(std::string_view key, T value) {
        auto it = values_.find(key);
        if (it == values_.end()) throw std::logic_error(message("overrides key '", key, "', which is not set"));
        it->second = std::any(std::move(value));
    }

    template <class T>
    const T& get(std::string_view key) const {
        auto it = values_.find(key);
        if (it == values_.end()) throw std::logic_error(message("reads key '", key, "', which is not set"));
        const T* value = std::any_cast<T>(&it->second);
        if (!value) throw std::logic_error(message("reads key '", key, "' as a type it was not set with"));
        return *value;
    }

    void set_primary_key(primary_key_columns key) { set(pgcraft::key::primary_key, std::move(key)); }
    const primary_key_columns& primary_key() const { return get<primary_key_columns>(pgcraft::key::primary_key); }

    /// The table produced under `key`.
    catalog::table& table(std::string_view key) {
        auto it = values_.find(key);
        catalog::table* table = it == values_.end() ? nullptr : std::any_cast<catalog::table>(&it->second);
        if (!table) throw std::logic_error(message("uses table '", key, "', which no plugin has produced"));
        return *table;
    }

    /// Adds a column to the table produced under `table_key`.
    void add_column(std::string_view table_key, catalog::column column) {
        catalog::table& t = table(table_key);
        for (const catalog::column& existing : t.columns)
            if (existing.name == column.name)
                throw std::logic_error(message("adds column '", column.name, "', which the table already has"));
        t.columns.push_back(std::move(column));
    }

    /// Produces the dimension's own table under `table_key`: the key columns,
    /// then one column per member, the key constraint and the range checks.
    void add_dimension_table(std::string_view table_key) {
        const primary_key_columns& key = primary_key();
        catalog::table t;
        t.name = dimension_.table;
        t.comment = dimension_.comment;
        std::string key_comment;
        for (const member_column& m : dimension_.members)
            if (m.column.name == key.column) key_comment = m.column.comment;
        t.columns.push_back({key.column, key.type, false, key.identity, key.default_sql, key_comment, {}});
        for (catalog::column& column : member_columns()) t.columns.push_back(std::move(column));

        const std::vector<std::string> key_columns{key.column};
        t.constraints.push_back({catalog::constraint_kind::primary_key,
                                 sql::convention_name("pk", t.name.name, key_columns), key_columns, {}, {}});
        add_range_checks(t);
        produce_table(table_key, std::move(t));
    }

    /// Hands a table to later plugins under `table_key`; it joins the catalog
    /// when the dimension's last plugin has run.
    void produce_table(std::string_view table_key, catalog::table t) {
        if (t.name.schema != "public") catalog_.add_once(catalog::schema{t.name.schema});
        set(table_key, std::move(t));
        table_keys_.emplace_back(table_key);
    }

    /// The range checks of the members whose SQL type is wider than their C++ type.
    void add_range_checks(catalog::table& t) const {
        for (const member_column& m : dimension_.members) {
            if (m.min_value.empty()) continue;
            const std::vector<std::string> columns{m.column.name};
            t.constraints.push_back({catalog::constraint_kind::check, unused_name(t, "ck", columns), columns,
                                     sql::quote_identifier(m.column.name) + " BETWEEN " + m.min_value + " AND " +
                                         m.max_value,
                                     {}});
        }
    }

    /// The members' columns as the table stores them (generated expressions resolved).
    std::vector<catalog::column> member_columns() const {
        std::vector<catalog::column> columns;
        for (const member_column& m : dimension_.members) {
            if (m.column.name == primary_key().column) continue;
            catalog::column column = m.column;
            column.generated = sql::resolve_columns(column.generated);
            columns.push_back(std::move(column));
        }
        return columns;
    }

    /// Adds the declared checks, unique constraints, indexes and foreign keys
    /// to the table produced under `table_key`. For a table that keeps history,
    /// `current_rows` is the predicate of its current rows: unique constraints
    /// then hold among those only (as partial unique indexes), and indexes
    /// cover only those, which is where reads go.
    void add_declared_constraints(std::string_view table_key, std::string_view current_rows = {}) {
        catalog::table& t = table(table_key);
        // Foreign keys last, so that they see every index they might not need.
        std::vector<const declared_constraint*> ordered;
        for (const declared_constraint& d : dimension_.constraints)
            if (d.kind != declared_kind::foreign_key) ordered.push_back(&d);
        for (const declared_constraint& d : dimension_.constraints)
            if (d.kind == declared_kind::foreign_key) ordered.push_back(&d);
        for (const declared_constraint* declared : ordered) {
            const declared_constraint& d = *declared;
            switch (d.kind) {
                case declared_kind::check: {
                    const std::vector<std::string> columns = sql::marker_columns(d.expression);
                    t.constraints.push_back({catalog::constraint_kind::check,
                                             d.name.empty() ? unused_name(t, "ck", columns) : d.name, columns,
                                             sql::resolve_columns(d.expression), {}});
                    break;
                }
                case declared_kind::unique:
                    if (current_rows.empty()) {
                        t.constraints.push_back({catalog::constraint_kind::unique,
                                                 d.name.empty() ? unused_name(t, "uq", d.columns) : d.name,
                                                 d.columns, {}, {}});
                    } else {
                        declared_constraint index;
                        index.kind = declared_kind::index;
                        index.name = d.name;
                        index.unique = true;
                        for (const std::string& c : d.columns) index.keys.push_back("<" + c + ">");
                        add_index(t, index, current_rows);
                    }
                    break;
                case declared_kind::index: add_index(t, d, current_rows); break;
                case declared_kind::foreign_key: {
                    t.constraints.push_back({catalog::constraint_kind::foreign_key,
                                             d.name.empty() ? unused_name(t, "fk", d.columns, d.target.name) : d.name,
                                             d.columns,
                                             {},
                                             catalog::foreign_key_target{d.target, d.target_columns, d.on_delete,
                                                                         d.on_update}});
                    if (d.indexed && !leads_an_index(t, d.columns)) {
                        declared_constraint index;
                        index.kind = declared_kind::index;
                        for (const std::string& c : d.columns) index.keys.push_back("<" + c + ">");
                        add_index(t, index, {});
                    }
                    break;
                }
            }
        }
    }

    /// Adds the tables the plugins produced to the catalog.
    void finish() {
        for (const std::string& key : table_keys_) catalog_.add(std::any_cast<catalog::table>(values_.at(key)));
        table_keys_.clear();
    }

    /// The convention's name, with _2, _3… appended while a constraint or index
    /// of the table already has it.
    std::string unused_name(const catalog::table& t, std::string_view prefix, const std::vector<std::string>& columns,
                            std::string_view referenced = {}) const {
        const std::string base = sql::convention_name(prefix, t.name.name, columns, referenced);
        std::string name = base;
        for (int n = 2; name_taken(t, name); ++n) name = sql::fit_identifier(base + "_" + std::to_string(n));
        return name;
    }

private:
    bool name_taken(const catalog::table& t, std::string_view name) const {
        for (const catalog::constraint& c : t.constraints)
            if (c.name == name) return true;
        for (const std::string& n : index_names_)
            if (n == name) return true;
        return false;
    }

    void add_index(const catalog::table& t, const declared_constraint& d, std::string_view current_rows) {
        std::vector<std::string> columns;
        for (const std::string& key : d.keys)
            for (std::string& c : sql::marker_columns(key)) columns.push_back(std::move(c));
        catalog::index index;
        index.name = {t.name.schema, d.name.empty() ? unused_name(t, d.unique ? "uq" : "ix", columns) : d.name};
        index.table = t.name;
        index.unique = d.unique;
        index.method = d.method;
        // Keys are written as PostgreSQL takes them: a column, a function call,
        // or a parenthesised expression, each optionally with an operator class.
        for (const std::string& key : d.keys) index.keys.push_back(sql::resolve_columns(key));
        index.include = d.columns;
        index.where = sql::resolve_columns(d.where);
        if (!current_rows.empty())
            index.where = index.where.empty() ? std::string(current_rows) : "(" + index.where + ") AND " + std::string(current_rows);
        index_names_.push_back(index.name.name);
        // An index serves a foreign key's lookups only if it covers every row
        // and its first key is the bare column.
        const bool bare_first_key =
            !d.keys.empty() && !columns.empty() && d.keys.front() == "<" + columns.front() + ">";
        if (index.where.empty() && bare_first_key) led_by_.push_back(t.name.name + "." + columns.front());
        catalog_.add(std::move(index));
    }

    // Whether an index of the table (its own, or a key's or unique
    // constraint's) already starts with `columns`' first column.
    bool leads_an_index(const catalog::table& t, const std::vector<std::string>& columns) const {
        if (columns.empty()) return false;
        for (const std::string& first : led_by_)
            if (first == t.name.name + "." + columns.front()) return true;
        for (const catalog::constraint& c : t.constraints)
            if ((c.kind == catalog::constraint_kind::primary_key || c.kind == catalog::constraint_kind::unique) &&
                !c.columns.empty() && c.columns.front() == columns.front())
                return true;
        return false;
    }

    template <class... Parts>
    std::string message(const Parts&... parts) const {
        std::string text = "pgcraft: a plugin of dimension " + dimension_.name + " ";
        ((text += parts), ...);
        return text;
    }

    dimension_info dimension_;
    catalog::catalog& catalog_;
    std::map<std::string, std::any, std::less<>> values_;
    std::vector<std::string> table_keys_;
    std::vector<std::string> index_names_;
    std::vector<std::string> led_by_;
};

}  // namespace pgcraft::generator
