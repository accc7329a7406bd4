// pgcraft::live::drift on the kinds of object the inventory example does not
// have: an extension, an enum type, a view, a trigger and its function,
// functions, comments on each kind, grants (one on a type). Right after the
// DDL it finds nothing; after each change made by hand it names the object
// and the property that differs, and nothing else.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include <pgcraft/catalog/catalog.hpp>
#include <pgcraft/live/drift.hpp>
#include <pgcraft/sql/render.hpp>

#include "catalog_values.hpp"
#include "database_queries.hpp"
#include "pg_cluster.hpp"
#include "printers.hpp"

namespace {

using namespace pgcraft_it;
namespace cat = pgcraft::catalog;
using pgcraft::live::difference;

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

std::vector<std::string> sorted(std::vector<std::string> texts) {
    std::sort(texts.begin(), texts.end());
    return texts;
}

// The drift of db's database from `catalog`, each difference described, sorted.
std::vector<std::string> drift_lines(connection& db, const cat::catalog& catalog) {
    return sorted(described(pgcraft::live::drift(db.conninfo(), catalog)));
}

// What the drift says of one object: its differences, described (none: empty).
std::string drift_on(connection& db, const cat::catalog& catalog, const cat::object_id& id) {
    std::vector<difference> on;
    for (const difference& d : pgcraft::live::drift(db.conninfo(), catalog))
        if (d.id == id) on.push_back(d);
    return lines(described(on));
}

}  // namespace

