// Append-only (SCD type 2) dimensions on a live server: writes through the
// current view, history, point-in-time reads, protection, constraints, and
// two sessions updating one entity at once.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include <pgcraft/generator/build_catalog.hpp>
#include <pgcraft/live/drift.hpp>
#include <pgcraft/sql/render.hpp>

#include "database_queries.hpp"
#include "history_fixture.hpp"
#include "pg_cluster.hpp"
#include "printers.hpp"

namespace {

using namespace pgcraft_it;

const pgcraft::catalog::catalog& history_catalog() {
    static const pgcraft::catalog::catalog catalog = pgcraft::generator::build_catalog<history_fixture::schema>();
    return catalog;
}

std::string history_ddl() {
    static const std::string ddl = pgcraft::sql::render_ddl(history_catalog());
    return ddl;
}

struct history_database {
    connection db = fresh_database();
    history_database() { apply_in_transaction(db, history_ddl()); }
    connection another_session() {
        return connection(cluster().conninfo(db.text("SELECT current_database()")));
    }
};

std::string insert_product(connection& db, const std::string& name, const std::string& sku, const std::string& price) {
    return db.text("INSERT INTO hist.products_current (name, sku, price) VALUES ($1, $2, $3) RETURNING id",
                   {name, sku, price});
}

// How many of the entity's versions end exactly where another begins.
std::string versions_chained(connection& db, const std::string& id) {
    return db.text("SELECT count(*) FROM hist.products_history h JOIN hist.products_history n "
                   "ON n.id = h.id AND n.valid_from = h.valid_to WHERE h.id = $1",
                   {id});
}

std::string versions_of(connection& db, const std::string& id) {
    return db.text("SELECT count(*) FROM hist.products_history WHERE id = $1", {id});
}

}  // namespace

