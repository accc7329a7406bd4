// The inventory example's constraints and indexes on a live server: each
// violation is rejected with its SQLSTATE and names the constraint (so that
// an application can tell them apart), valid rows pass, the generated column
// computes, and the indexes exist and serve the queries they are for.
#include <doctest/doctest.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "inventory_fixture.hpp"
#include "pg_cluster.hpp"
#include "printers.hpp"

namespace {

using namespace pgcraft_it;

// The statement failed with `sqlstate`, and the error names `constraint`,
// both in its constraint field and in its message.
void check_violation(const std::optional<sql_failure>& f, std::string_view what, const std::string& sqlstate,
                     const std::string& constraint) {
    const sql_failure got = failure(f, what);
    INFO(what << ": " << got);
    CHECK(got.sqlstate == sqlstate);
    CHECK(got.constraint == constraint);
    CHECK(got.message.find("\"" + constraint + "\"") != std::string::npos);
}

std::string count_of(connection& db, const std::string& table) {
    return db.text("SELECT count(*) FROM inventory." + table);
}

// The plan of a query, one line per row of EXPLAIN's output.
std::string plan_of(connection& db, const std::string& query) {
    std::vector<std::string> plan;
    for (const row& r : db.query("EXPLAIN (COSTS OFF) " + query)) plan.push_back(r[0].value_or(""));
    return lines(plan);
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

TEST_SUITE("constraints") {

TEST_CASE("valid rows satisfy every constraint") {
    inventory_database d;
    connection& db = d.db;

    // Two vendors may share a name when one of them is inactive.
    const std::string acme = insert_returning_id(db, "vendors", {{"name", "Acme"}});
    REQUIRE_FALSE(insert(db, "vendors", {{"name", "ACME"}, {"active", "false"}}));
    const std::string bolt = insert_returning_id(db, "vendors", {{"name", "Bolt & Co"}});

    // Prices from zero; products may share a name, and a vendor; skus differ (also by case only).
    const std::string widget = insert_returning_id(db, "products", with(a_product(acme), "price", "0"));
    const std::string gadget =
        insert_returning_id(db, "products", with(with(a_product(acme), "sku", "G-1"), "price", "12.50"));
    REQUIRE_FALSE(insert(db, "products", with(with(a_product(bolt), "sku", "g-1"), "name", "WIDGET")));
    REQUIRE_FALSE(insert(db, "warehouse", with(a_warehouse(), "code", "AMS1")));
    REQUIRE_FALSE(insert(db, "warehouse", with(a_warehouse(), "code", "ams1")));

    // Movements in and out, at any unit cost from zero.
    struct movement {
        std::string product;
        std::string quantity;
        std::string unit_cost;
    };
    for (const movement& m : {movement{widget, "10", "0"}, movement{widget, "-1", "1.99"}, movement{gadget, "1", "12.50"}}) {
        CAPTURE(m.quantity);
        CHECK_FALSE(insert(db, "stock_movements",
                           {{"product_id", m.product}, {"quantity", m.quantity}, {"unit_cost", m.unit_cost}}));
    }
    CHECK(count_of(db, "vendors") == "3");
    CHECK(count_of(db, "products") == "3");
    CHECK(count_of(db, "warehouse") == "2");
    CHECK(count_of(db, "stock_movements") == "3");
    // And rows that violate nothing can be updated and deleted.
    CHECK_FALSE(db.failure_of("UPDATE inventory.products SET price = price + 1, sku = sku || '-2'"));
    CHECK_FALSE(db.failure_of("DELETE FROM inventory.stock_movements"));
    CHECK_FALSE(db.failure_of("DELETE FROM inventory.products"));
    CHECK_FALSE(db.failure_of("DELETE FROM inventory.vendors"));
}

TEST_CASE("checks reject what they forbid, naming the constraint") {
    inventory_database d;
    connection& db = d.db;
    const std::string vendor = new_vendor(db);

    SUBCASE("products.price >= 0: ck__products__price") {
        check_violation(insert(db, "products", with(a_product(vendor), "price", "-0.01")), "a negative price",
                        "23514", "ck__products__price");
        CHECK(count_of(db, "products") == "0");
        const std::string product = insert_returning_id(db, "products", with(a_product(vendor), "price", "0"));
        check_violation(db.failure_of("UPDATE inventory.products SET price = -1 WHERE id = $1", {product}),
                        "an update to a negative price", "23514", "ck__products__price");
        CHECK(db.text("SELECT price FROM inventory.products WHERE id = $1", {product}) == "0.00");
    }

    SUBCASE("stock_movements.quantity <> 0: quantity_not_zero, named as declared") {
        const std::string product = new_product(db, vendor);
        check_violation(insert(db, "stock_movements", with(a_movement(product), "quantity", "0")),
                        "a movement of nothing", "23514", "quantity_not_zero");
        CHECK(count_of(db, "stock_movements") == "0");
        const std::string movement =
            insert_returning(db, "stock_movements", with(a_movement(product), "quantity", "-1"), "movement_id");
        check_violation(
            db.failure_of("UPDATE inventory.stock_movements SET quantity = 0 WHERE movement_id = $1", {movement}),
            "an update to a movement of nothing", "23514", "quantity_not_zero");
        CHECK(db.text("SELECT quantity FROM inventory.stock_movements WHERE movement_id = $1", {movement}) == "-1");
    }
}

TEST_CASE("unique constraints reject a second row with the same key, naming the constraint") {
    inventory_database d;
    connection& db = d.db;

    SUBCASE("products.sku: uq__products__sku, across vendors") {
        const std::string acme = new_vendor(db);
        const std::string bolt = new_vendor(db);
        const std::string first = insert_returning_id(db, "products", with(a_product(acme), "sku", "W-1"));
        check_violation(insert(db, "products", with(a_product(acme), "sku", "W-1")), "a repeated sku", "23505",
                        "uq__products__sku");
        check_violation(insert(db, "products", with(a_product(bolt), "sku", "W-1")),
                        "a repeated sku of another vendor", "23505", "uq__products__sku");
        const std::string second = insert_returning_id(db, "products", with(a_product(bolt), "sku", "W-2"));
        check_violation(db.failure_of("UPDATE inventory.products SET sku = 'W-1' WHERE id = $1", {second}),
                        "an update to a taken sku", "23505", "uq__products__sku");
        CHECK(show(db.query("SELECT id, sku FROM inventory.products ORDER BY id")) ==
              first + "|W-1\n" + second + "|W-2");
    }

    SUBCASE("warehouse.code: uq__warehouse__code") {
        REQUIRE_FALSE(insert(db, "warehouse", with(a_warehouse(), "code", "AMS1")));
        check_violation(insert(db, "warehouse", with(with(a_warehouse(), "code", "AMS1"), "city", "Elsewhere")),
                        "a repeated code", "23505", "uq__warehouse__code");
        CHECK(count_of(db, "warehouse") == "1");
    }
}

TEST_CASE("foreign keys reject references to nothing, and the deletion of what is referenced") {
    inventory_database d;
    connection& db = d.db;
    const std::string vendor = new_vendor(db);
    const std::string product = new_product(db, vendor);
    const std::string missing = "999999";

    SUBCASE("products.vendor_id: fk__products__vendor_id__vendors, ON DELETE RESTRICT") {
        check_violation(insert(db, "products", a_product(missing)), "a product of no vendor", "23503",
                        "fk__products__vendor_id__vendors");
        check_violation(db.failure_of("UPDATE inventory.products SET vendor_id = $1 WHERE id = $2", {missing, product}),
                        "an update to no vendor", "23503", "fk__products__vendor_id__vendors");
        check_violation(db.failure_of("DELETE FROM inventory.vendors WHERE id = $1", {vendor}),
                        "deleting a vendor that has products", "23503", "fk__products__vendor_id__vendors");
        CHECK(db.text("SELECT count(*) FROM inventory.vendors WHERE id = $1", {vendor}) == "1");
        CHECK(db.text("SELECT vendor_id FROM inventory.products WHERE id = $1", {product}) == vendor);

        // RESTRICT, not NO ACTION: NO ACTION lets a statement delete the
        // referenced row if the same statement puts the key back; RESTRICT
        // refuses the deletion itself.
        const std::string delete_and_put_back =
            "WITH gone AS (DELETE FROM inventory.vendors WHERE id = $1 RETURNING id, name) "
            "INSERT INTO inventory.vendors (id, name) OVERRIDING SYSTEM VALUE SELECT id, name FROM gone";
        check_violation(db.failure_of(delete_and_put_back, {vendor}), "deleting a vendor and putting it back",
                        "23503", "fk__products__vendor_id__vendors");

        // A vendor that nothing references can go; so can this one, once its products have.
        const std::string unreferenced = new_vendor(db);
        CHECK_FALSE(db.failure_of("DELETE FROM inventory.vendors WHERE id = $1", {unreferenced}));
        CHECK_FALSE(db.failure_of("DELETE FROM inventory.products WHERE vendor_id = $1", {vendor}));
        CHECK_FALSE(db.failure_of("DELETE FROM inventory.vendors WHERE id = $1", {vendor}));
        CHECK(count_of(db, "vendors") == "0");
    }

    SUBCASE("stock_movements.product_id: fk__stock_movements__product_id__products, NO ACTION") {
        check_violation(insert(db, "stock_movements", a_movement(missing)), "a movement of no product", "23503",
                        "fk__stock_movements__product_id__products");
        const std::string movement = insert_returning(db, "stock_movements", a_movement(product), "movement_id");
        check_violation(db.failure_of("DELETE FROM inventory.products WHERE id = $1", {product}),
                        "deleting a product that has movements", "23503",
                        "fk__stock_movements__product_id__products");
        // NO ACTION (the default): the key may go if the same statement puts it back.
        const std::string delete_and_put_back =
            "WITH gone AS (DELETE FROM inventory.products WHERE id = $1 RETURNING *) "
            "INSERT INTO inventory.products (id, vendor_id, name, sku, price, reorder_level) "
            "OVERRIDING SYSTEM VALUE SELECT id, vendor_id, name, sku, price, reorder_level FROM gone";
        CHECK_FALSE(db.failure_of(delete_and_put_back, {product}));
        CHECK(db.text("SELECT product_id FROM inventory.stock_movements WHERE movement_id = $1", {movement}) ==
              product);
    }
}

TEST_CASE("the partial unique index: active vendors have distinct names, whatever their case") {
    inventory_database d;
    connection& db = d.db;
    auto vendor = [&](const std::string& name, const std::string& active) {
        return insert(db, "vendors", {{"name", name}, {"active", active}});
    };

    // Inactive vendors may share a name, with each other and with one active vendor.
    CHECK_FALSE(vendor("Acme", "false"));
    CHECK_FALSE(vendor("Acme", "false"));
    CHECK_FALSE(vendor("acme", "true"));
    CHECK_FALSE(vendor("Bolt", "true"));
    // A second active one may not, in any case.
    check_violation(vendor("Acme", "true"), "a second active Acme", "23505", "uq__vendors__name");
    check_violation(vendor("ACME", "true"), "a second active ACME", "23505", "uq__vendors__name");
    check_violation(db.failure_of("UPDATE inventory.vendors SET active = true WHERE name = 'Acme'"),
                    "activating an inactive Acme", "23505", "uq__vendors__name");
    check_violation(db.failure_of("UPDATE inventory.vendors SET name = 'BOLT' WHERE name = 'acme'"),
                    "renaming an active vendor to an active vendor's name", "23505", "uq__vendors__name");
    CHECK(show(db.query("SELECT name, active FROM inventory.vendors ORDER BY id")) ==
          "Acme|f\nAcme|f\nacme|t\nBolt|t");
    // Once the active one is not, another may be.
    CHECK_FALSE(db.failure_of("UPDATE inventory.vendors SET active = false WHERE name = 'acme'"));
    CHECK_FALSE(db.failure_of("UPDATE inventory.vendors SET active = true "
                              "WHERE id = (SELECT min(id) FROM inventory.vendors WHERE name = 'Acme')"));
    CHECK(db.text("SELECT count(*) FROM inventory.vendors WHERE active") == "2");
}

TEST_CASE("the generated column: total_cost is computed, and cannot be written") {
    inventory_database d;
    connection& db = d.db;
    const std::string product = new_product(db);
    auto total_of = [&](const std::string& movement) {
        return db.text("SELECT total_cost FROM inventory.stock_movements WHERE movement_id = $1", {movement});
    };

    const std::string in = insert_returning(db, "stock_movements",
                                            {{"product_id", product}, {"quantity", "3"}, {"unit_cost", "2.50"}},
                                            "movement_id");
    CHECK(total_of(in) == "7.50");
    const std::string out = insert_returning(db, "stock_movements",
                                             {{"product_id", product}, {"quantity", "-2"}, {"unit_cost", "19.99"}},
                                             "movement_id");
    CHECK(total_of(out) == "-39.98");
    // Recomputed when what it is computed from changes.
    REQUIRE_FALSE(
        db.failure_of("UPDATE inventory.stock_movements SET unit_cost = 4, quantity = 5 WHERE movement_id = $1", {in}));
    CHECK(total_of(in) == "20.00");
    // DEFAULT is the one value it may be given.
    const std::string defaulted = db.text("INSERT INTO inventory.stock_movements (product_id, quantity, unit_cost, "
                                          "total_cost) VALUES ($1, 2, 1.25, DEFAULT) RETURNING total_cost",
                                          {product});
    CHECK(defaulted == "2.50");

    // Any other value is refused (generated_always), even the right one, even
    // with OVERRIDING SYSTEM VALUE (which lets an identity through).
    const values explicit_total = with(a_movement(product), "total_cost", "7.50");
    sql_failure f = failure(insert(db, "stock_movements", explicit_total), "an explicit total_cost");
    CHECK(f.sqlstate == "428C9");
    CHECK(contains(f.message, "\"total_cost\""));
    f = failure(db.failure_of(insert_sql("stock_movements", explicit_total, "OVERRIDING SYSTEM VALUE"),
                              params_of(explicit_total)),
                "an explicit total_cost, overriding");
    CHECK(f.sqlstate == "428C9");
    f = failure(db.failure_of("UPDATE inventory.stock_movements SET total_cost = 1"), "an update of total_cost");
    CHECK(f.sqlstate == "428C9");
    CHECK(contains(f.message, "\"total_cost\""));
    CHECK(count_of(db, "stock_movements") == "3");
    CHECK(db.text("SELECT bool_and(total_cost = quantity * unit_cost) FROM inventory.stock_movements") == "t");
}

TEST_CASE("each foreign key has an index on its columns, and the planner uses it") {
    inventory_database d;
    connection& db = d.db;
    const std::string product = new_product(db);
    for (int i = 0; i < 3; ++i) REQUIRE_FALSE(insert(db, "stock_movements", a_movement(product)));
    db.exec("ANALYZE");

    // (index, table, key columns, what the query looks up)
    struct fk_index {
        std::string name;
        std::string table;
        std::string columns;
        std::string query;
    };
    for (const fk_index& ix :
         {fk_index{"ix__stock_movements__product_id", "stock_movements", "product_id",
                   "SELECT * FROM inventory.stock_movements WHERE product_id = 1"},
          fk_index{"ix__products__vendor_id", "products", "vendor_id",
                   "SELECT * FROM inventory.products WHERE vendor_id = 1"}}) {
        CAPTURE(ix.name);
        // A plain, valid b-tree index on exactly the foreign key's columns, no predicate.
        const std::vector<row> found =
            db.query("SELECT i.indrelid::regclass::text, i.indisunique, i.indisvalid, i.indpred IS NULL, am.amname, "
                     "(SELECT string_agg(a.attname, ',' ORDER BY k.i) FROM unnest(i.indkey) WITH ORDINALITY k(n, i) "
                     " JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.n) "
                     "FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am am ON am.oid = c.relam "
                     "WHERE i.indexrelid = to_regclass($1)",
                     {"inventory." + ix.name});
        CHECK(show(found) == "inventory." + ix.table + "|f|t|t|btree|" + ix.columns);

        // With sequential scans ruled out, the lookup is an index scan on it
        // (without the index it would still be a sequential scan).
        db.exec("SET enable_seqscan = off");
        db.exec("SET enable_bitmapscan = off");
        const std::string plan = plan_of(db, ix.query);
        INFO("plan:\n" << plan);
        CHECK(contains(plan, "Index Scan using " + ix.name + " on " + ix.table));
        db.exec("RESET enable_seqscan");
        db.exec("RESET enable_bitmapscan");
    }
}

TEST_CASE("the expression indexes on lower(name) exist and serve case-insensitive lookups") {
    inventory_database d;
    connection& db = d.db;
    auto definition = [&](const std::string& index) {
        return db.value("SELECT pg_get_indexdef(to_regclass($1))", {"inventory." + index});
    };
    CHECK(definition("ix__products__name") ==
          "CREATE INDEX ix__products__name ON inventory.products USING btree (lower(name))");
    CHECK(definition("uq__vendors__name") ==
          "CREATE UNIQUE INDEX uq__vendors__name ON inventory.vendors USING btree (lower(name)) WHERE active");

    db.exec("SET enable_seqscan = off");
    db.exec("SET enable_bitmapscan = off");
    std::string plan = plan_of(db, "SELECT * FROM inventory.products WHERE lower(name) = 'widget'");
    INFO("plan:\n" << plan);
    CHECK(contains(plan, "Index Scan using ix__products__name on products"));
    plan = plan_of(db, "SELECT * FROM inventory.vendors WHERE lower(name) = 'acme' AND active");
    CHECK(contains(plan, "Index Scan using uq__vendors__name on vendors"));
    // The partial index holds active vendors only: it cannot answer for the others.
    plan = plan_of(db, "SELECT * FROM inventory.vendors WHERE lower(name) = 'acme'");
    CHECK_FALSE(contains(plan, "uq__vendors__name"));
}

}  // TEST_SUITE
