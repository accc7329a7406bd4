// What the catalog can now say, on a live server: dimensions that reference
// each other, enum class members as PostgreSQL enum types, extensions
// declared on the schema, and defaults that apply through history views.
#include <doctest/doctest.h>

#include <cstdint>
#include <filesystem>
#include <sstream>
#include <optional>
#include <string>

#include <pgcraft/generator/build_catalog.hpp>
#include <pgcraft/generator/build_changes.hpp>
#include <pgcraft/live/apply.hpp>
#include <pgcraft/live/drift.hpp>
#include <pgcraft/migrate/files.hpp>
#include <pgcraft/model.hpp>
#include <pgcraft/sql/render.hpp>

#include "applied_schema.hpp"
#include "pg_cluster.hpp"
#include "printers.hpp"

namespace kinds_it {
namespace pg = pgcraft;

enum class employment : std::int16_t { trainee, staff, contractor };

// A department's manager is an employee; an employee belongs to a department.
struct employees;
struct departments {
    using dimension = pg::simple<pg::in_schema<"org">,
                                 pg::foreign_key<"manager_id">::references<employees>::on_delete<pg::set_null>>;
    std::string name;
    std::optional<std::int64_t> manager_id;
};
struct employees {
    using dimension = pg::simple<pg::in_schema<"org">, pg::foreign_key<"department_id">::references<departments>,
                                 pg::column<"login", pg::column_type<"citext">>>;
    std::string login;
    std::int64_t department_id;
    employment kind;
};
// History kinds: a declared default applies on insert through the view, never on update.
struct badges {
    using dimension = pg::append_only<pg::in_schema<"org">, pg::column<"colour", pg::sql_default<"'blue'">>>;
    std::string holder;
    std::string colour;
    employment kind;
};
struct settings {
    using dimension = pg::eav<pg::in_schema<"org">, pg::column<"level", pg::sql_default<"3">>>;
    std::string label;
    std::int32_t level;
    std::optional<employment> kind;
};
// EAV checks may read the key and created_at: they run once those exist.
struct tokens {
    using dimension = pg::eav<pg::in_schema<"org">, pg::check<"recent", "<created_at> > '2000-01-01'">,
                              pg::check<"never", "<id> < 0">>;
    std::string value;
};
// 128-bit integers (GNU mode): numeric(39,0), held to the C++ range.
__extension__ typedef __int128 int128;
__extension__ typedef unsigned __int128 uint128;
struct counters {
    using dimension = pg::simple<pg::in_schema<"org">>;
    int128 signed_count;
    uint128 unsigned_count;
};
using schema = pg::schema<pg::postgres_extension<"citext">, departments, employees, badges, settings, counters, tokens>;
}  // namespace kinds_it

namespace {
using namespace pgcraft_it;
connection with_schema() { return applied<kinds_it::schema>(); }
}  // namespace

