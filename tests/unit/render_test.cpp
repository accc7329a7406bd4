#include <pgcraft/generator/build_catalog.hpp>
#include <pgcraft/sql/render.hpp>

#include <algorithm>
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
    // A schema, four tables, four indexes, a role, six grants, a function.
    std::size_t statements = 0;
    for (const auto& [id, o] : c.objects())
        if (id.kind != cat::object_kind::column && id.kind != cat::object_kind::constraint &&
            id.kind != cat::object_kind::comment)
            ++statements;
    CHECK(statements == 17);
    REQUIRE(c.find_as<cat::table>(cat::id::table({"inventory", "products"})) != nullptr);
    const auto constraints = c.constraints_of({"inventory", "products"});
    REQUIRE(constraints.size() >= 2);
    CHECK(constraints[0]->name == "pk__products__id");
    CHECK(constraints[1]->name == "ck__products__reorder_level");
    CHECK(constraints[1]->check.columns() == std::vector<std::string>{"reorder_level"});
    CHECK(pgcraft::sql::render(constraints[1]->check) == "reorder_level BETWEEN 0 AND 4294967295");
    // Each part is addressable by its own identity.
    const auto* price = c.find_as<cat::column>(cat::id::column({"inventory", "products"}, "price"));
    REQUIRE(price != nullptr);
    CHECK(price->type == "numeric(10,2)");
    const auto* comment = c.comment_on(price->id());
    REQUIRE(comment != nullptr);
    CHECK(comment->text == "Unit price in EUR");
}

namespace {
cat::column column(std::string name, std::string type, bool nullable = false, bool identity = false,
                   std::string default_sql = {}) {
    cat::column c;
    c.name = std::move(name);
    c.type = std::move(type);
    c.nullable = nullable;
    c.identity = identity;
    c.default_value = cat::expression::marked(default_sql);
    return c;
}

cat::constraint constraint(cat::constraint_kind kind, std::string name, std::vector<std::string> columns) {
    cat::constraint c;
    c.kind = kind;
    c.name = std::move(name);
    c.columns = std::move(columns);
    return c;
}
}  // namespace

