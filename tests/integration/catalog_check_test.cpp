// The comparison of a catalog with a live database (catalog_check.hpp) on
// the kinds of object the inventory example does not have: an extension, an
// enum type, a view, a trigger and its function, comments on each kind, a
// grant on a type. It finds nothing when they are as declared, and each
// thing that is not.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include <pgcraft/catalog/catalog.hpp>
#include <pgcraft/sql/render.hpp>

#include "catalog_check.hpp"
#include "catalog_values.hpp"
#include "database_queries.hpp"
#include "pg_cluster.hpp"
#include "printers.hpp"

namespace {

using namespace pgcraft_it;
namespace cat = pgcraft::catalog;

const std::string reader = "pgcraft_it_shop_reader";

cat::catalog shop_catalog() {
    cat::catalog c;
    c.add(make_extension("citext", "shop"));
    c.add(make_schema("shop"));
    c.add(make_comment(cat::id::schema("shop"), "The shop"));
    const cat::enum_type status = make_enum_type({"shop", "status"}, {"new", "paid", "shipped"});
    c.add(status);
    c.add(make_comment(status.id(), "Where an order is"));

    cat::table_definition orders;
    orders.name = {"shop", "orders"};
    orders.comment = "Orders, one row each";
    orders.add_column(make_column("id", "bigint", false, true));
    cat::column state = make_column("status", "", false, false, "'new'");
    state.user_type = status.name;
    orders.add_column(state);
    orders.add_column(make_column("email", "shop.citext", true), "Compared without case");
    orders.add_column(make_column("updated_at", "timestamptz", false, false, "now()"));
    orders.constraints = {make_constraint(cat::constraint_kind::primary_key, "orders_pkey", {"id"})};
    c.add(orders);

    cat::index by_status;
    by_status.name = {"shop", "orders_by_status"};
    by_status.table = orders.name;
    by_status.keys = {cat::expression::marked("<status>")};
    c.add(by_status);
    c.add(make_comment(by_status.id(), "For the open orders"));

    cat::function touch = make_function({"shop", "touch"}, {}, "trigger",
                                        "BEGIN\n    NEW.updated_at := now();\n    RETURN NEW;\nEND;");
    touch.language = cat::language::plpgsql;
    c.add(touch);
    c.add(make_comment(touch.id(), "Stamps a row with the time it was written"));
    cat::trigger touched = make_trigger("orders_touch", orders.id(), cat::trigger_timing::before,
                                        {cat::trigger_event::insert, cat::trigger_event::update}, touch.id());
    touched.when = "NEW.status <> 'shipped'";
    c.add(touched);

    cat::function paid = make_function({"shop", "paid_count"}, {{"since", "timestamptz"}}, "bigint",
                                       "SELECT count(*) FROM shop.orders WHERE status = 'paid' AND updated_at >= since");
    paid.volatility = cat::volatility::stable;
    paid.reads = {orders.id()};
    c.add(paid);
    c.add(make_comment(paid.id(), "Orders paid since then"));
    c.add(make_function({"shop", "echo"}, {{"x", "integer"}}, "integer", "SELECT x"));

    cat::view open = make_view({"shop", "open_orders"}, "SELECT id, status FROM shop.orders WHERE status <> 'shipped'",
                               {"id", "status"});
    open.reads = {orders.id()};
    c.add(open);
    c.add(make_comment(open.id(), "Orders not shipped yet"));

    c.add(make_role(reader));
    c.add(make_grant(cat::id::schema("shop"), {cat::privilege::usage}, reader));
    c.add(make_grant(status.id(), {cat::privilege::usage}, reader));
    c.add(make_grant(open.id(), {cat::privilege::select}, reader));
    return c;
}

bool has_problem_starting(const std::vector<std::string>& problems, const std::string& start) {
    return std::any_of(problems.begin(), problems.end(), [&](const std::string& p) { return p.rfind(start, 0) == 0; });
}

}  // namespace

