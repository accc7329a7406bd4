// The API layer on a live server: an API view in front of a dimension of
// every kind, written and read as each role (SET LOCAL ROLE with
// request.jwt.claims, as PostgREST does), the PostgREST statement shape,
// privileges read back from pg_catalog as sets, and a migration that
// revokes what the declaration no longer grants.
#include <doctest/doctest.h>

#include <algorithm>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include <pgcraft/api.hpp>
#include <pgcraft/generator/build_catalog.hpp>
#include <pgcraft/kinds/api.hpp>
#include <pgcraft/live/drift.hpp>
#include <pgcraft/migrate/diff.hpp>
#include <pgcraft/model.hpp>
#include <pgcraft/sql/render.hpp>

#include "database_queries.hpp"
#include "pg_cluster.hpp"
#include "printers.hpp"

namespace api_fixture {

namespace pg = pgcraft;

using readers = pg::grant<"pgcraft_api_reader", "select">;
using writers = pg::grant<"pgcraft_api_writer", "select, insert, update, delete">;

// The cost stays behind the API.
struct products {
    using dimension = pg::simple<pg::in_schema<"shop">, pg::comment<"What the shop sells">,
                                 pg::api<readers, writers, pg::api_exclude<"cost">>>;
    std::string sku;
    std::optional<std::int32_t> cost;
    std::int32_t price;
};

struct prices {
    using dimension = pg::append_only<pg::in_schema<"shop">, pg::api<readers, writers>>;
    std::string sku;
    std::int32_t price;
};

struct settings {
    using dimension = pg::eav<pg::in_schema<"shop">, pg::api<readers, writers>>;
    std::string code;
    std::int32_t max_items;
};

// Writers may post entries, never change them; the API shows four columns.
struct moves {
    using dimension =
        pg::ledger<pg::in_schema<"shop">, pg::double_entry<>,
                   pg::api<readers, pg::grant<"pgcraft_api_writer", "select, insert">,
                           pg::api_columns<"id", "entry_id", "account", "value">>>;
    std::int64_t account;
};

// PostgREST logs in as the authenticator and switches to the reader (its
// anonymous role) or the writer (its authenticated one).
using postgrest = pg::postgrest<"pgcraft_api_authenticator", "pgcraft_api_reader", "pgcraft_api_writer">;

using schema = pg::schema<pg::extensions<postgrest>, products, prices, settings, moves>;

// The next version: writers may only read products, readers no longer see prices.
namespace next {
struct products {
    using dimension = pg::simple<pg::in_schema<"shop">, pg::comment<"What the shop sells">,
                                 pg::api<readers, pg::grant<"pgcraft_api_writer", "select">, pg::api_exclude<"cost">>>;
    std::string sku;
    std::optional<std::int32_t> cost;
    std::int32_t price;
};
struct prices {
    using dimension = pg::append_only<pg::in_schema<"shop">, pg::api<writers>>;
    std::string sku;
    std::int32_t price;
};
using schema = pg::schema<pg::extensions<postgrest>, products, prices, api_fixture::settings, api_fixture::moves>;
}  // namespace next

// Two dimensions of one table name in two schemas, each with an API view of that name.
namespace clash {
struct products {
    using dimension = pg::simple<pg::in_schema<"shop">, pg::api<readers>>;
    std::string sku;
};
namespace archive {
struct products {
    using dimension = pg::simple<pg::in_schema<"archive">, pg::api<readers>>;
    std::string sku;
};
}  // namespace archive
using schema = pg::schema<products, archive::products>;
}  // namespace clash

}  // namespace api_fixture

