// What a plugin's run() works with: the dimension it runs for, the values
// earlier plugins produced (by key), and the schema's catalog. Tables are
// built here, under their keys, and join the catalog when the dimension's
// last plugin has run, in the order they were produced.
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
#include <pgcraft/generator/dimension_info.hpp>
#include <pgcraft/plugins/primary_keys.hpp>

namespace pgcraft::generator {

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
    catalog::table_definition& table(std::string_view key);
    /// The table with this id that a plugin of the dimension produced, or null.
    const catalog::table_definition* produced_table(const catalog::object_id& id) const;
    /// Adds a column to the table produced under `table_key`.
    void add_column(std::string_view table_key, catalog::column column, std::string comment = {});
    /// Hands a table to later plugins under `table_key`; it joins the catalog
    /// when the dimension's last plugin has run.
    void produce_table(std::string_view table_key, catalog::table_definition t);
    /// Adds an index to the catalog, remembering its name for unused_name().
    void add_index(catalog::index index);
    /// Adds the tables the plugins produced to the catalog.
    void finish();

    /// The convention's name, with _2, _3… appended while a constraint or index
    /// of the table already has it.
    std::string unused_name(const catalog::table_definition& t, std::string_view prefix,
                            const std::vector<std::string>& columns, std::string_view referenced = {}) const;
    /// Whether an index of the table (its own, or a key's or unique
    /// constraint's) covers every row and leads with `column`.
    bool leads_an_index(const catalog::table_definition& t, std::string_view column) const;

    /// "pgcraft: a plugin of dimension <name> <parts…>", for errors.
    template <class... Parts>
    std::string message(const Parts&... parts) const {
        std::string text = "pgcraft: a plugin of dimension " + dimension_.name + " ";
        ((text += parts), ...);
        return text;
    }

private:
    dimension_info dimension_;
    catalog::catalog& catalog_;
    std::map<std::string, std::any, std::less<>> values_;
    std::vector<std::string> table_keys_;
    std::vector<catalog::index> indexes_;  ///< added by this dimension's plugins
};

}  // namespace pgcraft::generator
