// Generated names longer than PostgreSQL's 63 bytes: the server would cut
// them silently (and two long names could then collide), so pgcraft fits
// them itself. The server must end up with exactly pgcraft's names.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include <pgcraft/catalog/catalog.hpp>
#include <pgcraft/generator/build_catalog.hpp>
#include <pgcraft/live/drift.hpp>
#include <pgcraft/model.hpp>
#include <pgcraft/sql/naming.hpp>
#include <pgcraft/sql/quote.hpp>
#include <pgcraft/sql/render.hpp>

#include "catalog_values.hpp"
#include "database_queries.hpp"
#include "pg_cluster.hpp"
#include "printers.hpp"

namespace long_names {
namespace pg = pgcraft;
// Two tables whose names share their first 51 bytes: their primary keys'
// names (and so their indexes' names, in one schema) differ only by the hash.
struct north {
    using dimension = pg::simple<pg::table_name<"reorder_thresholds_by_vendor_and_warehouse_region_northern">>;
    std::uint32_t minimum_reorder_quantity_for_the_summer_season;
    std::uint32_t minimum_reorder_quantity_for_the_winter_season;
};
struct south {
    using dimension = pg::simple<pg::table_name<"reorder_thresholds_by_vendor_and_warehouse_region_southern">>;
    std::uint32_t minimum_reorder_quantity_for_the_summer_season;
};
// 63 bytes of two-byte characters after an 'x': the 54-byte cut falls inside a character.
struct accented {
    using dimension = pg::simple<pg::table_name<"x\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9"
                                                "\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9"
                                                "\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9">>;
    std::uint32_t n;
};
using schema = pg::schema<north, south, accented>;
}  // namespace long_names