TEST_SUITE("catalog_kinds") {

TEST_CASE("dimensions that reference each other apply, and both keys hold") {
    connection db = with_schema();
    const std::string sales = db.text("INSERT INTO org.departments (name) VALUES ('Sales') RETURNING id");
    const std::string ann = db.text(
        "INSERT INTO org.employees (login, department_id, kind) VALUES ('Ann', $1, 'staff') RETURNING id", {sales});
    db.exec("UPDATE org.departments SET manager_id = " + ann + " WHERE id = " + sales);
    // Each direction's key is enforced.
    const auto no_department =
        db.failure_of("INSERT INTO org.employees (login, department_id, kind) VALUES ('Bob', -1, 'staff')");
    REQUIRE(no_department);
    CHECK(no_department->sqlstate == "23503");
    CHECK(no_department->constraint == "fk__employees__department_id__departments");
    const auto no_manager = db.failure_of("UPDATE org.departments SET manager_id = -1");
    REQUIRE(no_manager);
    CHECK(no_manager->sqlstate == "23503");
    CHECK(no_manager->constraint == "fk__departments__manager_id__employees");
    // ON DELETE SET NULL on the key that closed the cycle.
    db.exec("UPDATE org.employees SET department_id = department_id");  // still valid
    db.exec("ALTER TABLE org.employees DROP CONSTRAINT fk__employees__department_id__departments");
    db.exec("DELETE FROM org.employees WHERE id = " + ann);
    CHECK_FALSE(db.value("SELECT manager_id FROM org.departments WHERE id = " + sales).has_value());
}

TEST_CASE("an enum class member is a column of a PostgreSQL enum type that rejects other labels") {
    connection db = with_schema();
    CHECK(db.text("SELECT string_agg(enumlabel, ',' ORDER BY enumsortorder) FROM pg_enum "
                  "WHERE enumtypid = 'org.employment'::regtype") == "trainee,staff,contractor");
    const std::string d = db.text("INSERT INTO org.departments (name) VALUES ('Ops') RETURNING id");
    CHECK_FALSE(db.failure_of("INSERT INTO org.employees (login, department_id, kind) VALUES ('a', $1, 'trainee')", {d}));
    const auto bad = db.failure_of("INSERT INTO org.employees (login, department_id, kind) VALUES ('b', $1, 'boss')", {d});
    REQUIRE(bad);
    CHECK(bad->sqlstate == "22P02");  // invalid input value for enum
    // The labels order as the C++ values do.
    CHECK(db.text("SELECT 'trainee'::org.employment < 'contractor'::org.employment") == "t");
    // Through an EAV view, too: the attribute's values have the enum's type.
    CHECK_FALSE(db.failure_of("INSERT INTO org.settings_current (label, level, kind) VALUES ('x', 1, 'staff')"));
    const auto eav_bad = db.failure_of("INSERT INTO org.settings_current (label, level, kind) VALUES ('y', 1, 'boss')");
    REQUIRE(eav_bad);
    CHECK(eav_bad->sqlstate == "22P02");
}

TEST_CASE("a type of a declared extension: citext compares without case") {
    connection db = with_schema();
    CHECK(db.text("SELECT extname FROM pg_extension WHERE extname = 'citext'") == "citext");
    const std::string d = db.text("INSERT INTO org.departments (name) VALUES ('Ops') RETURNING id");
    db.exec("INSERT INTO org.employees (login, department_id, kind) VALUES ('Ann', " + d + ", 'staff')");
    CHECK(db.text("SELECT count(*) FROM org.employees WHERE login = 'ANN'") == "1");
}

TEST_CASE("declared defaults apply through the history views on insert, never on update") {
    connection db = with_schema();
    // Append-only: the column omitted gets its default, as on a table.
    const std::string badge =
        db.text("INSERT INTO org.badges_current (holder, kind) VALUES ('Ann', 'staff') RETURNING id");
    CHECK(db.text("SELECT colour FROM org.badges_current WHERE id = " + badge) == "blue");
    db.exec("UPDATE org.badges_current SET colour = 'red' WHERE id = " + badge);
    db.exec("UPDATE org.badges_current SET holder = 'Ann B.' WHERE id = " + badge);
    CHECK(db.text("SELECT colour FROM org.badges_current WHERE id = " + badge) == "red");
    // EAV: the same, and the default is kept in the history.
    const std::string setting = db.text("INSERT INTO org.settings_current (label) VALUES ('x') RETURNING id");
    CHECK(db.text("SELECT level FROM org.settings_current WHERE id = " + setting) == "3");
    db.exec("UPDATE org.settings_current SET level = 5 WHERE id = " + setting);
    db.exec("UPDATE org.settings_current SET label = 'y' WHERE id = " + setting);
    CHECK(db.text("SELECT level FROM org.settings_current WHERE id = " + setting) == "5");
    CHECK(db.text("SELECT count(*) FROM org.settings_history WHERE id = " + setting +
                  " AND attribute = 'level'") == "2");
}

TEST_CASE("an EAV check that reads the key and created_at sees their values") {
    connection db = with_schema();
    // "never" cannot hold for a real key: enforced, it rejects every insert (with NULL it passed silently).
    const auto rejected = db.failure_of("INSERT INTO org.tokens_current (value) VALUES ('x')");
    REQUIRE(rejected);
    CHECK(rejected->sqlstate == "23514");
    CHECK(rejected->constraint == "never");
    CHECK(db.text("SELECT count(*) FROM org.tokens") == "0");  // nothing was kept
}

TEST_CASE("128-bit integers keep every value of their C++ type, and only those") {
    connection db = with_schema();
    const std::string min = "-170141183460469231731687303715884105728";
    const std::string max = "340282366920938463463374607431768211455";
    CHECK_FALSE(db.failure_of("INSERT INTO org.counters (signed_count, unsigned_count) VALUES (" + min + ", " + max + ")"));
    CHECK(db.text("SELECT unsigned_count::text FROM org.counters") == max);
    const auto too_big = db.failure_of("INSERT INTO org.counters (signed_count, unsigned_count) VALUES (0, " + max + " + 1)");
    REQUIRE(too_big);
    CHECK(too_big->sqlstate == "23514");
    const auto too_small = db.failure_of("INSERT INTO org.counters (signed_count, unsigned_count) VALUES (" + min + " - 1, 0)");
    REQUIRE(too_small);
    CHECK(too_small->sqlstate == "23514");
}

TEST_CASE("migrate apply runs a migration as psql would: an extension without a schema, a type named unqualified") {
    // The applier's own connection reads with an empty search_path; the steps run with the default one.
    const auto declared = pgcraft::generator::build_catalog<kinds_it::schema>();
    const std::filesystem::path dir = pgcraft_it::cluster().directory() + "/kinds-migrations";
    std::filesystem::create_directories(dir);
    const auto files = pgcraft::migrate::next_migration(dir, "initial", declared, {});
    REQUIRE(files);
    pgcraft::migrate::write_migration(dir, *files);
    const pgcraft_it::connection db = pgcraft_it::fresh_database();
    std::ostringstream out;
    CHECK(pgcraft::live::apply_migrations(db.conninfo(), dir, {}, out) == 1);
    INFO(out.str());
    std::string drift;
    for (const auto& d : pgcraft::live::drift(db.conninfo(), declared)) drift += pgcraft::live::describe(d) + "\n";
    INFO(drift);
    CHECK(drift.empty());
}

}  // TEST_SUITE