TEST_CASE("a table: aligned columns, constraints, comments") {
    cat::table_definition t;
    t.name = {"app", "Order"};
    t.comment = "It's ours";
    t.add_column(column("id", "bigint", false, true));
    t.add_column(column("select", "text", true), "a keyword");
    t.add_column(column("qty", "integer", false, false, "1"));
    t.constraints = {constraint(cat::constraint_kind::primary_key, "pk__Order__id", {"id"}),
                     constraint(cat::constraint_kind::unique, "uq__Order__select", {"select"}),
                     constraint(cat::constraint_kind::foreign_key, "fk__Order__qty__q", {"qty"})};
    t.constraints.back().references =
        cat::foreign_key_target{{"app", "q"}, {"id"}, cat::referential_action::cascade, {}};
    cat::catalog c;
    c.add(t);
    CHECK(pgcraft::sql::render_create(c, cat::table{t.name}) ==
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

TEST_CASE("the scratch form: tables without storage where PostgreSQL allows it, keys only where needed, no identity, no comments") {
    cat::catalog c;
    c.add(cat::schema{"app"});
    c.add(cat::comment{cat::id::schema("app"), "Ours"});
    // A primary key and a unique key that share no column: partitioned by none.
    cat::table_definition order;
    order.name = {"app", "Order"};
    order.comment = "It's ours";
    order.add_column(column("id", "bigint", false, true));
    order.add_column(column("select", "text", true), "a keyword");
    order.constraints = {constraint(cat::constraint_kind::primary_key, "pk__Order__id", {"id"}),
                         constraint(cat::constraint_kind::unique, "uq__Order__select", {"select"})};
    c.add(order);
    // A composite key and a unique index holding its second column: partitioned by it.
    cat::table_definition lines;
    lines.name = {"app", "lines"};
    lines.add_column(column("order_id", "bigint"));
    lines.add_column(column("n", "integer"));
    lines.constraints = {constraint(cat::constraint_kind::primary_key, "pk__lines", {"order_id", "n"})};
    c.add(lines);
    c.add(cat::index{{"app", "lines_n"}, lines.name, true, "", {cat::expression::marked("<n>")}, {}, {}});
    c.add(cat::index{{"app", "lines_lower"}, lines.name, false, "", {cat::expression::marked("(<n> + 1)")}, {}, {}});
    // A unique index on an expression: not partitioned.
    cat::table_definition names;
    names.name = {"app", "names"};
    names.add_column(column("name", "text"));
    c.add(names);
    c.add(cat::index{{"app", "names_lower"}, names.name, true, "", {cat::expression::marked("lower(<name>)")}, {}, {}});
    // No key: the first column PostgreSQL can order, not a generated one.
    cat::table_definition events;
    events.name = {"app", "events"};
    events.add_column(column("body", "json"));
    cat::column total = column("total", "integer");
    total.generated = cat::expression::plain("1");
    events.add_column(total);
    events.add_column(column("at", "timestamptz"));
    c.add(events);

    // A foreign key needs the key it references: lines' is built, the others are left to the reading.
    cat::table_definition notes;
    notes.name = {"app", "notes"};
    notes.add_column(column("order_id", "bigint"));
    notes.add_column(column("n", "integer"));
    notes.constraints = {constraint(cat::constraint_kind::foreign_key, "fk__notes__lines", {"order_id", "n"})};
    notes.constraints.back().references = cat::foreign_key_target{lines.name, {"order_id", "n"}, {}, {}};
    c.add(notes);

    const std::string ddl = pgcraft::sql::render_scratch_ddl(c);
    INFO(ddl);
    CHECK(ddl.find("COMMENT") == std::string::npos);
    CHECK(ddl.find("IDENTITY") == std::string::npos);
    // Its keys left out, nothing keeps it from being partitioned; the key's column stays NOT NULL.
    CHECK(ddl.find("CREATE TABLE app.\"Order\" (\n"
                   "    id       bigint NOT NULL,\n"
                   "    \"select\" text\n"
                   ") PARTITION BY LIST (id);\n") != std::string::npos);
    CHECK(ddl.find("PRIMARY KEY (id)") == std::string::npos);
    CHECK(ddl.find("CONSTRAINT pk__lines PRIMARY KEY (order_id, n)\n) PARTITION BY LIST (n);\n") != std::string::npos);
    CHECK(ddl.find("    name text NOT NULL\n);\n") != std::string::npos);
    CHECK(ddl.find("    at    timestamptz NOT NULL\n) PARTITION BY LIST (at);\n") != std::string::npos);
    // The same objects otherwise.
    CHECK(ddl.find("CREATE UNIQUE INDEX lines_n ON app.lines (n);\n") != std::string::npos);
    CHECK(ddl.find("CREATE UNIQUE INDEX names_lower ON app.names (lower(name));\n") != std::string::npos);
    CHECK(ddl.find("FOREIGN KEY (order_id, n) REFERENCES app.lines (order_id, n)") != std::string::npos);
    CHECK(pgcraft::sql::render_key_definition(order.constraints[1]) == "UNIQUE (\"select\")");
    CHECK(pgcraft::sql::render_ddl(c).find("PARTITION") == std::string::npos);
}

TEST_CASE("a deferred trigger is a constraint trigger, DEFERRABLE INITIALLY DEFERRED") {
    cat::trigger t{"balanced", cat::id::table({"app", "legs"}), cat::trigger_timing::after, {cat::trigger_event::insert},
                   cat::id::function({"app", "check_balanced"}, {})};
    CHECK(pgcraft::sql::render_create(cat::catalog{}, t) ==
          "CREATE TRIGGER balanced\n    AFTER INSERT ON app.legs\n    FOR EACH ROW EXECUTE FUNCTION app.check_balanced();\n");
    t.deferred = true;
    CHECK(pgcraft::sql::render_create(cat::catalog{}, t) ==
          "CREATE CONSTRAINT TRIGGER balanced\n    AFTER INSERT ON app.legs DEFERRABLE INITIALLY DEFERRED\n"
          "    FOR EACH ROW EXECUTE FUNCTION app.check_balanced();\n");
}

TEST_CASE("an index: keys and predicate keep the columns they read") {
    cat::index ix{{"app", "ix__t__name"}, {"app", "t"}, true, "gin", {cat::expression::marked("lower(<Name>)")}, {"id"},
                  cat::expression::marked("<active>")};
    CHECK(pgcraft::sql::render_create(cat::catalog{}, ix) ==
          "CREATE UNIQUE INDEX ix__t__name ON app.t USING gin (lower(\"Name\")) INCLUDE (id) WHERE active;\n");
    CHECK(ix.keys[0].columns() == std::vector<std::string>{"Name"});
    std::vector<cat::object_id> depends = ix.dependencies();
    CHECK(std::find(depends.begin(), depends.end(), cat::id::column({"app", "t"}, "Name")) != depends.end());
    CHECK(std::find(depends.begin(), depends.end(), cat::id::column({"app", "t"}, "active")) != depends.end());
}

TEST_CASE("expressions render each reference for its context") {
    const cat::expression e = cat::expression::marked("<price> > 0 AND '<not>' <> <Name>");
    CHECK(e.columns() == std::vector<std::string>{"price", "Name"});
    CHECK(e.marked_text() == "<price> > 0 AND '<not>' <> <Name>");
    CHECK(pgcraft::sql::render(e) == "price > 0 AND '<not>' <> \"Name\"");
    CHECK(pgcraft::sql::render_new_row(e) == "NEW.price > 0 AND '<not>' <> NEW.\"Name\"");
    CHECK(pgcraft::sql::render_qualified(e, "t") == "t.price > 0 AND '<not>' <> t.\"Name\"");
    CHECK(cat::expression::marked("") == cat::expression{});
    CHECK(cat::expression::plain("") == cat::expression{});
}

TEST_CASE("schemas, extensions and enum types") {
    const cat::catalog none;
    CHECK(pgcraft::sql::render_create(none, cat::schema{"inventory"}) == "CREATE SCHEMA inventory;\n");
    CHECK(pgcraft::sql::render_create(none, cat::extension{"citext", {}}) == "CREATE EXTENSION IF NOT EXISTS citext;\n");
    CHECK(pgcraft::sql::render_create(none, cat::extension{"pg_trgm", "ext"}) ==
          "CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA ext;\n");
    CHECK(pgcraft::sql::render_create(none, cat::enum_type{{"app", "Status"}, {"draft", "it's done"}}) ==
          "CREATE TYPE app.\"Status\" AS ENUM (\n    'draft',\n    'it''s done'\n);\n");
}
