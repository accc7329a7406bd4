// Ledgers on a live server: legs written through <table>_entries with the
// stored values returned, every other write refused naming the ledger, and
// reversal, once per entry even when two sessions reverse it at once.
#include <doctest/doctest.h>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <pgcraft/generator/build_catalog.hpp>
#include <pgcraft/live/drift.hpp>
#include <pgcraft/model.hpp>
#include <pgcraft/sql/render.hpp>

#include "database_queries.hpp"
#include "pg_cluster.hpp"
#include "printers.hpp"

namespace ledger_fixture {

namespace pg = pgcraft;

struct stock {
    using dimension = pg::ledger<pg::in_schema<"led">, pg::ledger_value<pg::numeric<12, 2>>,
                                 pg::check<"<warehouse> <> ''">>;
    pg::varchar<16> sku;
    std::string warehouse;
    std::optional<std::string> note;
};

struct points {
    using dimension = pg::ledger<pg::in_schema<"led">>;
    std::int64_t customer;
};

using schema = pg::schema<stock, points>;

}  // namespace ledger_fixture

namespace {

using namespace pgcraft_it;

const pgcraft::catalog::catalog& ledger_catalog() {
    static const pgcraft::catalog::catalog catalog = pgcraft::generator::build_catalog<ledger_fixture::schema>();
    return catalog;
}

struct ledger_database {
    connection db = fresh_database();
    ledger_database() { apply_in_transaction(db, pgcraft::sql::render_ddl(ledger_catalog())); }
    connection another_session() { return connection(cluster().conninfo(db.text("SELECT current_database()"))); }
};

// One entry of two legs (sku A from warehouse w1 to w2), returning its entry_id.
std::string move_stock(connection& db, const std::string& quantity) {
    return db.text("WITH legs AS (INSERT INTO led.stock_entries (entry_id, sku, warehouse, value) "
                   "VALUES ('00000000-0000-4000-8000-000000000001'::uuid, 'A', 'w1', -$1::numeric), "
                   "       ('00000000-0000-4000-8000-000000000001'::uuid, 'A', 'w2', $1::numeric) "
                   "RETURNING entry_id) SELECT DISTINCT entry_id::text FROM legs",
                   {quantity});
}

std::string legs(connection& db) { return show(db.query("SELECT id, entry_id, sku, warehouse, value, reverses FROM led.stock ORDER BY id")); }

}  // namespace

