// The inventory example's schema on a live server: it applies, and every
// table behaves as its C++ declaration says.
#include <doctest/doctest.h>

#include <algorithm>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include <pgcraft/live/drift.hpp>
#include <pgcraft/sql/quote.hpp>

#include "database_queries.hpp"
#include "inventory_fixture.hpp"
#include "pg_cluster.hpp"
#include "printers.hpp"

namespace {

using namespace pgcraft_it;
namespace cat = pgcraft::catalog;

// A valid value of each SQL type the inventory uses, as text. Texts are new
// each time, as a text may have to be unique (skus, codes, vendors' names).
std::string sample_value(const std::string& type) {
    if (type == "text" || type.rfind("varchar(", 0) == 0) return "x" + unique_number();
    if (type == "bigint" || type == "integer" || type == "smallint" || type.rfind("numeric", 0) == 0) return "1";
    if (type == "boolean") return "true";
    if (type == "timestamptz") return "2024-01-01 00:00:00+00";
    if (type == "date") return "2024-01-01";
    if (type == "uuid") {  // a new one each time, as a uuid may be a key
        static int counter = 0;
        const std::string digits = std::to_string(++counter);
        return "00000000-0000-4000-8000-" + std::string(12 - digits.size(), '0') + digits;
    }
    throw std::runtime_error("the test has no sample value for SQL type " + type);
}

// A valid value for a column of a table: for a column of a foreign key, a
// value the referenced table has (the catalog lists referenced tables first,
// so a test that fills the tables in order finds one).
std::string sample_value(connection& db, const cat::table& t, const cat::column& c) {
    for (const cat::constraint* k : inventory_catalog().constraints_of(t.name)) {
        if (!k->references) continue;
        const auto at = std::find(k->columns.begin(), k->columns.end(), c.name);
        if (at == k->columns.end()) continue;
        const std::string target = k->references->columns.at(static_cast<std::size_t>(at - k->columns.begin()));
        const auto value = db.value("SELECT " + pgcraft::sql::quote_identifier(target) + "::text FROM " +
                                    pgcraft::sql::quote_qualified(k->references->table) + " LIMIT 1");
        if (!value) throw std::runtime_error("no row in " + k->references->table.name + " for " + k->name);
        return *value;
    }
    if (!c.user_type.name.empty()) throw std::runtime_error("the test has no sample value for " + c.name);
    return sample_value(c.type);
}

}  // namespace

