// The catalog as a value: identities, its parts, equality, and the order of
// its statements.
#include <pgcraft/catalog/catalog.hpp>
#include <pgcraft/sql/render.hpp>

#include <stdexcept>
#include <string>
#include <vector>

#include <doctest/doctest.h>

namespace cat = pgcraft::catalog;

namespace {
cat::column column(std::string name, std::string type = "bigint") {
    cat::column c;
    c.name = std::move(name);
    c.type = std::move(type);
    return c;
}

cat::table_definition make_table(std::string schema, std::string name, std::string references = {}) {
    cat::table_definition t;
    t.name = {std::move(schema), std::move(name)};
    t.add_column(column("id"));
    t.add_column(column("other_id"));
    cat::constraint pk;
    pk.kind = cat::constraint_kind::primary_key;
    pk.name = "pk__" + t.name.name;
    pk.columns = {"id"};
    t.constraints.push_back(pk);
    if (!references.empty()) {
        cat::constraint fk;
        fk.kind = cat::constraint_kind::foreign_key;
        fk.name = "fk__" + t.name.name;
        fk.columns = {"other_id"};
        fk.references = cat::foreign_key_target{{t.name.schema, references}, {"id"}};
        t.constraints.push_back(fk);
    }
    return t;
}

std::vector<std::string> order_of(const cat::catalog& c) {
    std::vector<std::string> names;
    for (const cat::object* o : c.in_dependency_order()) names.push_back(cat::describe(cat::id_of(*o)));
    return names;
}
}  // namespace

TEST_CASE("identities are structured values, and describe needs no parsing") {
    const cat::object_id column = cat::id::column({"app", "orders"}, "total");
    CHECK(column.kind == cat::object_kind::column);
    CHECK(column.schema == "app");
    CHECK(column.parent == "orders");
    CHECK(column.name == "total");
    CHECK(cat::describe(column) == "column app.orders.total");
    CHECK(cat::describe(cat::id::trigger({"app", "orders_current"}, "t")) == "trigger app.orders_current.t");
    CHECK(cat::describe(cat::id::schema("app")) == "schema app");
    CHECK(cat::describe(cat::id::function({"app", "f"}, {"integer", "text"})) == "function app.f(integer, text)");
    CHECK(cat::describe(cat::id::comment(column)) == "comment on column app.orders.total");
    CHECK(cat::describe(cat::id::grant(cat::id::view({"app", "v"}), "reader")) == "grant on view app.v to reader");
    // Functions overload by their argument types, not their names.
    cat::function a;
    a.name = {"app", "f"};
    a.arguments = {{"x", "integer"}};
    cat::function b = a;
    b.arguments = {{"y", "integer"}};
    CHECK(a.id() == b.id());
    b.arguments = {{"x", "bigint"}};
    CHECK(a.id() != b.id());
    // Constraint and trigger names are scoped to their table.
    CHECK(cat::id::constraint({"app", "a"}, "c") != cat::id::constraint({"app", "b"}, "c"));
    CHECK(cat::id::table({"a", "a"}) < cat::id::table({"a", "b"}));
}

TEST_CASE("a table's columns, constraints and comments are objects of their own") {
    cat::catalog c;
    cat::table_definition t = make_table("app", "orders");
    t.comment = "Orders";
    t.column_comments[1] = "Who ordered";
    c.add(t);
    REQUIRE(c.find_as<cat::column>(cat::id::column({"app", "orders"}, "other_id")) != nullptr);
    CHECK(c.find_as<cat::column>(cat::id::column({"app", "orders"}, "other_id"))->position == 2);
    REQUIRE(c.find_as<cat::constraint>(cat::id::constraint({"app", "orders"}, "pk__orders")) != nullptr);
    REQUIRE(c.comment_on(cat::id::column({"app", "orders"}, "other_id")) != nullptr);
    CHECK(c.comment_on(cat::id::column({"app", "orders"}, "other_id"))->text == "Who ordered");
    CHECK(c.comment_on(cat::id::table({"app", "orders"}))->text == "Orders");
    CHECK(c.comment_on(cat::id::column({"app", "orders"}, "id")) == nullptr);
    CHECK(c.columns_of({"app", "orders"}).size() == 2);
    CHECK(c.columns_of({"app", "order"}).empty());
}

