// The inventory example on a live server, for the tests that use it: its
// catalog and DDL, a fresh database with the schema applied, and statements
// that insert rows (values always as parameters, never spliced into SQL).
#pragma once

#include <doctest/doctest.h>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include <pgcraft/generator/build_catalog.hpp>
#include <pgcraft/sql/quote.hpp>
#include <pgcraft/sql/render.hpp>

#include "database_queries.hpp"
#include "inventory.hpp"
#include "pg_cluster.hpp"
#include "printers.hpp"

namespace pgcraft_it {

inline const pgcraft::catalog::catalog& inventory_catalog() {
    static const pgcraft::catalog::catalog catalog = pgcraft::generator::build_catalog<inventory::schema>();
    return catalog;
}

inline std::string inventory_ddl() { return pgcraft::sql::render_ddl(inventory_catalog()); }

inline std::vector<const pgcraft::catalog::table*> inventory_tables() {
    return inventory_catalog().all<pgcraft::catalog::table>();
}

// A fresh database with the inventory schema applied, its session in UTC.
struct inventory_database {
    connection db = fresh_database();
    inventory_database() {
        apply_in_transaction(db, inventory_ddl());
        db.exec("SET TIME ZONE 'UTC'");
    }
};

/// A row to insert: (column, value) pairs.
using values = std::vector<std::pair<std::string, param>>;

inline std::string insert_sql(const std::string& table, const values& vs, std::string_view overriding = {}) {
    std::string columns;
    std::string placeholders;
    for (std::size_t i = 0; i < vs.size(); ++i) {
        columns += (i > 0 ? ", " : "") + pgcraft::sql::quote_identifier(vs[i].first);
        placeholders += (i > 0 ? ", $" : "$") + std::to_string(i + 1);
    }
    std::string sql = "INSERT INTO inventory." + table + " (" + columns + ") ";
    if (!overriding.empty()) sql += std::string(overriding) + " ";
    return sql + "VALUES (" + placeholders + ")";
}

inline std::vector<param> params_of(const values& vs) {
    std::vector<param> ps;
    for (const auto& v : vs) ps.push_back(v.second);
    return ps;
}

/// Inserts a row; how it failed, or nullopt.
inline std::optional<sql_failure> insert(connection& db, const std::string& table, const values& vs) {
    return db.failure_of(insert_sql(table, vs), params_of(vs));
}

/// Inserts a row and returns the value of `column` (the key), as text.
inline std::string insert_returning(connection& db, const std::string& table, const values& vs,
                                    const std::string& column) {
    return db.text(insert_sql(table, vs) + " RETURNING " + pgcraft::sql::quote_identifier(column), params_of(vs));
}

/// Inserts a row and returns its id.
inline std::string insert_returning_id(connection& db, const std::string& table, const values& vs) {
    return insert_returning(db, table, vs, "id");
}

/// The failure of a statement that must fail.
inline sql_failure failure(const std::optional<sql_failure>& f, std::string_view what) {
    INFO(what);
    REQUIRE_MESSAGE(f.has_value(), "the statement worked, but should have failed");
    return *f;
}

/// The row with `column` set to `value` (added if the row has no such column).
inline values with(values vs, const std::string& column, param value) {
    for (auto& v : vs)
        if (v.first == column) {
            v.second = std::move(value);
            return vs;
        }
    vs.emplace_back(column, std::move(value));
    return vs;
}

/// The row without `column`.
inline values without(values vs, const std::string& column) {
    std::erase_if(vs, [&](const auto& v) { return v.first == column; });
    return vs;
}

/// A number not used before in this process, for values that must be unique.
inline std::string unique_number() {
    static int counter = 0;
    return std::to_string(++counter);
}

// Valid rows, each with fresh values where the schema wants them unique
// (vendors' names among active vendors, products' skus, warehouses' codes).
inline values a_vendor() { return {{"name", "Vendor " + unique_number()}}; }
inline values a_product(const std::string& vendor_id) {
    return {{"vendor_id", vendor_id}, {"name", "Widget"}, {"sku", "W-" + unique_number()}, {"price", "1"},
            {"reorder_level", "1"}};
}
inline values a_warehouse() { return {{"code", "W" + unique_number()}, {"city", "Amsterdam"}, {"docks", "4"}}; }
inline values a_movement(const std::string& product_id) {
    return {{"product_id", product_id}, {"quantity", "3"}, {"unit_cost", "2.50"}};
}

/// A new vendor's id; a new product's id (of a new vendor unless given).
inline std::string new_vendor(connection& db) { return insert_returning_id(db, "vendors", a_vendor()); }
inline std::string new_product(connection& db, const std::string& vendor_id) {
    return insert_returning_id(db, "products", a_product(vendor_id));
}
inline std::string new_product(connection& db) { return new_product(db, new_vendor(db)); }

}  // namespace pgcraft_it
