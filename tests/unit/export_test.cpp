// Exporting for other runners: which steps each runner migration holds, and
// what a sqitch verify script checks. The files themselves are checked by
// the CLI test `generator_cli.export`, and applied by the real dbmate and
// sqitch in the integration suite `evolution`.
#include <pgcraft/migrate/export.hpp>
#include <pgcraft/migrate/files.hpp>
#include <pgcraft/sql/render_change.hpp>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include <doctest/doctest.h>

namespace cat = pgcraft::catalog;
namespace migrate = pgcraft::migrate;
using part = migrate::runner_part;

TEST_CASE("runner parts: up step i in part i, down steps from the first part in reverse") {
    // Rolled back n, …, 1, the parts run the down steps 1, …, m in order.
    CHECK(migrate::runner_parts(1, 1) == std::vector<part>{{0, 0}});
    CHECK(migrate::runner_parts(3, 1) == std::vector<part>{{0, 0}, {1, std::nullopt}, {2, std::nullopt}});
    CHECK(migrate::runner_parts(3, 2) == std::vector<part>{{0, 1}, {1, 0}, {2, std::nullopt}});
    CHECK(migrate::runner_parts(1, 3) == std::vector<part>{{0, 2}, {std::nullopt, 1}, {std::nullopt, 0}});
    CHECK(migrate::runner_parts(2, 4) == std::vector<part>{{0, 3}, {1, 2}, {std::nullopt, 1}, {std::nullopt, 0}});
    // A migration is always one runner migration at least, if only to be numbered.
    CHECK(migrate::runner_parts(0, 0) == std::vector<part>{{std::nullopt, std::nullopt}});
    for (std::size_t k = 0; k <= 4; ++k)
        for (std::size_t m = 0; m <= 4; ++m) {
            CAPTURE(k);
            CAPTURE(m);
            const std::vector<part> parts = migrate::runner_parts(k, m);
            std::vector<std::size_t> ups;
            std::vector<std::size_t> downs_rolled_back;
            for (const part& p : parts)
                if (p.up) ups.push_back(*p.up);
            for (auto p = parts.rbegin(); p != parts.rend(); ++p)
                if (p->down) downs_rolled_back.push_back(*p->down);
            CHECK(ups.size() == k);
            CHECK(downs_rolled_back.size() == m);
            for (std::size_t i = 0; i < ups.size(); ++i) CHECK(ups[i] == i);
            for (std::size_t i = 0; i < downs_rolled_back.size(); ++i) CHECK(downs_rolled_back[i] == i);
        }
}

namespace {
cat::catalog with_tables(const std::vector<std::string>& tables) {
    cat::catalog c;
    c.add(cat::schema{"app"});
    for (const std::string& name : tables) {
        cat::table_definition t;
        t.name = {"app", name};
        cat::column id;
        id.name = "id";
        id.type = "bigint";
        t.add_column(id);
        c.add(std::move(t));
    }
    return c;
}
}  // namespace

TEST_CASE("verify objects: what the migration made and the newest keeps, what it dropped and the newest lacks") {
    const cat::catalog from = with_tables({"a", "b"});
    const cat::catalog to = with_tables({"b", "c", "d"});      // drops a, makes c and d
    const cat::catalog newest = with_tables({"a", "c", "e"});  // a came back, d went
    const migrate::verified_objects v = migrate::verify_objects(from, to, newest);
    CHECK(v.present == std::vector<cat::object_id>{cat::id::table({"app", "c"}), cat::id::column({"app", "c"}, "id")});
    CHECK(v.absent.empty());
    const migrate::verified_objects last = migrate::verify_objects(from, to, to);
    CHECK(last.absent == std::vector<cat::object_id>{cat::id::table({"app", "a"}), cat::id::column({"app", "a"}, "id")});
    CHECK(last.present.size() == 4);
    CHECK(migrate::verify_objects(to, to, to).present.empty());
}