TEST_SUITE("inventory") {

TEST_CASE("the inventory DDL applies in one transaction, and only as a whole") {
    connection db = fresh_database();
    const std::string ddl = inventory_ddl();

    // Transactional: rolled back, it leaves nothing behind (the role is the
    // cluster's, so another test's database may have made it already).
    const std::string roles_before = db.text("SELECT count(*) FROM pg_roles WHERE rolname = 'inventory_reader'");
    db.exec("BEGIN");
    db.exec(ddl);
    CHECK_FALSE(user_relations(db).empty());
    db.exec("ROLLBACK");
    CHECK(user_relations(db).empty());
    CHECK(user_schemas(db).empty());
    CHECK(db.text("SELECT count(*) FROM pg_roles WHERE rolname = 'inventory_reader'") == roles_before);

    apply_in_transaction(db, ddl);
    const std::vector<std::string> notices = db.take_notices();
    INFO("notices:\n" << lines(notices));
    CHECK(notices.empty());
    CHECK(user_schemas(db) == std::vector<std::string>{"inventory"});
    std::vector<std::string> relations = user_relations(db);
    std::sort(relations.begin(), relations.end());
    // The tables, the indexes of their primary keys and unique constraints, the
    // declared indexes, the foreign keys' default indexes and the identity
    // sequences, nothing else.
    CHECK(lines(relations) == lines({"inventory.ix__products__name", "inventory.ix__products__vendor_id",
                                     "inventory.ix__stock_movements__product_id", "inventory.pk__products__id",
                                     "inventory.pk__stock_movements__movement_id", "inventory.pk__vendors__id",
                                     "inventory.pk__warehouse__id", "inventory.products",
                                     "inventory.products_id_seq", "inventory.stock_movements",
                                     "inventory.uq__products__sku", "inventory.uq__vendors__name",
                                     "inventory.uq__warehouse__code", "inventory.vendors",
                                     "inventory.vendors_id_seq", "inventory.warehouse",
                                     "inventory.warehouse_id_seq"}));
    CHECK(db.text("SELECT count(*) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace "
                  "WHERE n.nspname = 'inventory'") == "1");

    // Applied to a second database of the same cluster, where the role exists already.
    connection second = fresh_database();
    CHECK(db.text("SELECT count(*) FROM pg_roles WHERE rolname = 'inventory_reader'") == "1");
    apply_in_transaction(second, ddl);
    CHECK(lines(second.take_notices()).empty());
}

TEST_CASE("the live tables are what the catalog declares") {
    inventory_database d;
    const std::vector<pgcraft::live::difference> drift = pgcraft::live::drift(d.db.conninfo(), inventory_catalog());
    INFO("drift:\n" << lines(described(drift)));
    CHECK(drift.empty());

    // And the SQL types are the ones the C++ member types map to.
    auto columns_of = [&](const std::string& table) {
        std::vector<std::string> columns;
        for (const row& r : d.db.query("SELECT column_name || ' ' || "
                                       "format_type(a.atttypid, a.atttypmod) || ' ' || c.is_nullable "
                                       "FROM information_schema.columns c "
                                       "JOIN pg_attribute a ON a.attrelid = $1::regclass AND a.attname = c.column_name "
                                       "WHERE c.table_schema = 'inventory' AND c.table_name = $2 "
                                       "ORDER BY c.ordinal_position",
                                       {"inventory." + table, table}))
            columns.push_back(r[0].value_or(""));
        return lines(columns);
    };
    CHECK(columns_of("vendors") == lines({"id bigint NO", "name text NO", "website text YES", "active boolean NO"}));
    CHECK(columns_of("products") == lines({"id bigint NO", "vendor_id bigint NO", "name text NO",
                                           "sku character varying(32) NO", "price numeric(10,2) NO",
                                           "notes text YES", "reorder_level bigint NO",
                                           "created_at timestamp with time zone NO"}));
    CHECK(columns_of("warehouse") == lines({"id bigint NO", "code character varying(8) NO", "city text NO",
                                            "docks smallint NO", "external_ref uuid NO", "opened_on date YES"}));
    CHECK(columns_of("stock_movements") == lines({"movement_id uuid NO", "product_id bigint NO",
                                                  "quantity integer NO", "unit_cost numeric(10,2) NO",
                                                  "total_cost numeric(14,2) NO", "reason text YES",
                                                  "recorded_at timestamp with time zone NO"}));
}

TEST_CASE("the drift from the catalog names a constraint, a generated column or an index that is not as declared") {
    // The inventory DDL with five things changed: each must be reported, and nothing else.
    std::string ddl = inventory_ddl();
    auto change = [&](const std::string& from, const std::string& to) {
        const auto at = ddl.find(from);
        REQUIRE_MESSAGE(at != std::string::npos, "the DDL has no " << from);
        ddl.replace(at, from.size(), to);
    };
    change(" ON DELETE RESTRICT", "");
    change("CHECK (price >= 0)", "CHECK (price > 0)");
    change("GENERATED ALWAYS AS (quantity * unit_cost)", "GENERATED ALWAYS AS (quantity * unit_cost + 1)");
    change("ON inventory.vendors (lower(name)) WHERE active", "ON inventory.vendors (lower(name))");
    change("ON inventory.products (lower(name))", "ON inventory.products (name)");
    connection db = fresh_database();
    apply_in_transaction(db, ddl);

    std::vector<std::string> drift = described(pgcraft::live::drift(db.conninfo(), inventory_catalog()));
    std::sort(drift.begin(), drift.end());
    INFO("drift:\n" << lines(drift));
    CHECK(lines(drift) ==
          lines({"different: column inventory.stock_movements.total_cost (generated: '((quantity)::numeric * "
                 "unit_cost)' declared, '(((quantity)::numeric * unit_cost) + (1)::numeric)' in the database)",
                 "different: constraint inventory.products.ck__products__price (definition: 'CHECK ((price >= "
                 "(0)::numeric))' declared, 'CHECK ((price > (0)::numeric))' in the database)",
                 "different: constraint inventory.products.fk__products__vendor_id__vendors (definition: 'FOREIGN KEY "
                 "(vendor_id) REFERENCES inventory.vendors(id) ON DELETE RESTRICT' declared, 'FOREIGN KEY (vendor_id) "
                 "REFERENCES inventory.vendors(id)' in the database)",
                 "different: index inventory.ix__products__name (definition: 'CREATE INDEX ix__products__name ON "
                 "inventory.products USING btree (lower(name))' declared, 'CREATE INDEX ix__products__name ON "
                 "inventory.products USING btree (name)' in the database)",
                 "different: index inventory.uq__vendors__name (definition: 'CREATE UNIQUE INDEX uq__vendors__name ON "
                 "inventory.vendors USING btree (lower(name)) WHERE active' declared, 'CREATE UNIQUE INDEX "
                 "uq__vendors__name ON inventory.vendors USING btree (lower(name))' in the database)"}));
}

TEST_CASE("rows read back as they were written") {
    inventory_database d;
    connection& db = d.db;

    const std::string vendor =
        insert_returning_id(db, "vendors", {{"name", "Acme"}, {"website", "https://acme.example"}, {"active", "false"}});
    CHECK(show(db.query("SELECT name, website, active FROM inventory.vendors WHERE id = $1", {vendor})) ==
          "Acme|https://acme.example|f");

    const std::string product = insert_returning_id(db, "products",
                                                    {{"vendor_id", vendor},
                                                     {"name", "Widget"},
                                                     {"sku", "WID-0001"},
                                                     {"price", "12.5"},
                                                     {"notes", "fragile"},
                                                     {"reorder_level", "4000000000"},  // above int4's range
                                                     {"created_at", "2024-05-06 07:08:09.123456+00"}});
    CHECK(show(db.query("SELECT vendor_id, name, sku, price, notes, reorder_level, created_at "
                        "FROM inventory.products WHERE id = $1",
                        {product})) ==
          vendor + "|Widget|WID-0001|12.50|fragile|4000000000|2024-05-06 07:08:09.123456+00");

    const std::string warehouse = insert_returning_id(db, "warehouse",
                                                      {{"code", "AMS1"},
                                                       {"city", "Amsterdam"},
                                                       {"docks", "12"},
                                                       {"external_ref", "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"},
                                                       {"opened_on", "2020-02-29"}});
    CHECK(show(db.query("SELECT code, city, docks, external_ref, opened_on FROM inventory.warehouse WHERE id = $1",
                        {warehouse})) == "AMS1|Amsterdam|12|a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11|2020-02-29");

    const values movement{{"movement_id", "0b5e2f9c-3c1d-4e8a-9f00-1234567890ab"},
                          {"product_id", product},
                          {"quantity", "-2147483648"},
                          {"unit_cost", "0.01"},
                          {"reason", "it's \\ broken"},
                          {"recorded_at", "2024-12-31 23:59:59.999999+00"}};
    REQUIRE_FALSE(insert(db, "stock_movements", movement));
    CHECK(show(db.query("SELECT movement_id, product_id, quantity, unit_cost, total_cost, reason, recorded_at "
                        "FROM inventory.stock_movements")) ==
          "0b5e2f9c-3c1d-4e8a-9f00-1234567890ab|" + product +
              "|-2147483648|0.01|-21474836.48|it's \\ broken|2024-12-31 23:59:59.999999+00");
}

TEST_CASE("the identity id is assigned by the database, and cannot be supplied") {
    // (stock_movements has a uuid key instead: see "declared defaults apply".)
    inventory_database d;
    connection& db = d.db;

    CHECK(insert_returning_id(db, "vendors", a_vendor()) == "1");
    CHECK(insert_returning_id(db, "vendors", a_vendor()) == "2");
    CHECK(insert_returning_id(db, "products", a_product("2")) == "1");
    CHECK(insert_returning_id(db, "warehouse", a_warehouse()) == "1");

    for (const auto& table_and_row : {std::pair{"vendors", a_vendor()}, std::pair{"products", a_product("1")},
                                      std::pair{"warehouse", a_warehouse()}}) {
        const std::string table = table_and_row.first;  // not a structured binding: CAPTURE is a lambda
        CAPTURE(table);
        const values with_id = with(table_and_row.second, "id", "100");
        const sql_failure f = failure(insert(db, table, with_id), "an explicit id");
        CHECK(f.sqlstate == "428C9");  // generated_always
        // GENERATED ALWAYS, not BY DEFAULT: only an explicit override gets through.
        CHECK_FALSE(db.failure_of(insert_sql(table, with_id, "OVERRIDING SYSTEM VALUE"), params_of(with_id)));
        CHECK(db.text(std::string("SELECT count(*) FROM inventory.") + table + " WHERE id = 100") == "1");
    }
}

TEST_CASE("declared defaults apply") {
    inventory_database d;
    connection& db = d.db;

    SUBCASE("vendors.active defaults to true") {
        const std::string id = insert_returning_id(db, "vendors", a_vendor());
        CHECK(db.text("SELECT active FROM inventory.vendors WHERE id = $1", {id}) == "t");
        // An explicit value wins over the default.
        const std::string other = insert_returning_id(db, "vendors", with(a_vendor(), "active", "false"));
        CHECK(db.text("SELECT active FROM inventory.vendors WHERE id = $1", {other}) == "f");
    }

    SUBCASE("products.created_at is the inserting transaction's now()") {
        const std::string vendor = new_vendor(db);
        const std::string before = db.text("SELECT clock_timestamp()");
        // Two transactions a moment apart (each statement is its own transaction).
        const std::string first = insert_returning_id(db, "products", a_product(vendor));
        db.exec("SELECT pg_sleep(0.02)");
        const std::string second = insert_returning_id(db, "products", a_product(vendor));
        CHECK(db.text("SELECT (SELECT created_at FROM inventory.products WHERE id = $2) > "
                      "(SELECT created_at FROM inventory.products WHERE id = $1)",
                      {first, second}) == "t");
        CHECK(db.text("SELECT bool_and(created_at BETWEEN $1::timestamptz AND clock_timestamp()) "
                      "FROM inventory.products",
                      {before}) == "t");
        // now() is the transaction's start: two rows of one transaction share it.
        db.exec("BEGIN");
        const std::string third = insert_returning_id(db, "products", a_product(vendor));
        db.exec("SELECT pg_sleep(0.02)");
        const std::string fourth = insert_returning_id(db, "products", a_product(vendor));
        db.exec("COMMIT");
        CHECK(db.text("SELECT count(DISTINCT created_at) FROM inventory.products WHERE id IN ($1, $2)",
                      {third, fourth}) == "1");
    }

    SUBCASE("stock_movements gets a random uuid key and the time it was recorded") {
        const values movement = a_movement(new_product(db));
        const std::string before = db.text("SELECT clock_timestamp()");
        const std::string sql = insert_sql("stock_movements", movement) + " RETURNING movement_id";
        const std::string a = db.text(sql, params_of(movement));
        const std::string b = db.text(sql, params_of(movement));
        CHECK(a != b);
        CHECK(a.size() == 36);
        CHECK(a.at(14) == '4');
        CHECK(db.text("SELECT bool_and(recorded_at BETWEEN $1::timestamptz AND clock_timestamp()) "
                      "FROM inventory.stock_movements",
                      {before}) == "t");
        // The key is a key: a repeated one is rejected.
        const sql_failure f =
            failure(insert(db, "stock_movements", with(movement, "movement_id", a)), "a repeated movement_id");
        CHECK(f.sqlstate == "23505");  // unique_violation
        CHECK(f.constraint == "pk__stock_movements__movement_id");
    }

    SUBCASE("stock_movements.recorded_at (the created_at plugin's column) is the inserting transaction's now()") {
        const values movement = a_movement(new_product(db));
        auto record = [&] { return insert_returning(db, "stock_movements", movement, "movement_id"); };
        auto recorded_at = [&](const std::string& id) {
            return db.text("SELECT recorded_at FROM inventory.stock_movements WHERE movement_id = $1", {id});
        };
        // Two transactions a moment apart (each statement is its own transaction).
        const std::string first = record();
        db.exec("SELECT pg_sleep(0.02)");
        const std::string second = record();
        CAPTURE(recorded_at(first));
        CAPTURE(recorded_at(second));
        CHECK(db.text("SELECT (SELECT recorded_at FROM inventory.stock_movements WHERE movement_id = $2) > "
                      "(SELECT recorded_at FROM inventory.stock_movements WHERE movement_id = $1)",
                      {first, second}) == "t");
        // now(), not clock_timestamp(): two rows of one transaction share it.
        db.exec("BEGIN");
        const std::string third = record();
        db.exec("SELECT pg_sleep(0.02)");
        const std::string fourth = record();
        db.exec("COMMIT");
        CHECK(recorded_at(third) == recorded_at(fourth));
    }

    SUBCASE("warehouse.external_ref gets a fresh random uuid") {
        const std::string a = insert_returning_id(db, "warehouse", a_warehouse());
        const std::string b = insert_returning_id(db, "warehouse", a_warehouse());
        const std::vector<row> refs =
            db.query("SELECT external_ref::text FROM inventory.warehouse WHERE id IN ($1, $2) ORDER BY id", {a, b});
        REQUIRE(refs.size() == 2);
        REQUIRE(refs[0][0].has_value());
        REQUIRE(refs[1][0].has_value());
        CHECK(*refs[0][0] != *refs[1][0]);
        for (const row& r : refs) {
            CAPTURE(*r[0]);
            CHECK(r[0]->size() == 36);
            CHECK(r[0]->at(14) == '4');  // version 4: random
        }
    }
}

TEST_CASE("NOT NULL columns reject NULL, optional columns accept it") {
    inventory_database d;
    connection& db = d.db;

    SUBCASE("as declared in inventory.hpp") {
        sql_failure f = failure(insert(db, "vendors", {{"website", "https://acme.example"}}), "vendors without a name");
        CHECK(f.sqlstate == "23502");
        CHECK(f.column == "name");
        // An explicit NULL does not fall back to the default.
        f = failure(insert(db, "vendors", with(a_vendor(), "active", std::nullopt)), "vendors.active NULL");
        CHECK(f.sqlstate == "23502");
        CHECK(f.column == "active");
        const std::string first_vendor = new_vendor(db);
        f = failure(insert(db, "products", with(a_product(first_vendor), "created_at", std::nullopt)),
                    "products.created_at NULL");
        CHECK(f.sqlstate == "23502");
        CHECK(f.column == "created_at");
        f = failure(insert(db, "products", without(a_product(first_vendor), "vendor_id")), "products without vendor");
        CHECK(f.sqlstate == "23502");
        CHECK(f.column == "vendor_id");
        f = failure(insert(db, "stock_movements", without(a_movement(new_product(db, first_vendor)), "unit_cost")),
                    "stock_movements without unit_cost");
        CHECK(f.sqlstate == "23502");
        CHECK(f.column == "unit_cost");
        f = failure(insert(db, "warehouse", {{"code", "X"}, {"city", "Y"}}), "warehouse without docks");
        CHECK(f.sqlstate == "23502");
        CHECK(f.column == "docks");

        const std::string vendor = insert_returning_id(db, "vendors", with(a_vendor(), "website", std::nullopt));
        CHECK(db.value("SELECT website FROM inventory.vendors WHERE id = $1", {vendor}) == std::nullopt);
        const std::string product =
            insert_returning_id(db, "products", with(a_product(vendor), "notes", std::nullopt));
        CHECK(db.value("SELECT notes FROM inventory.products WHERE id = $1", {product}) == std::nullopt);
        const std::string movement =
            insert_returning(db, "stock_movements", with(a_movement(product), "reason", std::nullopt), "movement_id");
        CHECK(db.value("SELECT reason FROM inventory.stock_movements WHERE movement_id = $1", {movement}) ==
              std::nullopt);
        const std::string warehouse =
            insert_returning_id(db, "warehouse", with(a_warehouse(), "opened_on", std::nullopt));
        CHECK(db.value("SELECT opened_on FROM inventory.warehouse WHERE id = $1", {warehouse}) == std::nullopt);
    }

    SUBCASE("every column, as the catalog says") {
        for (const cat::table* t : inventory_tables()) {
            // A value for every column the database does not compute, fresh
            // for each row. (A generated column cannot be written at all: see
            // the constraints suite.)
            auto full = [&] {
                values vs;
                for (const cat::column* c : inventory_catalog().columns_of(t->name))
                    if (!c->identity && c->generated.empty()) vs.emplace_back(c->name, sample_value(db, *t, *c));
                return vs;
            };
            CAPTURE(t->name.name);
            REQUIRE_FALSE(insert(db, t->name.name, full()));
            for (const cat::column* c : inventory_catalog().columns_of(t->name)) {
                if (c->identity || !c->generated.empty()) continue;
                CAPTURE(c->name);
                const auto f = insert(db, t->name.name, with(full(), c->name, std::nullopt));
                if (c->nullable) {
                    CHECK_FALSE(f);
                } else {
                    REQUIRE(f);
                    CHECK(f->sqlstate == "23502");
                    CHECK(f->column == c->name);
                }
            }
        }
    }
}

TEST_CASE("column types hold what they declare and reject the rest") {
    inventory_database d;
    connection& db = d.db;

    const std::string vendor = new_vendor(db);

    SUBCASE("sku is varchar(32)") {
        CHECK_FALSE(insert(db, "products", with(a_product(vendor), "sku", std::string(32, 'S'))));
        const sql_failure f =
            failure(insert(db, "products", with(a_product(vendor), "sku", std::string(33, 'S'))), "33 chars");
        CHECK(f.sqlstate == "22001");  // string_data_right_truncation
        // Characters, not bytes.
        std::string wide;
        for (int i = 0; i < 32; ++i) wide += "\xc3\xa9";  // é
        CHECK_FALSE(insert(db, "products", with(a_product(vendor), "sku", wide)));
    }

    SUBCASE("price is numeric(10,2)") {
        const std::string id = insert_returning_id(db, "products", with(a_product(vendor), "price", "1.005"));
        CHECK(db.text("SELECT price FROM inventory.products WHERE id = $1", {id}) == "1.01");
        const std::string max = insert_returning_id(db, "products", with(a_product(vendor), "price", "99999999.99"));
        CHECK(db.text("SELECT price FROM inventory.products WHERE id = $1", {max}) == "99999999.99");
        const sql_failure f = failure(insert(db, "products", with(a_product(vendor), "price", "123456789.12")),
                                      "ten digits before the point");
        CHECK(f.sqlstate == "22003");  // numeric_value_out_of_range
    }

    SUBCASE("docks is smallint") {
        CHECK_FALSE(insert(db, "warehouse", with(a_warehouse(), "docks", "32767")));
        CHECK_FALSE(insert(db, "warehouse", with(a_warehouse(), "docks", "-32768")));
        const sql_failure f = failure(insert(db, "warehouse", with(a_warehouse(), "docks", "40000")), "docks 40000");
        CHECK(f.sqlstate == "22003");
    }

    SUBCASE("reorder_level holds exactly the values of a std::uint32_t") {
        for (const char* ok : {"0", "4294967295"}) {
            CAPTURE(ok);
            const std::string id = insert_returning_id(db, "products", with(a_product(vendor), "reorder_level", ok));
            CHECK(db.text("SELECT reorder_level FROM inventory.products WHERE id = $1", {id}) == ok);
        }
        for (const char* bad : {"-1", "4294967296"}) {
            CAPTURE(bad);
            const sql_failure f = failure(insert(db, "products", with(a_product(vendor), "reorder_level", bad)), bad);
            CHECK(f.sqlstate == "23514");  // check_violation
            CHECK(f.constraint == "ck__products__reorder_level");
        }
        // The check holds for updates too.
        const std::string id = insert_returning_id(db, "products", a_product(vendor));
        const auto f = db.failure_of("UPDATE inventory.products SET reorder_level = -1 WHERE id = $1", {id});
        REQUIRE(f);
        CHECK(f->sqlstate == "23514");
        CHECK(f->constraint == "ck__products__reorder_level");
    }
}

TEST_CASE("the reporting role reads every inventory table and writes none") {
    inventory_database d;
    connection& db = d.db;
    const std::string vendor = new_vendor(db);
    new_product(db, vendor);
    new_product(db, vendor);

    CHECK(db.text("SELECT rolcanlogin FROM pg_roles WHERE rolname = 'inventory_reader'") == "f");
    db.exec("SET ROLE inventory_reader");
    for (const cat::table* t : inventory_tables()) {
        CAPTURE(t->name.name);
        CHECK_FALSE(db.failure_of("SELECT * FROM inventory." + t->name.name));
        const auto f = db.failure_of("DELETE FROM inventory." + t->name.name);
        REQUIRE(f);
        CHECK(f->sqlstate == "42501");  // insufficient_privilege
    }
    CHECK(db.text("SELECT inventory.product_count()") == "2");
    const auto f = db.failure_of("CREATE TABLE inventory.mine (x integer)");
    REQUIRE(f);
    CHECK(f->sqlstate == "42501");
    db.exec("RESET ROLE");
    CHECK(db.value("SELECT obj_description('inventory.product_count()'::regprocedure, 'pg_proc')") ==
          "How many products the catalogue lists");
}

TEST_CASE("comments are on the tables and columns") {
    inventory_database d;
    connection& db = d.db;
    auto table_comment = [&](const std::string& table) {
        return db.value("SELECT obj_description($1::regclass, 'pg_class')", {"inventory." + table});
    };
    auto column_comment = [&](const std::string& table, const std::string& column) {
        return db.value("SELECT col_description(a.attrelid, a.attnum) FROM pg_attribute a "
                        "WHERE a.attrelid = $1::regclass AND a.attname = $2",
                        {"inventory." + table, column});
    };
    CHECK(table_comment("vendors") == "Companies we buy from");
    CHECK(table_comment("products") == std::nullopt);
    CHECK(table_comment("warehouse") == std::nullopt);
    CHECK(column_comment("products", "price") == "Unit price in EUR");
    CHECK(column_comment("products", "name") == std::nullopt);
    CHECK(column_comment("vendors", "active") == std::nullopt);
}

}  // TEST_SUITE
