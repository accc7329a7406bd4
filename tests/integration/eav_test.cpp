// EAV dimensions on a live server: typed attributes through the pivot view,
// required attributes, checks in the write triggers, NULL-clearing kept in
// history, no-op updates, deletes, protection, and index use.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include <pgcraft/generator/build_catalog.hpp>
#include <pgcraft/sql/render.hpp>

#include "database_queries.hpp"
#include "history_fixture.hpp"
#include "pg_cluster.hpp"
#include "printers.hpp"

namespace {

using namespace pgcraft_it;

struct eav_database {
    connection db = fresh_database();
    eav_database() {
        static const std::string ddl =
            pgcraft::sql::render_ddl(pgcraft::generator::build_catalog<history_fixture::schema>());
        apply_in_transaction(db, ddl);
    }
    connection another_session() { return connection(cluster().conninfo(db.text("SELECT current_database()"))); }
};

std::string insert_setting(connection& db) {
    return db.text("INSERT INTO hist.settings_current (label, code, max_items, stock) VALUES ('Main', 'M1', 5, 10) "
                   "RETURNING id");
}

std::string value_rows(connection& db) { return db.text("SELECT count(*) FROM hist.settings_attributes"); }

}  // namespace

TEST_SUITE("eav") {

TEST_CASE("the pivot view has real types, and INSERT … RETURNING gives real values") {
    eav_database d;
    const std::vector<row> types =
        d.db.query("SELECT attname, format_type(atttypid, atttypmod) FROM pg_attribute "
                   "WHERE attrelid = 'hist.settings_current'::regclass AND attnum > 0 ORDER BY attnum");
    CHECK(show(types) == show({{"id", "bigint"},
                               {"label", "character varying(20)"},
                               {"code", "character varying(8)"},
                               {"max_items", "integer"},
                               {"enabled", "boolean"},
                               {"note", "text"},
                               {"stock", "bigint"},
                               {"created_at", "timestamp with time zone"},
                               {"updated_at", "timestamp with time zone"}}));
    const std::vector<row> inserted = d.db.query(
        "INSERT INTO hist.settings_current (label, code, max_items, enabled, stock) VALUES ('Main', 'M1', 5, true, 10) "
        "RETURNING id, enabled, created_at IS NOT NULL, updated_at IS NOT NULL");
    CHECK(show(inserted) == show({{"1", "t", "t", "t"}}));
    CHECK(d.db.text("SELECT enabled AND max_items = 5 FROM hist.settings_current WHERE id = 1") == "t");
}

TEST_CASE("two varchars of different lengths keep their own limits") {
    eav_database d;
    auto f = d.db.failure_of("INSERT INTO hist.settings_current (label, code, max_items, stock) "
                             "VALUES ('Main', 'TOO-LONG-CODE', 5, 1)");
    REQUIRE(f);
    CHECK(f->sqlstate == "22001");
    CHECK_NOTHROW(d.db.exec("INSERT INTO hist.settings_current (label, code, max_items, stock) "
                            "VALUES ('A label of 19 chars', 'CODE8888', 5, 1)"));
    // An unsigned member keeps its C++ range.
    f = d.db.failure_of("INSERT INTO hist.settings_current (label, code, max_items, stock) VALUES ('x', 'y', 1, -1)");
    REQUIRE(f);
    CHECK(f->sqlstate == "23514");
}

TEST_CASE("required attributes are enforced on insert and update") {
    eav_database d;
    auto f = d.db.failure_of("INSERT INTO hist.settings_current (label, code, stock) VALUES ('x', 'y', 1)");
    REQUIRE(f);
    CHECK(f->sqlstate == "23502");
    CHECK(f->column == "max_items");
    const std::string id = insert_setting(d.db);
    f = d.db.failure_of("UPDATE hist.settings_current SET label = NULL WHERE id = " + id);
    REQUIRE(f);
    CHECK(f->sqlstate == "23502");
    CHECK(f->column == "label");
}

TEST_CASE("checks with markers are enforced by the triggers, naming the check") {
    eav_database d;
    auto f = d.db.failure_of(
        "INSERT INTO hist.settings_current (label, code, max_items, stock) VALUES ('x', 'y', 0, 1)");
    REQUIRE(f);
    CHECK(f->sqlstate == "23514");
    CHECK(f->constraint == "ck__settings__max_items");
    const std::string id = insert_setting(d.db);
    f = d.db.failure_of("UPDATE hist.settings_current SET label = 'twenty characters!!!' WHERE id = " + id);
    REQUIRE(f);
    CHECK(f->sqlstate == "23514");
    CHECK(f->constraint == "label_short");
    f = d.db.failure_of("UPDATE hist.settings_current SET label = 'nineteen characters' WHERE id = " + id);
    CHECK_FALSE(f);
    f = d.db.failure_of("UPDATE hist.settings_current SET max_items = -3 WHERE id = " + id);
    REQUIRE(f);
    CHECK(f->constraint == "ck__settings__max_items");
}

TEST_CASE("an update that changes nothing writes nothing; a change writes one row") {
    eav_database d;
    const std::string id = insert_setting(d.db);
    const std::string before = value_rows(d.db);
    d.db.exec("UPDATE hist.settings_current SET max_items = 5, label = 'Main' WHERE id = " + id);
    CHECK(value_rows(d.db) == before);
    d.db.exec("UPDATE hist.settings_current SET max_items = 6 WHERE id = " + id);
    CHECK(std::stoi(value_rows(d.db)) == std::stoi(before) + 1);
    CHECK(d.db.text("SELECT max_items FROM hist.settings_current WHERE id = $1", {id}) == "6");
}

TEST_CASE("an optional attribute can be cleared, and the clearing is in the history") {
    eav_database d;
    const std::string id = insert_setting(d.db);
    d.db.exec("UPDATE hist.settings_current SET note = 'hello' WHERE id = " + id);
    CHECK(d.db.text("SELECT note FROM hist.settings_current WHERE id = $1", {id}) == "hello");
    d.db.exec("UPDATE hist.settings_current SET note = NULL WHERE id = " + id);
    CHECK_FALSE(d.db.value("SELECT note FROM hist.settings_current WHERE id = $1", {id}).has_value());
    const std::vector<row> history = d.db.query(
        "SELECT value, valid_to IS NULL FROM hist.settings_history WHERE id = $1 AND attribute = 'note' "
        "ORDER BY value_id",
        {id});
    CHECK(show(history) == show({{std::nullopt, "f"}, {"hello", "f"}, {std::nullopt, "t"}}));
}

TEST_CASE("DELETE keeps the history; the backing tables are protected") {
    eav_database d;
    const std::string id = insert_setting(d.db);
    const std::string rows = value_rows(d.db);
    d.db.exec("DELETE FROM hist.settings_current WHERE id = " + id);
    CHECK(d.db.text("SELECT count(*) FROM hist.settings_current") == "0");
    CHECK(value_rows(d.db) == rows);
    CHECK(d.db.text("SELECT count(*) FROM hist.settings_attributes WHERE valid_to IS NULL") == "0");
    for (const std::string& statement : std::vector<std::string>{
             "INSERT INTO hist.settings_attributes (id, attribute, text_value) VALUES (" + id + ", 'note', 'x')",
             "UPDATE hist.settings_attributes SET valid_to = NULL", "DELETE FROM hist.settings",
             "INSERT INTO hist.settings DEFAULT VALUES"}) {
        CAPTURE(statement);
        const auto f = d.db.failure_of(statement);
        REQUIRE(f);
        CHECK(f->sqlstate == "42501");
        CHECK(f->message.find("hist.settings") != std::string::npos);
    }
}

TEST_CASE("a point read and a single-attribute update use the index, not a scan") {
    eav_database d;
    d.db.exec("INSERT INTO hist.settings_current (label, code, max_items, stock) "
              "SELECT 'L' || g, 'C' || g, 1 + g % 10, g FROM generate_series(1, 2000) g");
    d.db.exec("ANALYZE hist.settings_attributes; ANALYZE hist.settings");
    std::string plan;
    for (const row& r : d.db.query("EXPLAIN SELECT * FROM hist.settings_current WHERE id = 1234")) plan += *r[0] + "\n";
    CAPTURE(plan);
    CHECK(plan.find("Index") != std::string::npos);
    CHECK(plan.find("Seq Scan on settings_attributes") == std::string::npos);
    const std::string before = value_rows(d.db);
    d.db.exec("UPDATE hist.settings_current SET max_items = 99 WHERE id = 1234");
    CHECK(std::stoi(value_rows(d.db)) == std::stoi(before) + 1);
}

TEST_CASE("two sessions updating one entity: one current value per attribute, no update lost") {
    eav_database d;
    const std::string id = insert_setting(d.db);
    connection first = d.another_session();
    connection second = d.another_session();

    second.exec("CREATE TEMP TABLE returned (max_items integer)");
    CHECK(history_fixture::second_writer_waits_for_first(
        d.db, first, second, "UPDATE hist.settings_current SET max_items = 7 WHERE id = " + id,
        "WITH u AS (UPDATE hist.settings_current SET note = 'second' WHERE id = " + id +
            " RETURNING max_items) INSERT INTO returned SELECT max_items FROM u"));

    CHECK(d.db.text("SELECT max_items || ' ' || note FROM hist.settings_current WHERE id = $1", {id}) == "7 second");
    // The waiter read the entity again after the lock: it returns the first writer's value, not its snapshot's.
    CHECK(second.text("SELECT max_items FROM returned") == "7");
    CHECK(d.db.text("SELECT count(*) FROM hist.settings_attributes WHERE id = $1 AND valid_to IS NULL", {id}) == "6");
    CHECK(d.db.text("SELECT count(*) FROM (SELECT attribute FROM hist.settings_attributes WHERE id = $1 "
                    "AND valid_to IS NULL GROUP BY attribute HAVING count(*) > 1) AS doubled",
                    {id}) == "0");
}

}  // TEST_SUITE
