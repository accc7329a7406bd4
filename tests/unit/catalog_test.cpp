#include <pgcraft/catalog/catalog.hpp>

#include <stdexcept>
#include <string>
#include <vector>

#include <doctest/doctest.h>

namespace cat = pgcraft::catalog;

namespace {
cat::table make_table(std::string schema, std::string name, std::string references = {}) {
    cat::table t;
    t.name = {std::move(schema), std::move(name)};
    t.columns.push_back({"id", "bigint", false, true, {}, {}, {}});
    if (!references.empty()) {
        t.constraints.push_back({cat::constraint_kind::foreign_key,
                                 "fk",
                                 {"other_id"},
                                 {},
                                 cat::foreign_key_target{{t.name.schema, references}, {"id"}, {}, {}}});
    }
    return t;
}

std::vector<std::string> order_of(const cat::catalog& c) {
    std::vector<std::string> names;
    for (const cat::object* o : c.in_dependency_order()) names.push_back(cat::describe(cat::id_of(*o)));
    return names;
}
}  // namespace

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
    c.add(cat::index{{"app", "ix__t__a"}, {"app", "t"}, false, {}, {"a"}, {}, {}});
    c.add(make_table("app", "t"));
    CHECK(order_of(c) == std::vector<std::string>{"table app.t", "index app.ix__t__a"});
}

TEST_CASE("a self-reference is not a cycle") {
    cat::catalog c;
    c.add(make_table("public", "tree", "tree"));
    CHECK(order_of(c).size() == 1);
}

TEST_CASE("a cycle is reported with its members") {
    cat::catalog c;
    c.add(make_table("public", "a", "b"));
    c.add(make_table("public", "b", "a"));
    CHECK_THROWS_WITH_AS(c.in_dependency_order(),
                         doctest::Contains("table public.a, table public.b"), std::logic_error);
}

TEST_CASE("one identity, one object") {
    cat::catalog c;
    c.add(make_table("public", "t"));
    CHECK_THROWS_WITH_AS(c.add(make_table("public", "t")), "pgcraft: the catalog already has table public.t",
                         std::invalid_argument);
    c.add_once(cat::schema{"app"});
    c.add_once(cat::schema{"app"});  // the same object again is fine
    CHECK(c.objects().size() == 2);
    CHECK(c.find({cat::object_kind::schema, {"app", "app"}}) != nullptr);
    CHECK(c.find({cat::object_kind::table, {"public", "missing"}}) == nullptr);
}

TEST_CASE("catalogs compare by value, which is what a diff starts from") {
    cat::catalog a;
    cat::catalog b;
    a.add(make_table("public", "t"));
    b.add(make_table("public", "t"));
    CHECK(a == b);
    cat::table changed = make_table("public", "u");
    changed.columns[0].nullable = true;
    a.add(make_table("public", "u"));
    b.add(changed);
    CHECK_FALSE(a == b);
}

TEST_CASE("identities order deterministically") {
    const cat::object_id a{cat::object_kind::schema, {"a", "a"}};
    const cat::object_id b{cat::object_kind::table, {"a", "a"}};
    const cat::object_id c{cat::object_kind::table, {"a", "b"}};
    CHECK(a < b);
    CHECK(b < c);
}