TEST_SUITE("live_drift") {

TEST_CASE("an extension, an enum type, a view, a trigger, functions, comments and grants have no drift after the DDL") {
    const cat::catalog catalog = shop_catalog();
    const std::string ddl = pgcraft::sql::render_ddl(catalog);
    INFO("DDL:\n" << ddl);
    connection db = fresh_database();
    apply_in_transaction(db, ddl);
    const std::vector<difference> drift = pgcraft::live::drift(db.conninfo(), catalog);
    INFO("drift:\n" << lines(described(drift)));
    CHECK(drift.empty());

    // What the trigger and the view do, so that the catalog above is what it says.
    db.exec("INSERT INTO shop.orders (email) VALUES ('A@example.com')");
    CHECK(db.text("SELECT status || ' ' || (updated_at IS NOT NULL) FROM shop.orders") == "new true");
    db.exec("SET search_path = shop, public");  // citext's operators are in shop
    CHECK(db.text("SELECT count(*) FROM shop.orders WHERE email = 'a@EXAMPLE.com'") == "1");
    db.exec("RESET search_path");
    CHECK(db.text("SELECT count(*) FROM shop.open_orders") == "1");
}

TEST_CASE("the drift names each extension, enum type, view, trigger, function, comment or grant changed by hand") {
    const cat::catalog catalog = shop_catalog();
    connection db = fresh_database();
    apply_in_transaction(db, pgcraft::sql::render_ddl(catalog));
    REQUIRE(drift_lines(db, catalog).empty());

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

    // Each change, and nothing else (functions named with the server's spelling of their argument types).
    const std::vector<std::string> expected{
        "different: enum type shop.status (labels: (new, paid, shipped) declared, (new, settled, shipped) in the "
        "database)",
        "missing: comment on enum type shop.status",
        "different: comment on schema shop (text: 'The shop' declared, 'A shop' in the database)",
        "missing: comment on table shop.orders",
        "extra: comment on column shop.orders.status",
        "different: comment on column shop.orders.email (text: 'Compared without case' declared, 'Compared with case' "
        "in the database)",
        "missing: comment on index shop.orders_by_status",
        "different: view shop.open_orders (columns: (id, status) declared, (id, status, email) in the database; "
        "column types: (bigint, shop.status) declared, (bigint, shop.status, shop.citext) in the database; "
        "query differs from line 2: '    orders.status' declared, '    orders.status,' in the database)",
        "different: comment on view shop.open_orders (text: 'Orders not shipped yet' declared, 'Orders' in the database)",
        "different: trigger shop.orders.orders_touch (definition: 'CREATE TRIGGER orders_touch BEFORE INSERT OR UPDATE "
        "ON shop.orders FOR EACH ROW WHEN ((new.status <> 'shipped'::shop.status)) EXECUTE FUNCTION shop.touch()' "
        "declared, 'CREATE TRIGGER orders_touch AFTER UPDATE ON shop.orders FOR EACH ROW EXECUTE FUNCTION "
        "shop.touch()' in the database)",
        "different: function shop.touch() (search_path: none declared, 'public' in the database)",
        "missing: comment on function shop.touch()",
        "different: function shop.paid_count(timestamp with time zone) (volatility: 'STABLE' declared, 'VOLATILE' in "
        "the database)",
        "different: comment on function shop.paid_count(timestamp with time zone) (text: 'Orders paid since then' "
        "declared, 'Orders paid' in the database)",
        "different: function shop.echo(integer) (arguments: (x integer) declared, (y integer) in the database; "
        "body differs from line 1: '' declared, 'SELECT y' in the database)",
        "missing: grant on enum type shop.status to " + reader,
    };
    const std::vector<std::string> drift = drift_lines(db, catalog);
    INFO("drift:\n" << lines(drift));
    CHECK(lines(drift) == lines(sorted(expected)));

    // An extension that is declared and missing.
    cat::catalog with_pgcrypto = catalog;
    with_pgcrypto.add(make_extension("pgcrypto"));
    CHECK(drift_on(db, with_pgcrypto, cat::id::extension("pgcrypto")) == "missing: extension pgcrypto");
    // An extension in another schema than declared (its type with it: the column's type is public.citext).
    db.exec("ALTER EXTENSION citext SET SCHEMA public");
    CHECK(drift_on(db, catalog, cat::id::extension("citext")) ==
          "different: extension citext (schema: 'shop' declared, 'public' in the database)");
    CHECK(drift_on(db, catalog, cat::id::column({"shop", "orders"}, "email")) ==
          "different: column shop.orders.email (type: 'shop.citext' declared, 'public.citext' in the database)");
    db.exec("ALTER EXTENSION citext SET SCHEMA shop");
    CHECK(drift_on(db, catalog, cat::id::extension("citext")).empty());

    // The trigger as declared again; then disabled, gone, calling another function, with another WHEN condition.
    const cat::object_id trigger = cat::id::trigger({"shop", "orders"}, "orders_touch");
    const std::string declared_trigger =
        "CREATE TRIGGER orders_touch BEFORE INSERT OR UPDATE ON shop.orders FOR EACH ROW "
        "WHEN ((new.status <> 'shipped'::shop.status)) EXECUTE FUNCTION shop.touch()";
    db.exec("DROP TRIGGER orders_touch ON shop.orders");
    db.exec("CREATE TRIGGER orders_touch BEFORE INSERT OR UPDATE ON shop.orders FOR EACH ROW "
            "WHEN (NEW.status <> 'shipped') EXECUTE FUNCTION shop.touch()");
    CHECK(drift_on(db, catalog, trigger).empty());
    db.exec("ALTER TABLE shop.orders DISABLE TRIGGER orders_touch");
    CHECK(drift_on(db, catalog, trigger) ==
          "different: trigger shop.orders.orders_touch (enabled: yes declared, no in the database)");
    db.exec("DROP TRIGGER orders_touch ON shop.orders");
    CHECK(drift_on(db, catalog, trigger) == "missing: trigger shop.orders.orders_touch");
    db.exec("CREATE FUNCTION shop.other() RETURNS trigger LANGUAGE plpgsql AS 'BEGIN RETURN NEW; END'");
    db.exec("CREATE TRIGGER orders_touch BEFORE INSERT OR UPDATE ON shop.orders FOR EACH ROW "
            "WHEN (NEW.status <> 'shipped') EXECUTE FUNCTION shop.other()");
    CHECK(drift_on(db, catalog, trigger) ==
          "different: trigger shop.orders.orders_touch (definition: '" + declared_trigger + "' declared, '" +
              "CREATE TRIGGER orders_touch BEFORE INSERT OR UPDATE ON shop.orders FOR EACH ROW "
              "WHEN ((new.status <> 'shipped'::shop.status)) EXECUTE FUNCTION shop.other()' in the database)");
    CHECK(drift_on(db, catalog, cat::id::function({"shop", "other"})) == "extra: function shop.other()");
    // A WHEN condition that differs only in what it compares with.
    db.exec("DROP TRIGGER orders_touch ON shop.orders");
    db.exec("CREATE TRIGGER orders_touch BEFORE INSERT OR UPDATE ON shop.orders FOR EACH ROW "
            "WHEN (NEW.status <> 'new') EXECUTE FUNCTION shop.touch()");
    CHECK(drift_on(db, catalog, trigger) ==
          "different: trigger shop.orders.orders_touch (definition: '" + declared_trigger + "' declared, '" +
              "CREATE TRIGGER orders_touch BEFORE INSERT OR UPDATE ON shop.orders FOR EACH ROW "
              "WHEN ((new.status <> 'new'::shop.status)) EXECUTE FUNCTION shop.touch()' in the database)");

    // A view that is gone, and its comment and grant with it.
    const cat::object_id view = cat::id::view({"shop", "open_orders"});
    db.exec("DROP VIEW shop.open_orders");
    CHECK(drift_on(db, catalog, view) == "missing: view shop.open_orders");
    CHECK(drift_on(db, catalog, cat::id::comment(view)) == "missing: comment on view shop.open_orders");
    CHECK(drift_on(db, catalog, cat::id::grant(view, reader)) == "missing: grant on view shop.open_orders to " + reader);
    // A type that is gone: the enum type, and the column that used it with it.
    const cat::object_id type = cat::id::enum_type({"shop", "status"});
    db.exec("DROP TYPE shop.status CASCADE");
    CHECK(drift_on(db, catalog, type) == "missing: enum type shop.status");
    CHECK(drift_on(db, catalog, cat::id::column({"shop", "orders"}, "status")) == "missing: column shop.orders.status");
}

TEST_CASE("an extension declared without a schema, and its type named unqualified, have no drift") {
    // The scratch build once ran the DDL with the empty search_path of pgcraft's own connection:
    // CREATE EXTENSION without SCHEMA failed there ("no schema has been selected to create in"),
    // and so would a column type named as citext, so that such a database could not be checked.
    cat::catalog catalog;
    catalog.add(make_extension("citext"));
    catalog.add(make_schema("plain"));
    cat::table_definition notes;
    notes.name = {"plain", "notes"};
    notes.add_column(make_column("id", "bigint", false, true));
    notes.add_column(make_column("body", "citext"));
    notes.constraints = {make_constraint(cat::constraint_kind::primary_key, "notes_pkey", {"id"})};
    catalog.add(notes);
    const std::string ddl = pgcraft::sql::render_ddl(catalog);
    INFO("DDL:\n" << ddl);
    connection db = fresh_database();
    apply_in_transaction(db, ddl);
    CHECK(db.text("SELECT extnamespace::regnamespace::text FROM pg_extension WHERE extname = 'citext'") == "public");
    CHECK(lines(drift_lines(db, catalog)).empty());

    // Where the DDL put it, the drift check expects it.
    db.exec("ALTER EXTENSION citext SET SCHEMA plain");
    CHECK(drift_on(db, catalog, cat::id::extension("citext")) ==
          "different: extension citext (schema: 'public' declared, 'plain' in the database)");
}


TEST_CASE("a deferred constraint trigger fires at COMMIT, checks clean, and its drift is named") {
    cat::catalog catalog;
    catalog.add(make_schema("books"));
    cat::table_definition legs;
    legs.name = {"books", "legs"};
    legs.add_column(make_column("id", "bigint", false, true));
    legs.add_column(make_column("amount", "integer"));
    legs.constraints = {make_constraint(cat::constraint_kind::primary_key, "legs_pkey", {"id"})};
    catalog.add(legs);
    // What a row holds at COMMIT, not when it was inserted: the check reads the table again.
    cat::function positive = make_function({"books", "legs_positive"}, {}, "trigger",
                                           "BEGIN\n    IF EXISTS (SELECT FROM books.legs WHERE id = NEW.id AND amount < 0) "
                                           "THEN\n        RAISE EXCEPTION 'leg % is negative at commit', NEW.id;\n    END IF;\n"
                                           "    RETURN NULL;\nEND;");
    positive.language = cat::language::plpgsql;
    catalog.add(positive);
    cat::trigger at_commit = make_trigger("legs_positive", cat::id::table(legs.name), cat::trigger_timing::after,
                                          {cat::trigger_event::insert}, positive.id());
    at_commit.deferred = true;
    catalog.add(at_commit);
    const std::string ddl = pgcraft::sql::render_ddl(catalog);
    INFO("DDL:\n" << ddl);
    connection db = fresh_database();
    apply_in_transaction(db, ddl);
    CHECK(lines(drift_lines(db, catalog)).empty());

    // Negative when inserted, fixed before COMMIT: it commits.
    db.exec("BEGIN");
    db.exec("INSERT INTO books.legs (amount) VALUES (-5)");
    db.exec("UPDATE books.legs SET amount = 5");
    db.exec("COMMIT");
    CHECK(db.text("SELECT count(*)::text FROM books.legs") == "1");
    // Negative at COMMIT: the INSERT goes through, the COMMIT fails, and nothing stays.
    db.exec("BEGIN");
    CHECK_FALSE(db.failure_of("INSERT INTO books.legs (amount) VALUES (-1)"));
    const auto failure = db.failure_of("COMMIT");
    REQUIRE(failure);
    CHECK(failure->message.find("is negative at commit") != std::string::npos);
    CHECK(db.text("SELECT count(*)::text FROM books.legs") == "1");

    // Made a plain trigger by hand: the definition differs.
    db.exec("DROP TRIGGER legs_positive ON books.legs");
    db.exec("CREATE TRIGGER legs_positive AFTER INSERT ON books.legs FOR EACH ROW EXECUTE FUNCTION books.legs_positive()");
    CHECK(drift_on(db, catalog, at_commit.id()) ==
          "different: trigger books.legs.legs_positive (definition: 'CREATE CONSTRAINT TRIGGER legs_positive AFTER "
          "INSERT ON books.legs DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION books.legs_positive()' "
          "declared, 'CREATE TRIGGER legs_positive AFTER INSERT ON books.legs FOR EACH ROW EXECUTE FUNCTION "
          "books.legs_positive()' in the database)");
}

}  // TEST_SUITE