namespace {

using namespace pgcraft_it;
namespace cat = pgcraft::catalog;

const cat::catalog& api_catalog() {
    static const cat::catalog catalog = pgcraft::generator::build_catalog<api_fixture::schema>();
    return catalog;
}

struct api_database {
    connection db = fresh_database();
    api_database() { apply_in_transaction(db, pgcraft::sql::render_ddl(api_catalog())); }
};

// Runs `statements` in one transaction as `role`, the way PostgREST does:
// SET LOCAL ROLE, then the JWT's claims; how the last one failed, if it did.
std::optional<sql_failure> as_role(connection& db, const std::string& role, const std::vector<std::string>& statements,
                                   std::vector<row>* last_rows = nullptr) {
    db.exec("BEGIN");
    db.exec("SET LOCAL ROLE " + role);
    db.exec("SELECT set_config('request.jwt.claims', '{\"role\": \"" + role + "\"}', true)");
    for (std::size_t i = 0; i + 1 < statements.size(); ++i) db.exec(statements[i]);
    try {
        const std::vector<row> rows = db.query(statements.back());
        if (last_rows) *last_rows = rows;
    } catch (const sql_error& e) {
        db.exec("ROLLBACK");
        return e.failure();
    }
    if (auto f = db.failure_of("COMMIT")) return f;
    return std::nullopt;
}

// Every privilege granted on the API and shop schemas and their relations, as "object role privilege".
std::set<std::string> granted(connection& db) {
    std::set<std::string> result;
    for (const row& r : db.query("SELECT n.nspname || '.' || c.relname, a.grantee::regrole::text, a.privilege_type "
                                 "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace, aclexplode(c.relacl) a "
                                 "WHERE n.nspname IN ('api', 'shop') AND a.grantee <> c.relowner "
                                 "UNION ALL "
                                 "SELECT n.nspname, a.grantee::regrole::text, a.privilege_type "
                                 "FROM pg_namespace n, aclexplode(n.nspacl) a "
                                 "WHERE n.nspname IN ('api', 'shop') AND a.grantee <> n.nspowner"))
        result.insert(*r[0] + " " + *r[1] + " " + *r[2]);
    return result;
}

// What the catalog declares, in the same form.
std::set<std::string> declared(const cat::catalog& c) {
    std::set<std::string> result;
    for (const cat::grant* g : c.all<cat::grant>()) {
        const std::string on = g->on.schema.empty() ? g->on.name : g->on.schema + "." + g->on.name;
        for (cat::privilege p : g->privileges) result.insert(on + " " + g->role + " " + std::string(pgcraft::sql::keyword(p)));
    }
    return result;
}

}  // namespace