TEST_CASE("objects come after what they depend on, otherwise in the order added") {
    cat::catalog c;
    c.add(make_table("app", "orders", "customers"));  // added before its target
    c.add(make_table("app", "customers"));
    c.add(cat::schema{"app"});
    c.add(make_table("public", "notes"));
    CHECK(order_of(c) == std::vector<std::string>{"schema app", "table app.customers", "table app.orders",
                                                  "table public.notes"});
}

TEST_CASE("indexes follow their table") {
    cat::catalog c;
    c.add(cat::index{{"app", "ix__t__a"}, {"app", "t"}, false, {}, {cat::expression::marked("<id>")}, {}, {}});
    c.add(make_table("app", "t"));
    CHECK(order_of(c) == std::vector<std::string>{"table app.t", "index app.ix__t__a"});
}

TEST_CASE("a self-reference is not a cycle") {
    cat::catalog c;
    c.add(make_table("public", "tree", "tree"));
    CHECK(order_of(c).size() == 1);
}

TEST_CASE("tables that reference each other: both tables first, then the key that closes the cycle") {
    cat::catalog c;
    c.add(make_table("public", "departments", "employees"));
    c.add(make_table("public", "employees", "departments"));
    CHECK(order_of(c) == std::vector<std::string>{"table public.departments", "table public.employees",
                                                  "constraint public.departments.fk__departments"});
    const std::string ddl = pgcraft::sql::render_ddl(c);
    // The first table is created without its key; the second with its own.
    CHECK(ddl.find("CREATE TABLE public.departments (\n    id       bigint NOT NULL,\n    other_id bigint NOT NULL,\n"
                   "    CONSTRAINT pk__departments PRIMARY KEY (id)\n);") != std::string::npos);
    CHECK(ddl.find("CONSTRAINT fk__employees FOREIGN KEY (other_id) REFERENCES public.departments (id)\n);") !=
          std::string::npos);
    CHECK(ddl.ends_with("ALTER TABLE public.departments\n    ADD CONSTRAINT fk__departments FOREIGN KEY (other_id) "
                        "REFERENCES public.employees (id);\n"));
}

TEST_CASE("a cycle that is not of foreign keys is reported with its members") {
    cat::catalog c;
    cat::view a{{"public", "a"}, "SELECT * FROM b", {}, {cat::id::view({"public", "b"})}};
    cat::view b{{"public", "b"}, "SELECT * FROM a", {}, {cat::id::view({"public", "a"})}};
    c.add(a);
    c.add(b);
    CHECK_THROWS_WITH_AS(c.in_dependency_order(), doctest::Contains("view public.a, view public.b"), std::logic_error);
}

TEST_CASE("one identity, one object") {
    cat::catalog c;
    c.add(make_table("public", "t"));
    CHECK_THROWS_WITH_AS(c.add(make_table("public", "t")), "pgcraft: the catalog already has table public.t",
                         std::invalid_argument);
    c.add_once(cat::schema{"app"});
    c.add_once(cat::schema{"app"});  // the same object again is fine
    CHECK(c.find(cat::id::schema("app")) != nullptr);
    CHECK(c.find(cat::id::table({"public", "missing"})) == nullptr);
}

TEST_CASE("catalogs compare by value, whatever order their objects were added in") {
    cat::catalog a;
    cat::catalog b;
    a.add(cat::schema{"app"});
    a.add(make_table("app", "t"));
    a.add(cat::role{"reader", false});
    b.add(cat::role{"reader", false});
    b.add(make_table("app", "t"));
    b.add(cat::schema{"app"});
    CHECK(a == b);
    SUBCASE("a column that differs makes them differ") {
        cat::table_definition changed = make_table("app", "u");
        changed.columns[0].nullable = true;
        a.add(make_table("app", "u"));
        b.add(changed);
        CHECK_FALSE(a == b);
    }
    SUBCASE("so does a comment") {
        cat::table_definition commented = make_table("app", "u");
        commented.column_comments = {"", "a comment"};
        a.add(make_table("app", "u"));
        b.add(commented);
        CHECK_FALSE(a == b);
    }
    SUBCASE("and a column's position") {
        cat::table_definition swapped = make_table("app", "u");
        std::swap(swapped.columns[0], swapped.columns[1]);
        a.add(make_table("app", "u"));
        b.add(swapped);
        CHECK_FALSE(a == b);
    }
}
