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
#include <pgcraft/sql/naming.hpp>
#include <pgcraft/sql/quote.hpp>

namespace pgcraft::generator {

/// A member's column, with the C++ range its SQL type must be held to.
struct member_column {
    catalog::column column;
    std::string min_value;  ///< empty: no range check
    std::string max_value;
};

/// The run-time copy of a dimension's compile-time plan.
struct dimension_info {
    std::string name;  ///< the struct's name
    catalog::qualified_name table;
    std::string comment;
    std::vector<member_column> members;
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
        t.columns.push_back({key.column, key.type, false, key.identity, key.default_sql, key_comment});
        for (const member_column& m : dimension_.members)
            if (m.column.name != key.column) t.columns.push_back(m.column);

        const std::vector<std::string> key_columns{key.column};
        t.constraints.push_back({catalog::constraint_kind::primary_key,
                                 sql::convention_name("pk", t.name.name, key_columns), key_columns, {}, {}});
        for (const member_column& m : dimension_.members) {
            if (m.min_value.empty() || m.column.name == key.column) continue;
            const std::vector<std::string> columns{m.column.name};
            t.constraints.push_back({catalog::constraint_kind::check, sql::convention_name("ck", t.name.name, columns),
                                     columns,
                                     sql::quote_identifier(m.column.name) + " BETWEEN " + m.min_value + " AND " +
                                         m.max_value,
                                     {}});
        }
        if (t.name.schema != "public") catalog_.add_once(catalog::schema{t.name.schema});
        set(table_key, std::move(t));
        table_keys_.emplace_back(table_key);
    }

    /// Adds the tables the plugins produced to the catalog.
    void finish() {
        for (const std::string& key : table_keys_) catalog_.add(std::any_cast<catalog::table>(values_.at(key)));
        table_keys_.clear();
    }

private:
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
};

}  // namespace pgcraft::generator