TEST_SUITE("catalog_check") {

TEST_CASE("an extension, an enum type, a view, a trigger, functions, comments and grants are found as declared") {
    const cat::catalog catalog = shop_catalog();
    const std::string ddl = pgcraft::sql::render_ddl(catalog);
    INFO("DDL:\n" << ddl);
    connection db = fresh_database();
    apply_in_transaction(db, ddl);
    const std::vector<std::string> problems = differences(db, catalog);
    INFO("differences:\n" << lines(problems));
    CHECK(problems.empty());

    // What the trigger and the view do, so that the catalog above is what it says.
    db.exec("INSERT INTO shop.orders (email) VALUES ('A@example.com')");
    CHECK(db.text("SELECT status || ' ' || (updated_at IS NOT NULL) FROM shop.orders") == "new true");
    db.exec("SET search_path = shop, public");  // citext's operators are in shop
    CHECK(db.text("SELECT count(*) FROM shop.orders WHERE email = 'a@EXAMPLE.com'") == "1");
    db.exec("RESET search_path");
    CHECK(db.text("SELECT count(*) FROM shop.open_orders") == "1");
}

TEST_CASE("the comparison notices an extension, enum type, view, trigger, function or comment that is not as declared") {
    const cat::catalog catalog = shop_catalog();
    connection db = fresh_database();
    apply_in_transaction(db, pgcraft::sql::render_ddl(catalog));
    REQUIRE(differences(db, catalog).empty());

    db.exec("ALTER TYPE shop.status RENAME VALUE 'paid' TO 'settled'");
    db.exec("COMMENT ON TYPE shop.status IS NULL");
    db.exec("COMMENT ON SCHEMA shop IS 'A shop'");
    db.exec("COMMENT ON TABLE shop.orders IS NULL");
    db.exec("COMMENT ON COLUMN shop.orders.status IS 'not declared'");
    db.exec("COMMENT ON COLUMN shop.orders.email IS 'Compared with case'");
    db.exec("COMMENT ON INDEX shop.orders_by_status IS NULL");
    db.exec("CREATE OR REPLACE VIEW shop.open_orders AS SELECT id, status, email FROM shop.orders WHERE status <> 'new'");
    db.exec("COMMENT ON VIEW shop.open_orders IS 'Orders'");
    db.exec("DROP TRIGGER orders_touch ON shop.orders");
    db.exec("CREATE TRIGGER orders_touch AFTER UPDATE ON shop.orders FOR EACH ROW EXECUTE FUNCTION shop.touch()");
    db.exec("ALTER FUNCTION shop.touch() SET search_path = public");
    db.exec("COMMENT ON FUNCTION shop.touch() IS NULL");
    db.exec("ALTER FUNCTION shop.paid_count(timestamptz) VOLATILE");
    db.exec("COMMENT ON FUNCTION shop.paid_count(timestamptz) IS 'Orders paid'");
    db.exec("DROP FUNCTION shop.echo(integer)");
    db.exec("CREATE FUNCTION shop.echo(y integer) RETURNS integer LANGUAGE sql AS 'SELECT y'");
    db.exec("REVOKE USAGE ON TYPE shop.status FROM " + reader);

    const std::vector<std::string> problems = differences(db, catalog);
    INFO("differences:\n" << lines(problems));
    const std::vector<std::string> expected{
        "enum type shop.status: labels are (new, settled, shipped), declared (new, paid, shipped)",
        "enum type shop.status: comment is NULL, declared 'Where an order is'",
        "schema shop: comment is 'A shop', declared 'The shop'",
        "table shop.orders: comment is NULL, declared 'Orders, one row each'",
        "table shop.orders column 2 (status): comment is 'not declared', declared NULL",
        "table shop.orders column 3 (email): comment is 'Compared with case', declared 'Compared without case'",
        "index shop.orders_by_status: comment is NULL, declared 'For the open orders'",
        "view shop.open_orders: columns are (id, status, email), declared (id, status)",
        "view shop.open_orders: query is",
        "view shop.open_orders: comment is 'Orders', declared 'Orders not shipped yet'",
        "trigger shop.orders.orders_touch: fires AFTER, declared BEFORE",
        "trigger shop.orders.orders_touch: fires on UPDATE, declared INSERT, UPDATE",
        "trigger shop.orders.orders_touch: has no WHEN condition, declared WHEN (NEW.status <> 'shipped')",
        "function shop.touch(): search_path setting is 'search_path=public', declared NULL",
        "function shop.touch(): comment is NULL, declared 'Stamps a row with the time it was written'",
        "function shop.paid_count(timestamptz): volatility is 'v', declared STABLE",
        "function shop.paid_count(timestamptz): comment is 'Orders paid', declared 'Orders paid since then'",
        "function shop.echo(integer): arguments are named (y), declared (x)",
        "function shop.echo(integer): body is 'SELECT y', declared 'SELECT x'",
        "grant on enum type shop.status to " + reader + ": USAGE is not held",
    };
    CHECK(problems.size() == expected.size());
    for (const std::string& e : expected) {
        CAPTURE(e);
        CHECK(has_problem_starting(problems, e));
    }

    // A comment checked on its own.
    CHECK(lines(differences(db, catalog, *catalog.find(cat::id::comment(cat::id::schema("shop"))))) ==
          "comment on schema shop: comment is 'A shop', declared 'The shop'");
    // An extension that is missing, or in another schema.
    CHECK(lines(differences(db, catalog, make_extension("pgcrypto"))) == "extension pgcrypto is not installed");
    CHECK(lines(differences(db, catalog, make_extension("citext", "public"))) ==
          "extension citext: is in schema 'shop', declared public");
    // A trigger that is gone, one that is disabled, and one calling another function.
    db.exec("ALTER TABLE shop.orders DISABLE TRIGGER orders_touch");
    const cat::object& declared = *catalog.find(cat::id::trigger({"shop", "orders"}, "orders_touch"));
    CHECK(has_problem_starting(differences(db, catalog, declared), "trigger shop.orders.orders_touch: is not enabled"));
    db.exec("DROP TRIGGER orders_touch ON shop.orders");
    CHECK(lines(differences(db, catalog, declared)) == "trigger shop.orders.orders_touch does not exist");
    db.exec("CREATE FUNCTION shop.other() RETURNS trigger LANGUAGE plpgsql AS 'BEGIN RETURN NEW; END'");
    db.exec("CREATE TRIGGER orders_touch BEFORE INSERT OR UPDATE ON shop.orders FOR EACH ROW "
            "WHEN (NEW.status <> 'shipped') EXECUTE FUNCTION shop.other()");
    CHECK(has_problem_starting(differences(db, catalog, declared),
                               "trigger shop.orders.orders_touch: calls shop.other(), declared function shop.touch()"));
    // A WHEN condition that differs only in what it compares with.
    db.exec("DROP TRIGGER orders_touch ON shop.orders");
    db.exec("CREATE TRIGGER orders_touch BEFORE INSERT OR UPDATE ON shop.orders FOR EACH ROW "
            "WHEN (NEW.status <> 'new') EXECUTE FUNCTION shop.touch()");
    CHECK(has_problem_starting(differences(db, catalog, declared), "trigger shop.orders.orders_touch: is 'CREATE TRIGGER"));
    // A view that is gone.
    db.exec("DROP VIEW shop.open_orders");
    const cat::object& view = *catalog.find(cat::id::view({"shop", "open_orders"}));
    CHECK(lines(differences(db, catalog, view)) == "view shop.open_orders does not exist");
    // A type that is gone: the enum type, and the column that used it with it.
    db.exec("DROP TYPE shop.status CASCADE");
    const cat::object& type = *catalog.find(cat::id::enum_type({"shop", "status"}));
    CHECK(lines(differences(db, catalog, type)) == "enum type shop.status does not exist");
}

}  // TEST_SUITE