TEST_SUITE("api") {

TEST_CASE("the API views, roles and grants read back as the catalog declares them") {
    api_database d;
    const std::vector<std::string> drift = described(pgcraft::live::drift(d.db.conninfo(), api_catalog()));
    INFO("drift:\n" << lines(drift));
    CHECK(drift.empty());
    // A subset is a subset; the excluded cost is not there.
    CHECK(show(d.db.query("SELECT string_agg(column_name, ',' ORDER BY ordinal_position) FROM information_schema.columns "
                          "WHERE table_schema = 'api' AND table_name IN ('moves', 'products') GROUP BY table_name "
                          "ORDER BY table_name")) == "id,entry_id,account,value\nid,sku,price");
    // The dimension's comment reaches its API view, where PostgREST shows it.
    CHECK(d.db.text("SELECT obj_description('api.products'::regclass, 'pg_class')") == "What the shop sells");
    CHECK(show(d.db.query("SELECT rolname, rolcanlogin FROM pg_roles "
                          "WHERE rolname IN ('pgcraft_api_reader', 'pgcraft_api_writer') ORDER BY rolname")) ==
          "pgcraft_api_reader|f\npgcraft_api_writer|f");
}

TEST_CASE("PostgREST's authenticator logs in, has no privilege of its own, and switches only to its two roles") {
    api_database d;
    const std::string ddl = pgcraft::sql::render_ddl(api_catalog());
    CHECK(ddl.find("PASSWORD") == std::string::npos);
    CHECK(show(d.db.query("SELECT rolname, rolcanlogin, rolinherit FROM pg_roles WHERE rolname IN "
                          "('pgcraft_api_authenticator', 'pgcraft_api_reader', 'pgcraft_api_writer') ORDER BY rolname")) ==
          "pgcraft_api_authenticator|t|f\npgcraft_api_reader|f|t\npgcraft_api_writer|f|t");
    d.db.exec("INSERT INTO api.products (sku, price) VALUES ('p1', 10)");
    connection login(d.db.conninfo() + " user=pgcraft_api_authenticator");
    // NOINHERIT: a member of both roles, it has neither's privileges until it switches.
    const auto own = login.failure_of("SELECT * FROM api.products");
    REQUIRE(own);
    CHECK(own->sqlstate == "42501");
    login.exec("BEGIN");
    login.exec("SET LOCAL ROLE pgcraft_api_reader");
    CHECK(login.text("SELECT sku FROM api.products") == "p1");
    login.exec("ROLLBACK");
    const auto other = login.failure_of("SET ROLE postgres");
    REQUIRE(other);
    CHECK(other->sqlstate == "42501");
}

TEST_CASE("a migration gives a role NOINHERIT and its memberships, and the way back takes them") {
    api_database d;
    cat::catalog before;
    before.add(cat::role{"pgcraft_api_gateway", true});
    cat::catalog after;
    pgcraft::kinds::add_postgrest_roles(after, {"pgcraft_api_gateway", "pgcraft_api_reader", "pgcraft_api_writer"});
    apply_in_transaction(d.db, pgcraft::sql::render_ddl(before));
    const std::string up = pgcraft::migrate::diff(before, after).sql();
    INFO("up:\n" << up);
    CHECK(up.find("ALTER ROLE pgcraft_api_gateway NOINHERIT;") != std::string::npos);
    apply_in_transaction(d.db, up);
    CHECK(described(pgcraft::live::drift(d.db.conninfo(), after)).empty());
    CHECK(show(d.db.query("SELECT g.rolname FROM pg_auth_members a JOIN pg_roles m ON m.oid = a.member "
                          "JOIN pg_roles g ON g.oid = a.roleid WHERE m.rolname = 'pgcraft_api_gateway' ORDER BY 1")) ==
          "pgcraft_api_reader\npgcraft_api_writer");
    const std::string down = pgcraft::migrate::diff(after, before).sql();
    INFO("down:\n" << down);
    apply_in_transaction(d.db, down);
    CHECK(d.db.text("SELECT count(*) FROM pg_auth_members a JOIN pg_roles m ON m.oid = a.member "
                    "WHERE m.rolname = 'pgcraft_api_gateway'") == "0");
    CHECK(d.db.text("SELECT rolinherit FROM pg_roles WHERE rolname = 'pgcraft_api_gateway'") == "t");
    CHECK(down.find("REVOKE pgcraft_api_reader FROM pgcraft_api_gateway;") != std::string::npos);
}

TEST_CASE("two API views of one name fail the generator, naming the second dimension and the view") {
    try {
        (void)pgcraft::generator::build_catalog<api_fixture::clash::schema>();
        FAIL("the clash was not reported");
    } catch (const std::invalid_argument& e) {
        const std::string message = e.what();
        CHECK(message.find("api.products") != std::string::npos);
        CHECK(message.find("another dimension's API view") != std::string::npos);
    }
}

TEST_CASE("the privileges on the server are exactly the declared ones, and none on the dimensions' own schema") {
    api_database d;
    const std::set<std::string> on_server = granted(d.db);
    CHECK(on_server == declared(api_catalog()));
    CHECK(on_server.contains("api pgcraft_api_reader USAGE"));
    CHECK(on_server.contains("api.moves pgcraft_api_writer INSERT"));
    CHECK_FALSE(on_server.contains("api.moves pgcraft_api_writer UPDATE"));
    for (const std::string& g : on_server) CHECK(g.rfind("shop", 0) != 0);
    // So a reader cannot reach the tables behind the views.
    const auto f = as_role(d.db, "pgcraft_api_reader", {"SELECT * FROM shop.products"});
    REQUIRE(f);
    CHECK(f->sqlstate == "42501");
}

TEST_CASE("a reader reads every kind's API view and writes none of them: each write fails with 42501") {
    api_database d;
    d.db.exec("INSERT INTO api.products (sku, price) VALUES ('p1', 10)");
    std::vector<row> rows;
    CHECK_FALSE(as_role(d.db, "pgcraft_api_reader", {"SELECT sku, price FROM api.products"}, &rows));
    CHECK(show(rows) == "p1|10");
    for (const std::string& statement : std::vector<std::string>{
             "INSERT INTO api.products (sku, price) VALUES ('p2', 1)", "UPDATE api.products SET price = 0",
             "DELETE FROM api.products", "INSERT INTO api.prices (sku, price) VALUES ('p2', 1)",
             "UPDATE api.prices SET price = 0", "INSERT INTO api.settings (code, max_items) VALUES ('s', 1)",
             "INSERT INTO api.moves (account, value) VALUES (1, 0)"}) {
        CAPTURE(statement);
        const auto f = as_role(d.db, "pgcraft_api_reader", {statement});
        REQUIRE(f);
        CHECK(f->sqlstate == "42501");
    }
    CHECK(d.db.text("SELECT count(*) FROM shop.products") == "1");
    CHECK(d.db.text("SELECT count(*) FROM shop.prices") == "0");
    CHECK(d.db.text("SELECT count(*) FROM shop.moves") == "0");
}

TEST_CASE("a writer writes through every kind's API view, and RETURNING gives the stored row") {
    api_database d;
    std::vector<row> rows;
    SUBCASE("simple") {
        REQUIRE_FALSE(as_role(d.db, "pgcraft_api_writer",
                              {"INSERT INTO api.products (sku, price) VALUES ('p1', 10) RETURNING id, sku, price"}, &rows));
        CHECK(show(rows) == "1|p1|10");
        REQUIRE_FALSE(as_role(d.db, "pgcraft_api_writer",
                              {"UPDATE api.products SET price = 12 WHERE sku = 'p1' RETURNING id, price"}, &rows));
        CHECK(show(rows) == "1|12");
        CHECK(show(d.db.query("SELECT sku, cost, price FROM shop.products")) == "p1|NULL|12");
        REQUIRE_FALSE(as_role(d.db, "pgcraft_api_writer", {"DELETE FROM api.products RETURNING sku"}, &rows));
        CHECK(show(rows) == "p1");
    }
    SUBCASE("append-only") {
        REQUIRE_FALSE(as_role(d.db, "pgcraft_api_writer",
                              {"INSERT INTO api.prices (sku, price) VALUES ('p1', 10) RETURNING id, sku, price, "
                               "created_at IS NOT NULL"},
                              &rows));
        CHECK(show(rows) == "1|p1|10|t");
        REQUIRE_FALSE(as_role(d.db, "pgcraft_api_writer",
                              {"UPDATE api.prices SET price = 11 WHERE sku = 'p1' RETURNING id, price"}, &rows));
        CHECK(show(rows) == "1|11");
        // The history keeps the replaced version.
        CHECK(d.db.text("SELECT count(*) FROM shop.prices_versions") == "1");
        REQUIRE_FALSE(as_role(d.db, "pgcraft_api_writer", {"DELETE FROM api.prices WHERE sku = 'p1'"}));
        CHECK(d.db.text("SELECT count(*) FROM api.prices") == "0");
    }
    SUBCASE("entity-attribute-value") {
        REQUIRE_FALSE(as_role(d.db, "pgcraft_api_writer",
                              {"INSERT INTO api.settings (code, max_items) VALUES ('s', 3) RETURNING id, code, max_items"},
                              &rows));
        CHECK(show(rows) == "1|s|3");
        REQUIRE_FALSE(as_role(d.db, "pgcraft_api_writer",
                              {"UPDATE api.settings SET max_items = 4 RETURNING code, max_items"}, &rows));
        CHECK(show(rows) == "s|4");
    }
    SUBCASE("ledger") {
        REQUIRE_FALSE(as_role(d.db, "pgcraft_api_writer",
                              {"INSERT INTO api.moves (entry_id, account, value) VALUES "
                               "('00000000-0000-4000-8000-00000000000a', 0, -5), "
                               "('00000000-0000-4000-8000-00000000000a', 1, 5) RETURNING id, account, value"},
                              &rows));
        CHECK(show(rows) == "1|0|-5\n2|1|5");
        // Double entry is checked at COMMIT through the API view too.
        const auto unbalanced =
            as_role(d.db, "pgcraft_api_writer", {"INSERT INTO api.moves (account, value) VALUES (1, 5) RETURNING id"});
        REQUIRE(unbalanced);
        CHECK(unbalanced->sqlstate == "23514");
        // Not granted, so refused before the ledger's own refusal.
        const auto update = as_role(d.db, "pgcraft_api_writer", {"UPDATE api.moves SET value = 0"});
        REQUIRE(update);
        CHECK(update->sqlstate == "42501");
        CHECK(d.db.text("SELECT count(*) FROM shop.moves") == "2");
    }
}

TEST_CASE("the statement shape PostgREST sends, a data-modifying CTE, returns the stored rows") {
    api_database d;
    std::vector<row> rows;
    REQUIRE_FALSE(as_role(
        d.db, "pgcraft_api_writer",
        {"WITH pgrst_source AS (INSERT INTO api.prices (sku, price) SELECT pgrst_body.sku, pgrst_body.price "
         "FROM (SELECT '[{\"sku\": \"a\", \"price\": 1}, {\"sku\": \"b\", \"price\": 2}]'::json AS json_data) pgrst_payload, "
         "LATERAL (SELECT sku, price FROM json_to_recordset(pgrst_payload.json_data) AS _(sku text, price integer)) pgrst_body "
         "RETURNING api.prices.*) "
         "SELECT '' AS total_result_set, pg_catalog.count(_postgrest_t) AS page_total, "
         "coalesce(json_agg(_postgrest_t ORDER BY _postgrest_t.id), '[]') AS body FROM (SELECT id, sku, price FROM pgrst_source) _postgrest_t"},
        &rows));
    REQUIRE(rows.size() == 1);
    CHECK(*rows[0][1] == "2");
    CHECK(d.db.text("SELECT $1::jsonb = '[{\"id\": 1, \"sku\": \"a\", \"price\": 1}, "
                    "{\"id\": 2, \"sku\": \"b\", \"price\": 2}]'::jsonb",
                    {rows[0][2]}) == "t");
}

TEST_CASE("a migration revokes what the declaration no longer grants, and grants what it adds") {
    api_database d;
    const cat::catalog next = pgcraft::generator::build_catalog<api_fixture::next::schema>();
    const pgcraft::migrate::migration m = pgcraft::migrate::diff(api_catalog(), next);
    INFO("migration:\n" << m.sql());
    apply_in_transaction(d.db, m.sql());
    CHECK(granted(d.db) == declared(next));
    CHECK_FALSE(granted(d.db).contains("api.prices pgcraft_api_reader SELECT"));
    const auto f = as_role(d.db, "pgcraft_api_writer", {"INSERT INTO api.products (sku, price) VALUES ('p', 1)"});
    REQUIRE(f);
    CHECK(f->sqlstate == "42501");
    const auto drift = described(pgcraft::live::drift(d.db.conninfo(), next));
    INFO("drift:\n" << lines(drift));
    CHECK(drift.empty());
}

}  // TEST_SUITE
