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

#include <pgcraft/generator/build_catalog.hpp>
#include <pgcraft/sql/quote.hpp>
#include <pgcraft/sql/render.hpp>

#include "catalog_check.hpp"
#include "inventory.hpp"
#include "pg_cluster.hpp"
#include "printers.hpp"

namespace {

using namespace pgcraft_it;
namespace cat = pgcraft::catalog;

const cat::catalog& inventory_catalog() {
    static const cat::catalog catalog = pgcraft::generator::build_catalog<inventory::schema>();
    return catalog;
}

std::string inventory_ddl() { return pgcraft::sql::render_ddl(inventory_catalog()); }

std::vector<const cat::table*> inventory_tables() {
    std::vector<const cat::table*> tables;
    for (const cat::object& o : inventory_catalog().objects())
        if (const auto* t = std::get_if<cat::table>(&o)) tables.push_back(t);
    return tables;
}

// A fresh database with the inventory schema applied, its session in UTC.
struct inventory_database {
    connection db = fresh_database();
    inventory_database() {
        apply_in_transaction(db, inventory_ddl());
        db.exec("SET TIME ZONE 'UTC'");
    }
};

using values = std::vector<std::pair<std::string, param>>;

std::string insert_sql(const std::string& table, const values& vs, std::string_view overriding = {}) {
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

std::vector<param> params_of(const values& vs) {
    std::vector<param> ps;
    for (const auto& v : vs) ps.push_back(v.second);
    return ps;
}

// Inserts a row; how it failed, or nullopt.
std::optional<sql_failure> insert(connection& db, const std::string& table, const values& vs) {
    return db.failure_of(insert_sql(table, vs), params_of(vs));
}

// Inserts a row and returns its id.
std::string insert_returning_id(connection& db, const std::string& table, const values& vs) {
    return db.text(insert_sql(table, vs) + " RETURNING id", params_of(vs));
}

// The failure of a statement that must fail.
sql_failure failure(const std::optional<sql_failure>& f, std::string_view what) {
    INFO(what);
    REQUIRE_MESSAGE(f.has_value(), "the statement worked, but should have failed");
    return *f;
}

values with(values vs, const std::string& column, param value) {
    for (auto& v : vs)
        if (v.first == column) {
            v.second = std::move(value);
            return vs;
        }
    vs.emplace_back(column, std::move(value));
    return vs;
}

const values a_vendor{{"name", "Acme"}};
const values a_product{{"name", "Widget"}, {"sku", "W-1"}, {"price", "1"}, {"reorder_level", "1"}};
const values a_warehouse{{"code", "AMS1"}, {"city", "Amsterdam"}, {"docks", "4"}};

// A valid value of each SQL type the inventory uses, as text.
std::string sample_value(const std::string& type) {
    if (type == "text" || type.rfind("varchar(", 0) == 0) return "x";
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
    // The tables, their primary key indexes and their identity sequences, nothing else.
    CHECK(lines(relations) == lines({"inventory.pk__products__id", "inventory.pk__stock_movements__movement_id",
                                     "inventory.pk__vendors__id", "inventory.pk__warehouse__id",
                                     "inventory.products", "inventory.products_id_seq", "inventory.stock_movements",
                                     "inventory.vendors", "inventory.vendors_id_seq", "inventory.warehouse",
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
    const std::vector<std::string> problems = differences(d.db, inventory_catalog());
    INFO("differences:\n" << lines(problems));
    CHECK(problems.empty());

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
    CHECK(columns_of("products") == lines({"id bigint NO", "name text NO", "sku character varying(32) NO",
                                           "price numeric(10,2) NO", "notes text YES", "reorder_level bigint NO",
                                           "created_at timestamp with time zone NO"}));
    CHECK(columns_of("warehouse") == lines({"id bigint NO", "code character varying(8) NO", "city text NO",
                                            "docks smallint NO", "external_ref uuid NO", "opened_on date YES"}));
    CHECK(columns_of("stock_movements") == lines({"movement_id uuid NO", "product_id bigint NO",
                                                  "quantity integer NO", "reason text YES",
                                                  "recorded_at timestamp with time zone NO"}));
}

TEST_CASE("rows read back as they were written") {
    inventory_database d;
    connection& db = d.db;

    const std::string vendor =
        insert_returning_id(db, "vendors", {{"name", "Acme"}, {"website", "https://acme.example"}, {"active", "false"}});
    CHECK(show(db.query("SELECT name, website, active FROM inventory.vendors WHERE id = $1", {vendor})) ==
          "Acme|https://acme.example|f");

    const std::string product = insert_returning_id(db, "products",
                                                    {{"name", "Widget"},
                                                     {"sku", "WID-0001"},
                                                     {"price", "12.5"},
                                                     {"notes", "fragile"},
                                                     {"reorder_level", "4000000000"},  // above int4's range
                                                     {"created_at", "2024-05-06 07:08:09.123456+00"}});
    CHECK(show(db.query("SELECT name, sku, price, notes, reorder_level, created_at FROM inventory.products "
                        "WHERE id = $1",
                        {product})) == "Widget|WID-0001|12.50|fragile|4000000000|2024-05-06 07:08:09.123456+00");

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
                          {"reason", "it's \\ broken"},
                          {"recorded_at", "2024-12-31 23:59:59.999999+00"}};
    REQUIRE_FALSE(insert(db, "stock_movements", movement));
    CHECK(show(db.query("SELECT movement_id, product_id, quantity, reason, recorded_at "
                        "FROM inventory.stock_movements")) ==
          "0b5e2f9c-3c1d-4e8a-9f00-1234567890ab|" + product +
              "|-2147483648|it's \\ broken|2024-12-31 23:59:59.999999+00");
}

TEST_CASE("the identity id is assigned by the database, and cannot be supplied") {
    // (stock_movements has a uuid key instead: see "declared defaults apply".)
    inventory_database d;
    connection& db = d.db;

    CHECK(insert_returning_id(db, "vendors", a_vendor) == "1");
    CHECK(insert_returning_id(db, "vendors", a_vendor) == "2");
    CHECK(insert_returning_id(db, "products", a_product) == "1");
    CHECK(insert_returning_id(db, "warehouse", a_warehouse) == "1");

    for (const auto& table_and_row :
         {std::pair{"vendors", a_vendor}, std::pair{"products", a_product}, std::pair{"warehouse", a_warehouse}}) {
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
        const std::string id = insert_returning_id(db, "vendors", a_vendor);
        CHECK(db.text("SELECT active FROM inventory.vendors WHERE id = $1", {id}) == "t");
        // An explicit value wins over the default.
        const std::string other = insert_returning_id(db, "vendors", with(a_vendor, "active", "false"));
        CHECK(db.text("SELECT active FROM inventory.vendors WHERE id = $1", {other}) == "f");
    }

    SUBCASE("products.created_at is the inserting transaction's now()") {
        const std::string before = db.text("SELECT clock_timestamp()");
        // Two transactions a moment apart (each statement is its own transaction).
        const std::string first = insert_returning_id(db, "products", a_product);
        db.exec("SELECT pg_sleep(0.02)");
        const std::string second = insert_returning_id(db, "products", a_product);
        CHECK(db.text("SELECT (SELECT created_at FROM inventory.products WHERE id = $2) > "
                      "(SELECT created_at FROM inventory.products WHERE id = $1)",
                      {first, second}) == "t");
        CHECK(db.text("SELECT bool_and(created_at BETWEEN $1::timestamptz AND clock_timestamp()) "
                      "FROM inventory.products",
                      {before}) == "t");
        // now() is the transaction's start: two rows of one transaction share it.
        db.exec("BEGIN");
        const std::string third = insert_returning_id(db, "products", a_product);
        db.exec("SELECT pg_sleep(0.02)");
        const std::string fourth = insert_returning_id(db, "products", a_product);
        db.exec("COMMIT");
        CHECK(db.text("SELECT count(DISTINCT created_at) FROM inventory.products WHERE id IN ($1, $2)",
                      {third, fourth}) == "1");
    }

    SUBCASE("stock_movements gets a random uuid key and the time it was recorded") {
        const std::string before = db.text("SELECT clock_timestamp()");
        const values movement{{"product_id", "1"}, {"quantity", "3"}};
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

    SUBCASE("warehouse.external_ref gets a fresh random uuid") {
        const std::string a = insert_returning_id(db, "warehouse", a_warehouse);
        const std::string b = insert_returning_id(db, "warehouse", with(a_warehouse, "code", "AMS2"));
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
        f = failure(insert(db, "vendors", with(a_vendor, "active", std::nullopt)), "vendors.active NULL");
        CHECK(f.sqlstate == "23502");
        CHECK(f.column == "active");
        f = failure(insert(db, "products", with(a_product, "created_at", std::nullopt)), "products.created_at NULL");
        CHECK(f.sqlstate == "23502");
        CHECK(f.column == "created_at");
        f = failure(insert(db, "warehouse", {{"code", "X"}, {"city", "Y"}}), "warehouse without docks");
        CHECK(f.sqlstate == "23502");
        CHECK(f.column == "docks");

        const std::string vendor = insert_returning_id(db, "vendors", with(a_vendor, "website", std::nullopt));
        CHECK(db.value("SELECT website FROM inventory.vendors WHERE id = $1", {vendor}) == std::nullopt);
        const std::string product = insert_returning_id(db, "products", with(a_product, "notes", std::nullopt));
        CHECK(db.value("SELECT notes FROM inventory.products WHERE id = $1", {product}) == std::nullopt);
        const std::string warehouse =
            insert_returning_id(db, "warehouse", with(a_warehouse, "opened_on", std::nullopt));
        CHECK(db.value("SELECT opened_on FROM inventory.warehouse WHERE id = $1", {warehouse}) == std::nullopt);
    }

    SUBCASE("every column, as the catalog says") {
        for (const cat::table* t : inventory_tables()) {
            // A value for every column but the identity, fresh for each row.
            auto full = [&] {
                values vs;
                for (const cat::column& c : t->columns)
                    if (!c.identity) vs.emplace_back(c.name, sample_value(c.type));
                return vs;
            };
            CAPTURE(t->name.name);
            REQUIRE_FALSE(insert(db, t->name.name, full()));
            for (const cat::column& c : t->columns) {
                if (c.identity) continue;
                CAPTURE(c.name);
                const auto f = insert(db, t->name.name, with(full(), c.name, std::nullopt));
                if (c.nullable) {
                    CHECK_FALSE(f);
                } else {
                    REQUIRE(f);
                    CHECK(f->sqlstate == "23502");
                    CHECK(f->column == c.name);
                }
            }
        }
    }
}

TEST_CASE("column types hold what they declare and reject the rest") {
    inventory_database d;
    connection& db = d.db;

    SUBCASE("sku is varchar(32)") {
        CHECK_FALSE(insert(db, "products", with(a_product, "sku", std::string(32, 'S'))));
        const sql_failure f = failure(insert(db, "products", with(a_product, "sku", std::string(33, 'S'))), "33 chars");
        CHECK(f.sqlstate == "22001");  // string_data_right_truncation
        // Characters, not bytes.
        std::string wide;
        for (int i = 0; i < 32; ++i) wide += "\xc3\xa9";  // é
        CHECK_FALSE(insert(db, "products", with(a_product, "sku", wide)));
    }

    SUBCASE("price is numeric(10,2)") {
        const std::string id = insert_returning_id(db, "products", with(a_product, "price", "1.005"));
        CHECK(db.text("SELECT price FROM inventory.products WHERE id = $1", {id}) == "1.01");
        const std::string max = insert_returning_id(db, "products", with(a_product, "price", "99999999.99"));
        CHECK(db.text("SELECT price FROM inventory.products WHERE id = $1", {max}) == "99999999.99");
        const sql_failure f =
            failure(insert(db, "products", with(a_product, "price", "123456789.12")), "ten digits before the point");
        CHECK(f.sqlstate == "22003");  // numeric_value_out_of_range
    }

    SUBCASE("docks is smallint") {
        CHECK_FALSE(insert(db, "warehouse", with(a_warehouse, "docks", "32767")));
        CHECK_FALSE(insert(db, "warehouse", with(a_warehouse, "docks", "-32768")));
        const sql_failure f = failure(insert(db, "warehouse", with(a_warehouse, "docks", "40000")), "docks 40000");
        CHECK(f.sqlstate == "22003");
    }

    SUBCASE("reorder_level holds exactly the values of a std::uint32_t") {
        for (const char* ok : {"0", "4294967295"}) {
            CAPTURE(ok);
            const std::string id = insert_returning_id(db, "products", with(a_product, "reorder_level", ok));
            CHECK(db.text("SELECT reorder_level FROM inventory.products WHERE id = $1", {id}) == ok);
        }
        for (const char* bad : {"-1", "4294967296"}) {
            CAPTURE(bad);
            const sql_failure f = failure(insert(db, "products", with(a_product, "reorder_level", bad)), bad);
            CHECK(f.sqlstate == "23514");  // check_violation
            CHECK(f.constraint == "ck__products__reorder_level");
        }
        // The check holds for updates too.
        const std::string id = insert_returning_id(db, "products", a_product);
        const auto f = db.failure_of("UPDATE inventory.products SET reorder_level = -1 WHERE id = $1", {id});
        REQUIRE(f);
        CHECK(f->sqlstate == "23514");
        CHECK(f->constraint == "ck__products__reorder_level");
    }
}

TEST_CASE("the reporting role reads every inventory table and writes none") {
    inventory_database d;
    connection& db = d.db;
    insert_returning_id(db, "products", a_product);
    insert_returning_id(db, "products", a_product);

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
