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
    const auto columns = catalog.columns_of({"public", "notes"});
    REQUIRE(!columns.empty());
    CHECK(columns.back()->name == "stamped_at");
    CHECK(catalog.find(cat::id::role("app_reader")) != nullptr);
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
          "  2. simple_table       requires: primary_key  produces: primary, rows  group: table\n"
          "  3. created_at         requires: primary  produces: created_at\n"
          "  4. table_constraints  requires: primary  produces: -\n");
    const std::string dot = pg::generator::render_plugin_dot(reports);
    CHECK(dot.find("d0_0 -> d0_1 [label=\"primary_key\"];") != std::string::npos);
    CHECK(dot.find("d0_1 -> d0_2 [label=\"primary\"];") != std::string::npos);
    CHECK(dot.find("d0_1 -> d0_3 [label=\"primary\"];") != std::string::npos);
}

TEST_CASE("a role is created only when the cluster lacks it") {
    CHECK(pg::sql::render_create(cat::catalog{}, cat::role{"reader", false}) ==
          "DO $pgcraft$\nBEGIN\n    CREATE ROLE reader NOLOGIN;\nEXCEPTION WHEN duplicate_object THEN\n    NULL;\nEND\n"
          "$pgcraft$;\n");
}

TEST_CASE("a SECURITY DEFINER function pins its search_path") {
    cat::function f;
    f.name = {"app", "touch"};
    f.arguments = {{"n", "integer"}};
    f.returns = "integer";
    f.body = "SELECT n + 1;";
    f.security_definer = true;
    CHECK(pg::sql::render_create(cat::catalog{}, f) ==
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
    const std::string sql = pg::sql::render_create(cat::catalog{}, f);
    CHECK(sql.find("AS $pgcraft_$\n") != std::string::npos);
    CHECK(sql.find("\n$pgcraft_$;\n") != std::string::npos);
}

TEST_CASE("grants on schemas, tables and functions") {
    using cat::privilege;
    const cat::catalog none;
    CHECK(pg::sql::render_create(none, cat::grant{cat::id::schema("app"), {privilege::usage}, "reader"}) ==
          "GRANT USAGE ON SCHEMA app TO reader;\n");
    CHECK(pg::sql::render_create(none, cat::grant{cat::id::table({"app", "User"}), {privilege::select, privilege::insert},
                                                  "reader"}) == "GRANT SELECT, INSERT ON TABLE app.\"User\" TO reader;\n");
    cat::function f;
    f.name = {"app", "touch"};
    f.arguments = {{"n", "integer"}};
    // A function is named by its argument types, as PostgreSQL tells overloads apart.
    CHECK(pg::sql::render_create(none, cat::grant{f.id(), {privilege::execute}, "reader"}) ==
          "GRANT EXECUTE ON FUNCTION app.touch(integer) TO reader;\n");
}

TEST_CASE("grants come after their object and their role") {
    cat::catalog c;
    c.add(cat::grant{cat::id::schema("app"), {cat::privilege::usage}, "reader"});
    c.add(cat::schema{"app"});
    c.add(cat::role{"reader", false});
    const auto order = c.in_dependency_order();
    CHECK(std::holds_alternative<cat::schema>(*order[0]));
    CHECK(std::holds_alternative<cat::role>(*order[1]));
    CHECK(std::holds_alternative<cat::grant>(*order[2]));
}

TEST_CASE("grants on different kinds of object, or differently split names, are different grants") {
    cat::catalog c;
    using cat::privilege;
    c.add(cat::grant{cat::id::schema("inventory"), {privilege::usage}, "reader"});
    c.add(cat::grant{cat::id::table({"inventory", "inventory"}), {privilege::select}, "reader"});
    c.add(cat::grant{cat::id::table({"a.b", "c"}), {privilege::select}, "reader"});
    c.add(cat::grant{cat::id::table({"a", "b.c"}), {privilege::select}, "reader"});
    c.add(cat::grant{cat::id::function({"a", "f"}, {"integer"}), {privilege::execute}, "reader"});
    c.add(cat::grant{cat::id::function({"a", "f"}, {"text"}), {privilege::execute}, "reader"});
    CHECK(c.objects().size() == 6);
    const cat::object_id grant = cat::grant{cat::id::table({"a", "b.c"}), {privilege::select}, "reader"}.id();
    CHECK(cat::describe(grant) == "grant on table a.b.c to reader");
    // The identity holds the object it is on, not a string to parse back.
    REQUIRE(grant.on() != nullptr);
    CHECK(*grant.on() == cat::id::table({"a", "b.c"}));
    CHECK(grant.name == "reader");
}

TEST_CASE("a role name cannot end the DO block's quote") {
    const std::string sql = pg::sql::render_create(cat::catalog{}, cat::role{"x$pgcraft$; DROP TABLE t; --", false});
    CHECK(sql.find("DO $pgcraft_$\n") == 0);
    CHECK(sql.find("\"x$pgcraft$; DROP TABLE t; --\"") != std::string::npos);
}

namespace extension_test {
struct tags {
    using dimension = pg::simple<pg::column<"label", pg::column_type<"citext">>>;
    std::string label;
};
using with_citext = pg::schema<pg::postgres_extension<"citext">, pg::postgres_extension<"pg_trgm", "ext">, tags>;
}  // namespace extension_test

TEST_CASE("PostgreSQL extensions declared on the schema are created first") {
    const cat::catalog catalog = pg::generator::build_catalog<extension_test::with_citext>();
    REQUIRE(catalog.find_as<cat::extension>(cat::id::extension("citext")) != nullptr);
    CHECK(catalog.find_as<cat::extension>(cat::id::extension("pg_trgm"))->schema == "ext");
    CHECK(catalog.find(cat::id::schema("ext")) != nullptr);
    const std::string ddl = pg::sql::render_ddl(catalog);
    CHECK(ddl.starts_with("CREATE EXTENSION IF NOT EXISTS citext;\n\nCREATE SCHEMA ext;\n\n"
                          "CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA ext;\n\nCREATE TABLE public.tags ("));
    CHECK(ddl.find("label citext NOT NULL") != std::string::npos);
}