TEST_SUITE("ledger") {

TEST_CASE("the ledger's table, view, functions, triggers and comments are as the catalog declares") {
    ledger_database d;
    const std::vector<std::string> drift = described(pgcraft::live::drift(d.db.conninfo(), ledger_catalog()));
    INFO("drift:\n" << lines(drift));
    CHECK(drift.empty());
}

TEST_CASE("INSERT … RETURNING * through the view gives the stored leg: its id, entry_id, created_at, rounded value") {
    ledger_database d;
    const std::vector<row> rows = d.db.query(
        "INSERT INTO led.stock_entries (sku, warehouse, value) VALUES ('A', 'w1', 1.005) "
        "RETURNING id, entry_id IS NOT NULL, sku, warehouse, note, value, created_at IS NOT NULL, reverses");
    REQUIRE(rows.size() == 1);
    CHECK(rows[0][0] == "1");     // the identity, not NULL
    CHECK(rows[0][1] == "t");     // generated, not NULL
    CHECK(rows[0][2] == "A");
    CHECK(rows[0][3] == "w1");
    CHECK(rows[0][4] == std::nullopt);
    CHECK(rows[0][5] == "1.01");  // as stored: numeric(12,2)
    CHECK(rows[0][6] == "t");
    CHECK(rows[0][7] == std::nullopt);
    // What RETURNING showed is what the table holds.
    CHECK(show(d.db.query("SELECT id, value FROM led.stock")) == "1|1.01");
    // A client's id is not taken: the key is the database's.
    CHECK(d.db.text("INSERT INTO led.stock_entries (id, sku, warehouse, value) VALUES (99, 'A', 'w1', 1) RETURNING id") ==
          "2");
}

TEST_CASE("legs given one entry_id share it; a leg without one starts an entry of its own") {
    ledger_database d;
    const std::vector<row> shared = d.db.query(
        "INSERT INTO led.stock_entries (entry_id, sku, warehouse, value) "
        "VALUES ('5b1c8f3e-6d0a-4b8e-9a51-0c2f5e7d9a10', 'A', 'w1', -3), "
        "       ('5b1c8f3e-6d0a-4b8e-9a51-0c2f5e7d9a10', 'A', 'w2', 3) RETURNING id, entry_id");
    REQUIRE(shared.size() == 2);
    CHECK(shared[0][1] == "5b1c8f3e-6d0a-4b8e-9a51-0c2f5e7d9a10");
    CHECK(shared[1][1] == "5b1c8f3e-6d0a-4b8e-9a51-0c2f5e7d9a10");
    CHECK(std::stoll(*shared[1][0]) > std::stoll(*shared[0][0]));
    // Without entry_id: each leg gets a new one.
    d.db.exec("INSERT INTO led.stock_entries (sku, warehouse, value) VALUES ('B', 'w1', 1), ('B', 'w1', 2)");
    CHECK(d.db.text("SELECT count(DISTINCT entry_id) FROM led.stock WHERE sku = 'B'") == "2");
    CHECK(d.db.text("SELECT count(*) FROM led.stock WHERE entry_id = '5b1c8f3e-6d0a-4b8e-9a51-0c2f5e7d9a10'") == "2");
    // The index that finds an entry's legs.
    CHECK(d.db.text("SELECT count(*) FROM pg_indexes WHERE schemaname = 'led' AND indexname = 'ix__stock__entry_id' "
                    "AND indexdef LIKE '%(entry_id)'") == "1");
}

TEST_CASE("created_at is the real time of each leg, not the transaction's") {
    ledger_database d;
    d.db.exec("BEGIN");
    d.db.exec("SELECT pg_sleep(0.01)");
    d.db.exec("INSERT INTO led.points_entries (customer, value) VALUES (1, 10)");
    d.db.exec("SELECT pg_sleep(0.01)");
    d.db.exec("INSERT INTO led.points_entries (customer, value) VALUES (1, 20)");
    CHECK(d.db.text("SELECT bool_and(created_at > now()) FROM led.points") == "t");
    CHECK(d.db.text("SELECT count(DISTINCT created_at) FROM led.points") == "2");
    CHECK(d.db.text("SELECT (SELECT created_at FROM led.points WHERE value = 20) > "
                    "(SELECT created_at FROM led.points WHERE value = 10)") == "t");
    d.db.exec("COMMIT");
}

TEST_CASE("UPDATE, DELETE and TRUNCATE fail on the view and on the table, naming the ledger and how to correct an entry") {
    ledger_database d;
    move_stock(d.db, "5");
    const std::string before = legs(d.db);
    for (const std::string& statement : std::vector<std::string>{
             "UPDATE led.stock_entries SET value = 0",
             "DELETE FROM led.stock_entries",
             "UPDATE led.stock SET value = 0",
             "DELETE FROM led.stock",
             "TRUNCATE led.stock"}) {
        CAPTURE(statement);
        const auto f = d.db.failure_of(statement);
        REQUIRE(f);
        CHECK(f->sqlstate == "42501");
        CHECK(f->message.find("pgcraft: ledger led.stock is immutable") != std::string::npos);
        CHECK(f->message.find("correct an entry by reversing it with led.stock_reverse(entry_id)") != std::string::npos);
    }
    // A view takes no TRUNCATE: PostgreSQL refuses it itself.
    const auto truncate_view = d.db.failure_of("TRUNCATE led.stock_entries");
    REQUIRE(truncate_view);
    CHECK(truncate_view->message.find("stock_entries") != std::string::npos);
    // From inside another trigger too: the refusal has no condition.
    d.db.exec("CREATE TABLE public.clear_requests (x int); "
              "CREATE FUNCTION public.clear_ledger() RETURNS trigger LANGUAGE plpgsql AS "
              "$$ BEGIN DELETE FROM led.stock; RETURN NEW; END; $$; "
              "CREATE TRIGGER clear AFTER INSERT ON public.clear_requests FOR EACH ROW EXECUTE FUNCTION public.clear_ledger()");
    const auto nested = d.db.failure_of("INSERT INTO public.clear_requests VALUES (1)");
    REQUIRE(nested);
    CHECK(nested->message.find("ledger led.stock is immutable") != std::string::npos);
    CHECK(legs(d.db) == before);
}

TEST_CASE("a direct INSERT into the table fails, naming the ledger and its view") {
    ledger_database d;
    const auto f = d.db.failure_of("INSERT INTO led.stock (sku, warehouse, value) VALUES ('A', 'w1', 1)");
    REQUIRE(f);
    CHECK(f->sqlstate == "42501");
    CHECK(f->message == "pgcraft: ledger led.stock is written only through its view: insert the legs into "
                        "led.stock_entries, and correct an entry by reversing it with led.stock_reverse(entry_id)");
    CHECK(d.db.text("SELECT count(*) FROM led.stock") == "0");
}

TEST_CASE("reversal writes one negated leg per leg in a new entry, once") {
    ledger_database d;
    const std::string entry = move_stock(d.db, "2.50");
    d.db.exec("INSERT INTO led.stock_entries (sku, warehouse, value) VALUES ('Z', 'w9', 7)");  // another entry, kept
    const std::vector<row> reversal = d.db.query(
        "SELECT id, entry_id::text, sku, warehouse, value, reverses, created_at IS NOT NULL FROM led.stock_reverse($1)",
        {entry});
    REQUIRE(reversal.size() == 2);
    CHECK(reversal[0][1] == reversal[1][1]);
    CHECK(reversal[0][1] != entry);
    CHECK(reversal[0][2] == "A");
    CHECK(reversal[0][3] == "w1");
    CHECK(reversal[0][4] == "2.50");   // -(-2.50)
    CHECK(reversal[0][5] == "1");      // reverses the first leg
    CHECK(reversal[1][3] == "w2");
    CHECK(reversal[1][4] == "-2.50");
    CHECK(reversal[1][5] == "2");
    CHECK(reversal[0][6] == "t");
    // What it returned is stored; the entry and its reversal sum to nothing.
    CHECK(d.db.text("SELECT count(*) FROM led.stock WHERE entry_id = $1::uuid", {*reversal[0][1]}) == "2");
    CHECK(d.db.text("SELECT sum(value)::text FROM led.stock WHERE sku = 'A'") == "0.00");
    CHECK(d.db.text("SELECT count(*) FROM led.stock") == "5");

    const auto again = d.db.failure_of("SELECT * FROM led.stock_reverse($1)", {entry});
    REQUIRE(again);
    CHECK(again->sqlstate == "23505");
    CHECK(again->message == "pgcraft: entry " + entry + " of ledger led.stock is already reversed");
    const auto unknown = d.db.failure_of("SELECT * FROM led.stock_reverse('9e4b2a61-1111-4c3d-8e5f-123456789abc')");
    REQUIRE(unknown);
    CHECK(unknown->sqlstate == "P0002");
    CHECK(unknown->message == "pgcraft: ledger led.stock has no entry 9e4b2a61-1111-4c3d-8e5f-123456789abc");
    CHECK(d.db.text("SELECT count(*) FROM led.stock") == "5");
    // The reversal can itself be reversed, once: the entry then counts again.
    const std::string reversing = *reversal[0][1];
    CHECK(d.db.query("SELECT * FROM led.stock_reverse($1)", {reversing}).size() == 2);
    CHECK(d.db.text("SELECT sum(value)::text FROM led.stock WHERE sku = 'A' AND warehouse = 'w2'") == "2.50");
}

TEST_CASE("two sessions reversing one entry at once: the second waits, then fails naming the entry") {
    ledger_database d;
    const std::string entry = move_stock(d.db, "1");
    connection first = d.another_session();
    connection second = d.another_session();
    first.exec("BEGIN");
    CHECK(first.query("SELECT * FROM led.stock_reverse($1)", {entry}).size() == 2);
    std::optional<sql_failure> failure;
    std::thread waiting([&] { failure = second.failure_of("SELECT * FROM led.stock_reverse($1)", {entry}); });
    bool blocked = false;
    for (int i = 0; i < 200 && !blocked; ++i) {
        blocked = d.db.text("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'") != "0";
        if (!blocked) std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    first.exec("COMMIT");
    waiting.join();
    CHECK(blocked);  // it got past the check, to the unique reverses
    REQUIRE(failure);
    CHECK(failure->message == "pgcraft: entry " + entry + " of ledger led.stock is already reversed");
    CHECK(d.db.text("SELECT count(*) FROM led.stock") == "4");
}

TEST_CASE("a leg written through the view may reverse a leg only as the reversal would: negated, same dimensions") {
    ledger_database d;
    move_stock(d.db, "4");
    for (const std::string& statement : std::vector<std::string>{
             "INSERT INTO led.stock_entries (sku, warehouse, value, reverses) VALUES ('A', 'w1', 1, 1)",
             "INSERT INTO led.stock_entries (sku, warehouse, value, reverses) VALUES ('A', 'w2', 4, 1)",
             "INSERT INTO led.stock_entries (sku, warehouse, value, reverses) VALUES ('A', 'w1', 4, 99)"}) {
        CAPTURE(statement);
        const auto f = d.db.failure_of(statement);
        REQUIRE(f);
        CHECK(f->sqlstate == "23514");
        CHECK(f->message.find("a leg of ledger led.stock that reverses leg") != std::string::npos);
    }
    CHECK(d.db.text("SELECT count(*) FROM led.stock") == "2");
    d.db.exec("INSERT INTO led.stock_entries (sku, warehouse, value, reverses) VALUES ('A', 'w1', 4, 1)");
    // And once: the unique reverses.
    const auto twice = d.db.failure_of("INSERT INTO led.stock_entries (sku, warehouse, value, reverses) VALUES ('A', 'w1', 4, 1)");
    REQUIRE(twice);
    CHECK(twice->sqlstate == "23505");
    CHECK(twice->constraint == "uq__stock__reverses");
}

TEST_CASE("a numeric value stores exact decimals; the declared check holds") {
    ledger_database d;
    for (int i = 0; i < 10; ++i) d.db.exec("INSERT INTO led.stock_entries (sku, warehouse, value) VALUES ('C', 'w', 0.1)");
    CHECK(d.db.text("SELECT sum(value)::text FROM led.stock") == "1.00");
    CHECK(d.db.text("INSERT INTO led.stock_entries (sku, warehouse, value) VALUES ('C', 'w', 9999999999.99) "
                    "RETURNING value::text") == "9999999999.99");
    CHECK(d.db.text("SELECT format_type(atttypid, atttypmod) FROM pg_attribute "
                    "WHERE attrelid = 'led.stock'::regclass AND attname = 'value'") == "numeric(12,2)");
    const auto too_big = d.db.failure_of("INSERT INTO led.stock_entries (sku, warehouse, value) VALUES ('C', 'w', 1e10)");
    REQUIRE(too_big);
    CHECK(too_big->sqlstate == "22003");
    const auto check = d.db.failure_of("INSERT INTO led.stock_entries (sku, warehouse, value) VALUES ('C', '', 1)");
    REQUIRE(check);
    CHECK(check->constraint == "ck__stock__warehouse");
    CHECK(d.db.text("SELECT format_type(atttypid, atttypmod) FROM pg_attribute "
                    "WHERE attrelid = 'led.points'::regclass AND attname = 'value'") == "bigint");
}

TEST_CASE("the ledger's write functions run as their owner with a pinned search_path") {
    ledger_database d;
    CHECK(show(d.db.query("SELECT p.proname, p.prosecdef, array_to_string(p.proconfig, ',') FROM pg_proc p "
                          "JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'led' "
                          "AND p.proname LIKE 'stock%' ORDER BY 1")) ==
          "stock_entries_insert|t|search_path=pg_catalog, pg_temp\n"
          "stock_immutable|f|search_path=pg_catalog, pg_temp\n"
          "stock_reverse|t|search_path=pg_catalog, pg_temp");
}

}  // TEST_SUITE
