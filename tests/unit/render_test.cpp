#include <pgcraft/generator/build_catalog.hpp>
#include <pgcraft/sql/render.hpp>

#include <fstream>
#include <sstream>
#include <string>

#include <doctest/doctest.h>

#include "inventory.hpp"

namespace cat = pgcraft::catalog;

namespace {
std::string read_golden(const std::string& name) {
    std::ifstream in(std::string(PGCRAFT_GOLDEN_DIR) + "/" + name);
    REQUIRE(in);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}
}  // namespace

TEST_CASE("golden DDL of the inventory example") {
    const std::string ddl = pgcraft::sql::render_ddl(pgcraft::generator::build_catalog<inventory::schema>());
    CHECK(ddl == read_golden("inventory.sql"));
}

TEST_CASE("the catalog of the inventory example") {
    const cat::catalog c = pgcraft::generator::build_catalog<inventory::schema>();
    REQUIRE(c.objects().size() == 17);  // a schema, four tables, four indexes, a role, six grants, a function
    const auto* products = c.find({cat::object_kind::table, {"inventory", "products"}});
    REQUIRE(products != nullptr);
    const auto& table = std::get<cat::table>(*products);
    CHECK(table.constraints[0].name == "pk__products__id");
    CHECK(table.constraints[1].name == "ck__products__reorder_level");
    CHECK(table.constraints[1].expression == "reorder_level BETWEEN 0 AND 4294967295");
}

TEST_CASE("a table: aligned columns, constraints, comments") {
    cat::table t;
    t.name = {"app", "Order"};
    t.comment = "It's ours";
    t.columns = {{"id", "bigint", false, true, {}, {}, {}},
                 {"select", "text", true, false, {}, "a keyword", {}},
                 {"qty", "integer", false, false, "1", {}, {}}};
    t.constraints = {{cat::constraint_kind::primary_key, "pk__Order__id", {"id"}, {}, {}},
                     {cat::constraint_kind::unique, "uq__Order__select", {"select"}, {}, {}},
                     {cat::constraint_kind::foreign_key,
                      "fk__Order__qty__q",
                      {"qty"},
                      {},
                      cat::foreign_key_target{{"app", "q"}, {"id"}, "CASCADE", {}}}};
    CHECK(pgcraft::sql::render_create(t) ==
          "CREATE TABLE app.\"Order\" (\n"
          "    id       bigint  NOT NULL GENERATED ALWAYS AS IDENTITY,\n"
          "    \"select\" text,\n"
          "    qty      integer NOT NULL DEFAULT 1,\n"
          "    CONSTRAINT \"pk__Order__id\" PRIMARY KEY (id),\n"
          "    CONSTRAINT \"uq__Order__select\" UNIQUE (\"select\"),\n"
          "    CONSTRAINT \"fk__Order__qty__q\" FOREIGN KEY (qty) REFERENCES app.q (id) ON DELETE CASCADE\n"
          ");\n"
          "COMMENT ON TABLE app.\"Order\" IS 'It''s ours';\n"
          "COMMENT ON COLUMN app.\"Order\".\"select\" IS 'a keyword';\n");
}

TEST_CASE("an index") {
    cat::index ix{{"app", "ix__t__name"}, {"app", "t"}, true, "gin", {"lower(name)"}, {"id"}, "active"};
    CHECK(pgcraft::sql::render_create(ix) ==
          "CREATE UNIQUE INDEX ix__t__name ON app.t USING gin (lower(name)) INCLUDE (id) WHERE active;\n");
}

TEST_CASE("schemas") {
    CHECK(pgcraft::sql::render_create(cat::schema{"inventory"}) == "CREATE SCHEMA inventory;\n");
}