namespace {

using namespace pgcraft_it;
namespace cat = pgcraft::catalog;
using pgcraft::sql::convention_name;

std::vector<std::string> live_constraint_names(connection& db, const cat::qualified_name& table) {
    std::vector<std::string> names;
    for (const row& r : db.query("SELECT con.conname FROM pg_constraint con "
                                 "JOIN pg_class c ON c.oid = con.conrelid "
                                 "JOIN pg_namespace n ON n.oid = c.relnamespace "
                                 "WHERE n.nspname = $1 AND c.relname = $2 ORDER BY 1",
                                 {table.schema, table.name}))
        names.push_back(r[0].value_or(""));
    return names;
}

std::vector<std::string> index_names(connection& db) {
    std::vector<std::string> names;
    for (const row& r : db.query("SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                                 "WHERE n.nspname = 'public' AND c.relkind = 'i' ORDER BY 1"))
        names.push_back(r[0].value_or(""));
    return names;
}

std::vector<std::string> sorted(std::vector<std::string> v) {
    std::sort(v.begin(), v.end());
    return v;
}

// The name before fitting, as the convention spells it.
std::string unfitted(const std::string& prefix, const std::string& table, const std::string& column) {
    return prefix + "__" + table + "__" + column;
}

bool valid_utf8(const std::string& s) {
    std::size_t i = 0;
    while (i < s.size()) {
        const auto c = static_cast<unsigned char>(s[i]);
        const std::size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
        if (n == 0 || i + n > s.size()) return false;
        for (std::size_t k = 1; k < n; ++k)
            if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
        i += n;
    }
    return true;
}

}  // namespace

TEST_SUITE("naming") {

TEST_CASE("constraint names over 63 bytes are the convention's fitted names, on the server too") {
    const cat::catalog catalog = pgcraft::generator::build_catalog<long_names::schema>();
    connection db = fresh_database();
    apply_in_transaction(db, pgcraft::sql::render_ddl(catalog));
    // The server says NOTICE when it truncates an identifier.
    CHECK(lines(db.take_notices()).empty());

    std::vector<std::string> all_pk_names;
    for (const cat::table* t : catalog.all<cat::table>()) {
        CAPTURE(t->name.name);
        std::vector<std::string> expected{convention_name("pk", t->name.name, std::vector<std::string>{"id"})};
        all_pk_names.push_back(expected.back());
        for (const cat::column* c : catalog.columns_of(t->name))
            if (c->name != "id")
                expected.push_back(convention_name("ck", t->name.name, std::vector<std::string>{c->name}));
        for (const std::string& name : expected) {
            CAPTURE(name);
            CHECK(name.size() <= 63);
            CHECK(valid_utf8(name));
        }
        // The catalog carries exactly these names, and so does the server.
        std::vector<std::string> in_catalog;
        for (const cat::constraint* c : catalog.constraints_of(t->name)) in_catalog.push_back(c->name);
        CHECK(lines(sorted(in_catalog)) == lines(sorted(expected)));
        CHECK(lines(live_constraint_names(db, t->name)) == lines(sorted(expected)));
    }
    // Every one of these names needed fitting, and none collided.
    CHECK(all_pk_names.size() == 3);
    for (const std::string& name : all_pk_names) CHECK(name.size() >= 54);
    CHECK(lines(index_names(db)) == lines(sorted(all_pk_names)));

    // The two checks of one table share their first 54 bytes; the hash tells them apart.
    const std::string north = "reorder_thresholds_by_vendor_and_warehouse_region_northern";
    const std::string summer =
        convention_name("ck", north, std::vector<std::string>{"minimum_reorder_quantity_for_the_summer_season"});
    const std::string winter =
        convention_name("ck", north, std::vector<std::string>{"minimum_reorder_quantity_for_the_winter_season"});
    CHECK(unfitted("ck", north, "minimum_reorder_quantity_for_the_summer_season").size() > 63);
    CHECK(summer.size() == 63);
    CHECK(summer.substr(0, 54) == winter.substr(0, 54));
    CHECK(summer != winter);

    // A violation reports the fitted name, so an application can match on it.
    const auto f = db.failure_of("INSERT INTO public." + north +
                                 " (minimum_reorder_quantity_for_the_summer_season, "
                                 "minimum_reorder_quantity_for_the_winter_season) VALUES (1, -1)");
    REQUIRE(f);
    CHECK(f->sqlstate == "23514");
    CHECK(f->constraint == winter);
}

TEST_CASE("a fitted name never splits a UTF-8 character") {
    const cat::catalog catalog = pgcraft::generator::build_catalog<long_names::schema>();
    const cat::table* accented = nullptr;
    for (const cat::table* t : catalog.all<cat::table>())
        if (t->name.name[0] == 'x') accented = t;
    REQUIRE(accented != nullptr);
    REQUIRE(accented->name.name.size() == 63);

    connection db = fresh_database();
    // A split character would make the statement invalid UTF-8, which the server rejects.
    apply_in_transaction(db, pgcraft::sql::render_ddl(catalog));
    const std::string pk = convention_name("pk", accented->name.name, std::vector<std::string>{"id"});
    CHECK(valid_utf8(pk));
    CHECK(pk.size() == 62);  // "pk__x" and 24 two-byte characters: the 54th byte would have split the 25th
    CHECK(db.query("SELECT 1 FROM pg_constraint WHERE conname = $1", {pk}).size() == 1);
    CHECK(db.text("SELECT convert_to($1, 'UTF8') = convert_to(conname::text, 'UTF8') FROM pg_constraint "
                  "WHERE conname = $1",
                  {pk}) == "t");
}

TEST_CASE("names at the 63-byte limit are kept, one byte more are fitted") {
    connection db = fresh_database();
    cat::catalog catalog;
    std::vector<std::string> expected;
    for (std::size_t length : {55u, 56u}) {  // "pk__" + name + "__id": 63 and 64 bytes
        cat::table_definition t;
        t.name = {"public", "t" + std::string(length - 1, 'n')};
        t.add_column(make_column("id", "bigint", false, true));
        const std::string name = convention_name("pk", t.name.name, std::vector<std::string>{"id"});
        t.constraints = {make_constraint(cat::constraint_kind::primary_key, name, {"id"})};
        expected.push_back(name);
        CAPTURE(length);
        if (length == 55) CHECK(name == unfitted("pk", t.name.name, "id"));
        else CHECK(name != unfitted("pk", t.name.name, "id"));
        CHECK(name.size() <= 63);
        catalog.add(t);
    }
    apply_in_transaction(db, pgcraft::sql::render_ddl(catalog));
    CHECK(lines(db.take_notices()).empty());
    CHECK(lines(index_names(db)) == lines(sorted(expected)));
    const std::vector<pgcraft::live::difference> drift = pgcraft::live::drift(db.conninfo(), catalog);
    INFO("drift:\n" << lines(described(drift)));
    CHECK(drift.empty());
}

}  // TEST_SUITE
