// Snapshots: canonical JSON of a catalog, read back to an equal catalog.
#include <pgcraft/api.hpp>
#include <pgcraft/generator/build_catalog.hpp>
#include <pgcraft/generator/snapshot.hpp>
#include <pgcraft/model.hpp>
#include <pgcraft/sql/render.hpp>

#include <stdexcept>
#include <string>

#include <doctest/doctest.h>

#include "inventory.hpp"

namespace pg = pgcraft;

namespace snapshot_test {
enum class tier : std::int16_t { free, paid };
struct accounts {
    using dimension = pg::append_only<pg::in_schema<"billing">, pg::column<"plan", pg::sql_default<"'basic'">>,
                                      pg::check<"<credit> >= 0">, pg::unique<"email">,
                                      pg::api<pg::grant<"authenticated", "select, update">, pg::api_exclude<"credit">>>;
    std::string email;
    std::string plan;
    std::int32_t credit;
    tier level;
};
struct settings {
    using dimension = pg::eav<pg::in_schema<"billing">, pg::check<"<limit> > 0">>;
    std::int32_t limit;
    std::optional<std::string> note;
};
// PostgREST's roles: a NOINHERIT login role with memberships.
using schema = pg::schema<pg::postgres_extension<"citext">, pg::extensions<pg::postgrest<>>, accounts, settings>;
}  // namespace snapshot_test

TEST_CASE("a snapshot reads back to an equal catalog, and is the same text again") {
    for (const pg::catalog::catalog& original :
         {pg::generator::build_catalog<inventory::schema>(), pg::generator::build_catalog<snapshot_test::schema>()}) {
        const std::string text = pg::generator::write_snapshot(original);
        const pg::catalog::catalog read = pg::generator::read_snapshot(text);
        CHECK(read == original);
        CHECK(pg::generator::write_snapshot(read) == text);
        // Its statements can be ordered and rendered (independent ones may come in another order).
        CHECK_NOTHROW(pg::sql::render_ddl(read));
    }
}

TEST_CASE("a deferred constraint trigger reads back deferred; a plain trigger's line has no such key") {
    pg::catalog::catalog original = pg::generator::build_catalog<snapshot_test::schema>();
    const pg::catalog::trigger* plain = original.all<pg::catalog::trigger>().front();
    REQUIRE(plain);
    CHECK(pg::generator::write_snapshot(original).find("\"deferred\"") == std::string::npos);
    pg::catalog::trigger at_commit = *plain;
    at_commit.name = "at_commit";
    at_commit.timing = pg::catalog::trigger_timing::after;
    at_commit.deferred = true;
    original.add(at_commit);
    const std::string text = pg::generator::write_snapshot(original);
    CHECK(text.find("\"deferred\":true") != std::string::npos);
    const pg::catalog::catalog read = pg::generator::read_snapshot(text);
    CHECK(read == original);
    const auto* back = read.find_as<pg::catalog::trigger>(at_commit.id());
    REQUIRE(back);
    CHECK(back->deferred);
}

TEST_CASE("a snapshot is canonical: sorted keys, versioned, bodies verbatim, an object a line") {
    const std::string text = pg::generator::write_snapshot(pg::generator::build_catalog<snapshot_test::schema>());
    CHECK(text.starts_with("{\n  \"format\": \"pgcraft-catalog\",\n  \"objects\": [\n"));
    CHECK(text.find("\n  \"version\": 1\n}") != std::string::npos);
    CHECK(text.find("\"body\":\"DECLARE\\n    stamp timestamptz;\\n    latest billing.accounts%ROWTYPE;") !=
          std::string::npos);
    CHECK(text.find("\"object\":{\"labels\":[\"free\",\"paid\"],\"name\":") != std::string::npos);
    // Each object on a line of its own: a change to one is a change to one line.
    std::size_t lines = 0;
    for (char c : text) lines += c == '\n';
    CHECK(lines == pg::generator::build_catalog<snapshot_test::schema>().size() + 6);
}

TEST_CASE("a snapshot that is not one says what is wrong") {
    CHECK_THROWS_WITH_AS(pg::generator::read_snapshot("not json"), "pgcraft: snapshot: not JSON", std::invalid_argument);
    CHECK_THROWS_WITH_AS(pg::generator::read_snapshot(R"({"format": "pgcraft-catalog", "version": 2, "objects": []})"),
                         "pgcraft: snapshot: format version 2, this pgcraft reads version 1", std::invalid_argument);
    CHECK_THROWS_WITH_AS(pg::generator::read_snapshot(R"({"format": "other"})"),
                         "pgcraft: snapshot: not a pgcraft catalog snapshot", std::invalid_argument);
    CHECK_THROWS_WITH_AS(
        pg::generator::read_snapshot(
            R"({"format": "pgcraft-catalog", "version": 1, "objects": [{"kind": "schema", "object": {}}]})"),
        doctest::Contains("pgcraft: snapshot: a malformed object"), std::invalid_argument);
    CHECK_THROWS_WITH_AS(
        pg::generator::read_snapshot(R"({"format": "pgcraft-catalog", "version": 1, "objects": [)"
                                     R"({"kind": "schema", "object": {"name": "a"}}, {"kind": "schema", "object": {"name": "a"}}]})"),
        "pgcraft: snapshot: schema a is there twice", std::invalid_argument);
    CHECK_THROWS_WITH_AS(
        pg::generator::read_snapshot(
            R"({"format": "pgcraft-catalog", "version": 1, "objects": [{"kind": "sequence", "object": {}}]})"),
        "pgcraft: snapshot: 'sequence' is not a kind of object", std::invalid_argument);
}