TEST_SUITE("append_only") {

TEST_CASE("the history schema's tables, views, functions, triggers, grants and comments are as the catalog declares") {
    // (The append-only and EAV dimensions of history_fixture, and a simple one.)
    history_database d;
    const pgcraft::catalog::catalog& catalog = history_catalog();
    REQUIRE_FALSE(catalog.all<pgcraft::catalog::view>().empty());
    REQUIRE_FALSE(catalog.all<pgcraft::catalog::trigger>().empty());
    const std::vector<pgcraft::live::difference> drift = pgcraft::live::drift(d.db.conninfo(), catalog);
    INFO("drift:\n" << lines(described(drift)));
    CHECK(drift.empty());
}

TEST_CASE("INSERT … RETURNING gives the real key, timestamps and stored values") {
    history_database d;
    const std::vector<row> rows = d.db.query(
        "INSERT INTO hist.products_current (name, sku, price) VALUES ('Widget', 'W-1', 1.005) "
        "RETURNING id, price, price_with_tax, created_at IS NOT NULL, updated_at IS NOT NULL");
    REQUIRE(rows.size() == 1);
    CHECK(rows[0][0] == "1");     // the identity key, not NULL
    CHECK(rows[0][1] == "1.01");  // the stored, rounded value
    CHECK(rows[0][2] == "1.21");  // the generated column, computed
    CHECK(rows[0][3] == "t");
    CHECK(rows[0][4] == "t");
    CHECK(versions_of(d.db, "1") == "1");
    // A client-supplied key is not taken: the key is the database's.
    CHECK(d.db.text("INSERT INTO hist.products_current (id, name, sku, price) VALUES (99, 'B', 'B-1', 1) RETURNING id") ==
          "2");
}

TEST_CASE("UPDATE appends a version only when a value changes") {
    history_database d;
    const std::string id = insert_product(d.db, "Widget", "W-1", "1");
    d.db.exec("SELECT pg_sleep(0.01)");
    const std::vector<row> updated =
        d.db.query("UPDATE hist.products_current SET price = 2 WHERE id = $1 "
                   "RETURNING price, price_with_tax, updated_at > created_at",
                   {id});
    REQUIRE(updated.size() == 1);
    CHECK(updated[0][0] == "2.00");
    CHECK(updated[0][1] == "2.40");
    CHECK(updated[0][2] == "t");
    CHECK(versions_of(d.db, id) == "2");

    // The same values again: nothing is written.
    d.db.exec("UPDATE hist.products_current SET price = 2, name = 'Widget' WHERE id = " + id);
    CHECK(versions_of(d.db, id) == "2");
    // Setting an optional column to NULL that is NULL: nothing either.
    d.db.exec("UPDATE hist.products_current SET notes = NULL WHERE id = " + id);
    CHECK(versions_of(d.db, id) == "2");

    // Each version ends where the next begins; the timestamps differ.
    CHECK(versions_chained(d.db, id) == "1");
    CHECK(d.db.text("SELECT count(DISTINCT valid_from) FROM hist.products_history WHERE id = $1", {id}) == "2");
    CHECK(d.db.text("SELECT count(*) FROM hist.products_history WHERE id = $1 AND valid_to IS NULL", {id}) == "1");
    // The earlier version keeps its values, the generated one as computed then.
    CHECK(d.db.text("SELECT price || ' ' || price_with_tax FROM hist.products_history "
                    "WHERE id = $1 AND valid_to IS NOT NULL",
                    {id}) == "1.00 1.20");
}

TEST_CASE("versions written in one transaction get distinct, ordered validity") {
    history_database d;
    const std::string id = insert_product(d.db, "Widget", "W-1", "1");
    d.db.exec("BEGIN");
    for (const std::string price : {"2", "3", "4"})
        d.db.exec("UPDATE hist.products_current SET price = " + price + " WHERE id = " + id);
    d.db.exec("COMMIT");
    CHECK(versions_of(d.db, id) == "4");
    // Ordered by validity, the prices come in the order they were written,
    // each version ending where the next begins.
    CHECK(d.db.text("SELECT string_agg(price::text, ' ' ORDER BY valid_from) FROM hist.products_history WHERE id = $1",
                    {id}) == "1.00 2.00 3.00 4.00");
    CHECK(versions_chained(d.db, id) == "3");
}

TEST_CASE("DELETE ends the entity and keeps its history, attributable to it") {
    history_database d;
    const std::string id = insert_product(d.db, "Widget", "W-1", "1");
    d.db.exec("UPDATE hist.products_current SET price = 3 WHERE id = " + id);
    CHECK(d.db.text("WITH gone AS (DELETE FROM hist.products_current WHERE id = $1 RETURNING id) "
                    "SELECT count(*) FROM gone",
                    {id}) == "1");
    CHECK(d.db.text("SELECT count(*) FROM hist.products_current WHERE id = $1", {id}) == "0");
    CHECK(versions_of(d.db, id) == "2");
    CHECK(d.db.text("SELECT count(*) FROM hist.products_history WHERE id = $1 AND valid_to IS NULL", {id}) == "0");
    CHECK(d.db.text("SELECT deleted_at IS NOT NULL FROM hist.products WHERE id = $1", {id}) == "t");
    // Deleting again deletes nothing.
    CHECK(d.db.text("WITH gone AS (DELETE FROM hist.products_current WHERE id = $1 RETURNING id) "
                    "SELECT count(*) FROM gone",
                    {id}) == "0");
}

TEST_CASE("point-in-time reads") {
    history_database d;
    const std::string id = insert_product(d.db, "Widget", "W-1", "1");
    d.db.exec("SELECT pg_sleep(0.01)");
    const std::string between = d.db.text("SELECT clock_timestamp()::text");
    d.db.exec("SELECT pg_sleep(0.01)");
    d.db.exec("UPDATE hist.products_current SET price = 5 WHERE id = " + id);
    CHECK(d.db.text("SELECT price FROM hist.products_as_of($1::timestamptz) WHERE id = $2", {between, id}) == "1.00");
    CHECK(d.db.text("SELECT price FROM hist.products_as_of(clock_timestamp()) WHERE id = $1", {id}) == "5.00");
    CHECK(d.db.text("SELECT count(*) FROM hist.products_as_of('2000-01-01') ") == "0");
    d.db.exec("DELETE FROM hist.products_current WHERE id = " + id);
    CHECK(d.db.text("SELECT count(*) FROM hist.products_as_of(clock_timestamp())") == "0");
    CHECK(d.db.text("SELECT price FROM hist.products_as_of($1::timestamptz) WHERE id = $2", {between, id}) == "1.00");
}

TEST_CASE("a point read and one entity's state at an instant use indexes, not scans") {
    history_database d;
    d.db.exec("INSERT INTO hist.products_current (name, sku, price) "
              "SELECT 'P' || g, 'S' || g, g % 100 FROM generate_series(1, 2000) g");
    d.db.exec("UPDATE hist.products_current SET price = price + 1");
    d.db.exec("ANALYZE hist.products; ANALYZE hist.products_versions");
    const auto plan_of = [&](const std::string& query) {
        std::string plan;
        for (const row& r : d.db.query("EXPLAIN " + query)) plan += *r[0] + "\n";
        return plan;
    };
    const std::string current = plan_of("SELECT * FROM hist.products_current WHERE id = 1234");
    CAPTURE(current);
    CHECK(current.find("Index Scan using pk__products__id") != std::string::npos);
    CHECK(current.find("Seq Scan") == std::string::npos);
    // The function is inlined: the key reaches both tables' primary keys.
    const std::string as_of = plan_of("SELECT * FROM hist.products_as_of(now()) WHERE id = 1234");
    CAPTURE(as_of);
    CHECK(as_of.find("Function Scan") == std::string::npos);
    CHECK(as_of.find("pk__products_versions__id_valid_from") != std::string::npos);
    CHECK(as_of.find("Seq Scan") == std::string::npos);
    // And it still answers: the entity as it was before the update.
    const std::string before = d.db.text("SELECT valid_to FROM hist.products_history WHERE id = 1234 AND valid_to IS NOT NULL");
    CHECK(d.db.text("SELECT price FROM hist.products_as_of($1::timestamptz - interval '1 microsecond') WHERE id = 1234",
                    {before}) == "34.00");
    CHECK(d.db.text("SELECT price FROM hist.products_as_of($1::timestamptz) WHERE id = 1234", {before}) == "35.00");
}

TEST_CASE("checks hold on every version; unique constraints hold among current versions") {
    history_database d;
    const std::string id = insert_product(d.db, "Widget", "W-1", "1");
    auto f = d.db.failure_of("UPDATE hist.products_current SET price = -1 WHERE id = " + id);
    REQUIRE(f);
    CHECK(f->sqlstate == "23514");
    CHECK(f->constraint == "ck__products__price");
    f = d.db.failure_of("INSERT INTO hist.products_current (name, sku, price) VALUES ('Other', 'W-1', 1)");
    REQUIRE(f);
    CHECK(f->sqlstate == "23505");
    CHECK(f->constraint == "uq__products__sku");
    // Across history the same sku may repeat: after an update and a delete it is free again.
    d.db.exec("UPDATE hist.products_current SET name = 'Widget 2' WHERE id = " + id);
    d.db.exec("DELETE FROM hist.products_current WHERE id = " + id);
    CHECK_NOTHROW(insert_product(d.db, "Reborn", "W-1", "1"));
    // NOT NULL from the member types.
    f = d.db.failure_of("INSERT INTO hist.products_current (name, price) VALUES ('No sku', 1)");
    REQUIRE(f);
    CHECK(f->sqlstate == "23502");
}

TEST_CASE("the backing tables are written only through the view") {
    history_database d;
    const std::string id = insert_product(d.db, "Widget", "W-1", "1");
    d.db.exec("UPDATE hist.products_current SET price = 2 WHERE id = " + id);  // an earlier version to touch
    for (const std::string& statement : std::vector<std::string>{
             "INSERT INTO hist.products DEFAULT VALUES",
          "UPDATE hist.products SET deleted_at = now()",
          "DELETE FROM hist.products",
          "TRUNCATE hist.products CASCADE",
          "INSERT INTO hist.products_versions (id, name, sku, price) VALUES (" + id + ", 'x', 'y', 1)",
             "UPDATE hist.products_versions SET price = 0",
             "DELETE FROM hist.products_versions",
             "TRUNCATE hist.products_versions"}) {
        CAPTURE(statement);
        const auto f = d.db.failure_of(statement);
        REQUIRE(f);
        CHECK(f->sqlstate == "42501");
        CHECK(f->message.find("hist.products") != std::string::npos);
    }
    CHECK(versions_of(d.db, id) == "2");
}

TEST_CASE("trigger functions run as their owner with a pinned search_path") {
    history_database d;
    const std::vector<row> rows = d.db.query(
        "SELECT p.proname, p.prosecdef, array_to_string(p.proconfig, ',') FROM pg_proc p "
        "JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'hist' AND p.prorettype = 'trigger'::regtype "
        "AND p.prosecdef ORDER BY 1");
    REQUIRE(rows.size() >= 3);
    for (const row& r : rows) {
        CAPTURE(*r[0]);
        CHECK(r[2] == "search_path=pg_catalog, pg_temp");
    }
    // A function of the caller's on its search_path cannot stand in for anything.
    d.db.exec("CREATE SCHEMA evil; CREATE FUNCTION evil.clock_timestamp() RETURNS timestamptz "
              "LANGUAGE sql AS $$ SELECT '2000-01-01'::timestamptz $$; SET search_path = evil, pg_catalog, public");
    const std::string id = insert_product(d.db, "Widget", "W-1", "1");
    CHECK(d.db.text("SELECT updated_at > '2001-01-01' FROM hist.products_current WHERE id = $1", {id}) == "t");
}

TEST_CASE("a custom UUID key and a foreign key to the entity table") {
    history_database d;
    const std::string key =
        d.db.text("INSERT INTO hist.offers_current (title, discount) VALUES ('Spring', 10) RETURNING offer_key");
    CHECK(key.size() == 36);
    d.db.exec("UPDATE hist.offers_current SET discount = 15 WHERE offer_key = '" + key + "'");
    CHECK(d.db.text("SELECT count(*) FROM hist.offers_history WHERE offer_key = $1", {key}) == "2");

    const std::string id = insert_product(d.db, "Widget", "W-1", "1");
    CHECK_NOTHROW(d.db.exec("INSERT INTO hist.price_checks (product_id, seen_price) VALUES (" + id + ", 1)"));
    const auto f = d.db.failure_of("INSERT INTO hist.price_checks (product_id, seen_price) VALUES (12345, 1)");
    REQUIRE(f);
    CHECK(f->sqlstate == "23503");
    CHECK(f->constraint == "fk__price_checks__product_id__products");
    CHECK(d.db.text("SELECT confrelid::regclass::text FROM pg_constraint WHERE conname = "
                    "'fk__price_checks__product_id__products'") == "hist.products");
}

TEST_CASE("two sessions updating one entity: one current version, no update lost") {
    history_database d;
    const std::string id = insert_product(d.db, "Widget", "W-1", "1");
    connection first = d.another_session();
    connection second = d.another_session();

    CHECK(history_fixture::second_writer_waits_for_first(
        d.db, first, second, "UPDATE hist.products_current SET price = 7 WHERE id = " + id,
        "UPDATE hist.products_current SET name = 'Renamed' WHERE id = " + id));

    CHECK(d.db.text("SELECT count(*) FROM hist.products_history WHERE id = $1 AND valid_to IS NULL", {id}) == "1");
    CHECK(versions_of(d.db, id) == "3");
    // Both changes survive: the second applied its change onto the first's version.
    CHECK(d.db.text("SELECT name || ' ' || price FROM hist.products_current WHERE id = $1", {id}) == "Renamed 7.00");
}

TEST_CASE("concurrent increments: one is kept unless the row is locked first") {
    history_database d;
    const std::string id = insert_product(d.db, "Widget", "W-1", "1");
    const std::string increment = "UPDATE hist.products_current SET price = price + 1 WHERE id = " + id;
    const std::string lock = "SELECT 1 FROM hist.products_current WHERE id = " + id + " FOR UPDATE; ";
    {
        // NEW comes from the waiter's snapshot: both compute 2.
        connection first = d.another_session();
        connection second = d.another_session();
        CHECK(history_fixture::second_writer_waits_for_first(d.db, first, second, increment, increment));
        CHECK(d.db.text("SELECT price FROM hist.products_current WHERE id = $1", {id}) == "2.00");
    }
    {
        // Locked first, the waiter's UPDATE starts from the committed state.
        connection first = d.another_session();
        connection second = d.another_session();
        CHECK(history_fixture::second_writer_waits_for_first(d.db, first, second, lock + increment,
                                                             "BEGIN; " + lock + increment + "; COMMIT"));
        CHECK(d.db.text("SELECT price FROM hist.products_current WHERE id = $1", {id}) == "4.00");
    }
}

}  // TEST_SUITE
