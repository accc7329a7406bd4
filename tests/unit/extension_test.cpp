// Extensions: plugins for every dimension, objects added to the catalog, and
// how roles, functions and grants render.
#include <pgcraft/catalog/catalog.hpp>
#include <pgcraft/generator/build_catalog.hpp>
#include <pgcraft/generator/describe.hpp>
#include <pgcraft/model.hpp>
#include <pgcraft/plan/schema_plan.hpp>
#include <pgcraft/sql/render.hpp>

#include <string>
#include <type_traits>

#include <doctest/doctest.h>

namespace pg = pgcraft;
namespace cat = pgcraft::catalog;

namespace extension_test {

struct base_extension {
    static constexpr std::string_view name = "base";
    static void add_objects(cat::catalog& catalog) { catalog.add(cat::role{"app_reader", false}); }
};

struct stamping_extension {
    static constexpr std::string_view name = "stamping";
    using depends_on = pg::extensions<base_extension>;
    using plugins = pg::plugins<pg::created_at<"stamped_at">>;
};

struct notes {
    using dimension = pg::simple<>;
    std::string text;
};

using schema = pg::schema<pg::extensions<base_extension, stamping_extension>, notes>;

}  // namespace extension_test

TEST_CASE("an extension's plugins run for every dimension, and its objects join the catalog") {
    using plugins = pg::plan::dimension_plugins<extension_test::schema, extension_test::notes>;
    CHECK(std::is_same_v<plugins::written,
                         pgcraft::detail::type_list<pg::identity_key<"id">, pg::created_at<"stamped_at">,
                                                    pg::simple_table<"primary">, pg::table_constraints<"primary">>>);
    const cat::catalog catalog = pg::generator::build_catalog<extension_test::schema>();
    const auto& notes = std::get<cat::table>(*catalog.find({cat::object_kind::table, {"public", "notes"}}));
    CHECK(notes.columns.back().name == "stamped_at");
    CHECK(catalog.find({cat::object_kind::role, {{}, "app_reader"}}) != nullptr);
}

TEST_CASE("the plugins report, as text and as a graph") {
    const auto reports = pg::generator::plugin_reports<extension_test::schema>();
    REQUIRE(reports.size() == 1);
    CHECK(reports[0].dimension == "notes");
    CHECK(reports[0].table == "public.notes");
    REQUIRE(reports[0].plugins.size() == 4);
    CHECK(reports[0].plugins[2].name == "created_at");
    CHECK(pg::generator::render_plugin_text(reports) ==
          "notes (public.notes)\n"
          "  1. identity_key       requires: -  produces: primary_key  group: primary_key\n"
          "  2. simple_table       requires: primary_key  produces: primary  group: table\n"
          "  3. created_at         requires: primary  produces: created_at\n"
          "  4. table_constraints  requires: primary  produces: -\n");
    const std::string dot = pg::generator::render_plugin_dot(reports);
    CHECK(dot.find("d0_0 -> d0_1 [label=\"primary_key\"];") != std::string::npos);
    CHECK(dot.find("d0_1 -> d0_2 [label=\"primary\"];") != std::string::npos);
    CHECK(dot.find("d0_1 -> d0_3 [label=\"primary\"];") != std::string::npos);
}

TEST_CASE("a role is created only when the cluster lacks it") {
    CHECK(pg::sql::render_create(cat::role{"reader", false}) ==
          "DO $pgcraft$\nBEGIN\n    CREATE ROLE reader NOLOGIN;\nEXCEPTION WHEN duplicate_object THEN\n    NULL;\nEND\n"
          "$pgcraft$;\n");
}

TEST_CASE("a SECURITY DEFINER function pins its search_path") {
    cat::function f;
    f.name = {"app", "touch"};
    f.arguments = "n integer";
    f.returns = "integer";
    f.body = "SELECT n + 1;";
    f.security_definer = true;
    CHECK(pg::sql::render_create(f) ==
          "CREATE FUNCTION app.touch(n integer)\n"
          "    RETURNS integer\n"
          "    LANGUAGE sql\n"
          "    SECURITY DEFINER\n"
          "    SET search_path = pg_catalog, pg_temp\n"
          "AS $pgcraft$\nSELECT n + 1;\n$pgcraft$;\n");
}

TEST_CASE("a function body that contains the dollar tag gets another") {
    cat::function f;
    f.name = {"app", "odd"};
    f.returns = "text";
    f.body = "SELECT '$pgcraft$';";
    const std::string sql = pg::sql::render_create(f);
    CHECK(sql.find("AS $pgcraft_$\n") != std::string::npos);
    CHECK(sql.find("\n$pgcraft_$;\n") != std::string::npos);
}

TEST_CASE("grants on schemas, tables and functions") {
    CHECK(pg::sql::render_create(cat::grant{{cat::object_kind::schema, {"app", "app"}}, {"USAGE"}, "reader"}) ==
          "GRANT USAGE ON SCHEMA app TO reader;\n");
    CHECK(pg::sql::render_create(cat::grant{{cat::object_kind::table, {"app", "User"}}, {"SELECT", "INSERT"}, "reader"}) ==
          "GRANT SELECT, INSERT ON TABLE app.\"User\" TO reader;\n");
    cat::function f;
    f.name = {"app", "touch"};
    f.arguments = "n integer";
    CHECK(pg::sql::render_create(cat::grant{f.id(), {"EXECUTE"}, "reader"}) ==
          "GRANT EXECUTE ON FUNCTION app.touch(n integer) TO reader;\n");
}

TEST_CASE("grants come after their object and their role") {
    cat::catalog c;
    c.add(cat::grant{{cat::object_kind::schema, {"app", "app"}}, {"USAGE"}, "reader"});
    c.add(cat::schema{"app"});
    c.add(cat::role{"reader", false});
    const auto order = c.in_dependency_order();
    CHECK(std::holds_alternative<cat::schema>(*order[0]));
    CHECK(std::holds_alternative<cat::role>(*order[1]));
    CHECK(std::holds_alternative<cat::grant>(*order[2]));
}

TEST_CASE("grants on different kinds of object, or differently split names, are different grants") {
    cat::catalog c;
    c.add(cat::grant{{cat::object_kind::schema, {"inventory", "inventory"}}, {"USAGE"}, "reader"});
    c.add(cat::grant{{cat::object_kind::table, {"inventory", "inventory"}}, {"SELECT"}, "reader"});
    c.add(cat::grant{{cat::object_kind::table, {"a.b", "c"}}, {"SELECT"}, "reader"});
    c.add(cat::grant{{cat::object_kind::table, {"a", "b.c"}}, {"SELECT"}, "reader"});
    CHECK(c.objects().size() == 4);
    CHECK(cat::describe(cat::grant{{cat::object_kind::table, {"a", "b.c"}}, {"SELECT"}, "reader"}.id()) ==
          "grant on table a.b.c to reader");
}

TEST_CASE("a role name cannot end the DO block's quote") {
    const std::string sql = pg::sql::render_create(cat::role{"x$pgcraft$; DROP TABLE t; --", false});
    CHECK(sql.find("DO $pgcraft_$\n") == 0);
    CHECK(sql.find("\"x$pgcraft$; DROP TABLE t; --\"") != std::string::npos);
}