TEST_CASE("render_verify: a DO block raising, by name, for what is missing or still there") {
    const cat::qualified_name table{"App", "it's"};
    const std::vector<cat::object_id> present = {
        cat::id::schema("App"),
        cat::id::table(table),
        cat::id::column(table, "Price"),
        cat::id::function({"app", "f"}, {"integer", "app.state"}),
        cat::id::role("reader"),  // not checked by name
    };
    const std::vector<cat::object_id> absent = {
        cat::id::view({"app", "v"}),
        cat::id::index({"app", "ix"}),
        cat::id::enum_type({"app", "state"}),
        cat::id::constraint({"app", "t"}, "t_pkey"),
        cat::id::trigger({"app", "v"}, "on_insert"),
    };
    const std::string sql = pgcraft::sql::render_verify(present, absent);
    CHECK(sql.starts_with("DO $pgcraft$\nBEGIN\n    IF NOT (to_regnamespace('\"App\"') IS NOT NULL) THEN\n"
                          "        RAISE EXCEPTION 'pgcraft verify: % is missing', 'schema App';\n    END IF;\n"));
    CHECK(sql.ends_with("END\n$pgcraft$;\n"));
    // Names quoted as identifiers inside literals; a quote in a name doubled.
    CHECK(sql.find("IF NOT EXISTS (SELECT FROM pg_class WHERE oid = to_regclass('\"App\".\"it''s\"') AND relkind IN "
                   "('r', 'p')) THEN\n") != std::string::npos);
    CHECK(sql.find("IF NOT EXISTS (SELECT FROM pg_attribute WHERE attrelid = to_regclass('\"App\".\"it''s\"') AND "
                   "attname = 'Price' AND attnum > 0 AND NOT attisdropped) THEN\n") != std::string::npos);
    // PostgreSQL 15's to_regprocedure fails on a type that is gone: those are asked first.
    // In parentheses, or PL/pgSQL would take the CASE's THEN for the IF's.
    CHECK(sql.find("IF NOT (CASE WHEN to_regtype('integer') IS NULL OR to_regtype('app.state') IS NULL THEN false "
                   "ELSE to_regprocedure('app.f(integer, app.state)') IS NOT NULL END) THEN\n") != std::string::npos);
    const std::string gone = pgcraft::sql::render_verify({}, {cat::id::function({"app", "g"}, {"text"})});
    CHECK(gone.find("    IF (CASE WHEN to_regtype('text') IS NULL THEN false ELSE to_regprocedure('app.g(text)') IS "
                    "NOT NULL END) THEN\n        RAISE EXCEPTION 'pgcraft verify: % is still there', "
                    "'function app.g(text)';\n") != std::string::npos);
    CHECK(sql.find("reader") == std::string::npos);
    CHECK(sql.find("IF EXISTS (SELECT FROM pg_class WHERE oid = to_regclass('app.v') AND relkind IN ('v', 'm')) THEN\n"
                   "        RAISE EXCEPTION 'pgcraft verify: % is still there', 'view app.v';\n") != std::string::npos);
    CHECK(sql.find("to_regclass('app.ix') AND relkind IN ('i', 'I')") != std::string::npos);
    CHECK(sql.find("IF EXISTS (SELECT FROM pg_type WHERE oid = to_regtype('app.state') AND typtype = 'e') THEN")
          != std::string::npos);
    CHECK(sql.find("IF EXISTS (SELECT FROM pg_constraint WHERE conrelid = to_regclass('app.t') AND conname = "
                   "'t_pkey') THEN") != std::string::npos);
    CHECK(sql.find("IF EXISTS (SELECT FROM pg_trigger WHERE tgrelid = to_regclass('app.v') AND tgname = 'on_insert' "
                   "AND NOT tgisinternal) THEN") != std::string::npos);
    CHECK(sql.find("ASSERT") == std::string::npos);
    // Nothing to check: no block at all.
    CHECK(pgcraft::sql::render_verify({cat::id::role("reader")}, {}).find("DO") == std::string::npos);
}

TEST_CASE("write_all_or_none: several files replaced at once, nothing left beside them") {
    // A re-export replaces sqitch's plan and every verify script together.
    namespace fs = std::filesystem;
    const fs::path dir = fs::temp_directory_path() / "pgcraft-unit-write-all-or-none";
    fs::remove_all(dir);
    fs::create_directories(dir);
    std::ofstream(dir / "a") << "old a";
    std::ofstream(dir / "b") << "old b";
    migrate::write_all_or_none({{dir / "a", "new a"}, {dir / "b", "new b"}, {dir / "c", "new c"}});
    auto text = [&](const char* name) {
        std::ifstream in(dir / name);
        std::ostringstream s;
        s << in.rdbuf();
        return s.str();
    };
    CHECK(text("a") == "new a");
    CHECK(text("b") == "new b");
    CHECK(text("c") == "new c");
    CHECK(std::distance(fs::directory_iterator(dir), fs::directory_iterator{}) == 3);
    // A file that cannot be written: none is, and the old ones stay.
    CHECK_THROWS_AS(migrate::write_all_or_none({{dir / "a", "newer a"}, {dir / "missing" / "d", "d"}}),
                    std::runtime_error);
    CHECK(text("a") == "new a");
    CHECK(std::distance(fs::directory_iterator(dir), fs::directory_iterator{}) == 3);
    fs::remove_all(dir);
}
