// The diff of two catalogs: each operation, the order of its statements, what
// is re-created with what PostgreSQL forces to be dropped, and determinism.
// Applied to a real database by the integration suite `evolution`.
#include <pgcraft/migrate/diff.hpp>
#include <pgcraft/migrate/files.hpp>
#include <pgcraft/sql/render.hpp>

#include <set>
#include <string>
#include <vector>

#include <doctest/doctest.h>

namespace cat = pgcraft::catalog;
namespace migrate = pgcraft::migrate;

namespace {
cat::column column(std::string name, std::string type, bool nullable = false) {
    cat::column c;
    c.name = std::move(name);
    c.type = std::move(type);
    c.nullable = nullable;
    return c;
}

// A table with a view that reads it, a trigger on the view, its function, a
// grant and a comment on the view: what history kinds and the API build.
struct schema_version {
    std::vector<cat::column> columns = {column("id", "bigint"), column("name", "text"), column("price", "numeric")};
    std::vector<std::string> view_columns = {"id", "name", "price"};
    std::string function_returns = "trigger";
    std::string function_body = "BEGIN RETURN NEW; END";
    std::vector<cat::privilege> privileges = {cat::privilege::select};
    std::string view_comment = "Items";
    std::vector<cat::constraint> extra_constraints = {};
    std::vector<std::string> labels = {"new", "done"};

    cat::catalog build() const {
        cat::catalog c;
        c.add(cat::schema{"app"});
        c.add(cat::role{"reader"});
        c.add(cat::enum_type{{"app", "state"}, labels});
        cat::table_definition t;
        t.name = {"app", "items"};
        for (const cat::column& col : columns) t.add_column(col);
        cat::constraint pk;
        pk.kind = cat::constraint_kind::primary_key;
        pk.name = "items_pkey";
        pk.columns = {"id"};
        t.constraints.push_back(pk);
        for (const cat::constraint& k : extra_constraints) t.constraints.push_back(k);
        c.add(std::move(t));
        cat::view v;
        v.name = {"app", "items_view"};
        v.columns = view_columns;
        std::string select;
        for (const std::string& col : view_columns) select += (select.empty() ? "" : ", ") + col;
        v.query = "SELECT " + select + " FROM app.items";
        v.reads = {cat::id::table({"app", "items"})};
        for (const std::string& col : view_columns) v.reads.push_back(cat::id::column({"app", "items"}, col));
        c.add(v);
        cat::function f;
        f.name = {"app", "items_write"};
        f.returns = function_returns;
        f.language = cat::language::plpgsql;
        f.body = function_body;
        c.add(f);
        c.add(cat::trigger{"items_write", v.id(), cat::trigger_timing::instead_of, {cat::trigger_event::insert}, f.id()});
        c.add(cat::comment{v.id(), view_comment});
        c.add(cat::grant{v.id(), privileges, "reader"});
        return c;
    }
};

// The position of the first statement containing `text`, or npos.
std::size_t at(const migrate::migration& m, const std::string& text) {
    const std::string sql = m.sql();
    return sql.find(text);
}

bool has(const migrate::migration& m, const std::string& text) { return at(m, text) != std::string::npos; }

cat::constraint check(std::string name, std::string expression) {
    cat::constraint c;
    c.kind = cat::constraint_kind::check;
    c.name = std::move(name);
    c.check = cat::expression::marked(expression);
    c.columns = c.check.columns();
    return c;
}
}  // namespace

TEST_CASE("from the empty catalog, the migration is the DDL, and the way back drops it all, dependents first") {
    const cat::catalog schema = schema_version{}.build();
    const migrate::migration up = migrate::diff({}, schema);
    CHECK(up.sql() == pgcraft::sql::render_ddl(schema));
    const migrate::migration down = migrate::diff(schema, {}, {}, {.down = true});
    CHECK(at(down, "DROP TRIGGER items_write ON app.items_view") < at(down, "DROP VIEW app.items_view"));
    CHECK(at(down, "DROP VIEW app.items_view") < at(down, "DROP TABLE app.items"));
    CHECK(at(down, "DROP TABLE app.items") < at(down, "DROP SCHEMA app"));
    CHECK(at(down, "DROP TYPE app.state") < at(down, "DROP SCHEMA app"));
    CHECK(!has(down, "DROP COLUMN"));  // they go with their table
    CHECK(down.hazards == std::vector<migrate::hazard>{{"PG102", "drops table app.items and its rows"},
                                                       {"PG101", "drops schema app"}});
}

TEST_CASE("equal catalogs need no migration, and the diff is the same run after run") {
    const cat::catalog a = schema_version{}.build();
    CHECK(migrate::diff(a, schema_version{}.build()).empty());
    schema_version changed;
    changed.columns.push_back(column("note", "text", true));
    const cat::catalog b = changed.build();
    CHECK(migrate::diff(a, b).sql() == migrate::diff(a, b).sql());
    CHECK(migrate::diff(a, b).statements == std::vector<std::string>{"ALTER TABLE app.items ADD COLUMN note text;\n"});
}

TEST_CASE("a column added in the middle of a table needs no change of position") {
    schema_version v;
    v.columns.insert(v.columns.begin() + 1, column("sku", "text", true));
    const migrate::migration m = migrate::diff(schema_version{}.build(), v.build());
    CHECK(m.statements == std::vector<std::string>{"ALTER TABLE app.items ADD COLUMN sku text;\n"});
}

TEST_CASE("a new NOT NULL column needs a default or a backfill, which fills rows before NOT NULL is enforced") {
    schema_version v;
    v.columns.push_back(column("stock", "integer"));
    const cat::catalog a = schema_version{}.build();
    const cat::catalog b = v.build();
    try {
        migrate::diff(a, b);
        FAIL("a required column without a value for existing rows was accepted");
    } catch (const migrate::refusal& e) {
        REQUIRE(e.reasons().size() == 1);
        CHECK(e.reasons()[0].find("column app.items.stock") != std::string::npos);
        CHECK(e.reasons()[0].find("pg::backfill") != std::string::npos);
    }
    migrate::declared_changes changes;
    changes.backfills.push_back({cat::id::column({"app", "items"}, "stock"), cat::expression::marked("length(<name>)")});
    const migrate::migration m = migrate::diff(a, b, changes);
    CHECK(at(m, "ADD COLUMN stock integer;") < at(m, "UPDATE app.items SET stock = length(name) WHERE stock IS NULL"));
    CHECK(at(m, "UPDATE app.items") < at(m, "ALTER COLUMN stock SET NOT NULL"));

    v.columns.back().default_value = cat::expression::plain("0");
    CHECK(migrate::diff(a, v.build()).statements ==
          std::vector<std::string>{"ALTER TABLE app.items ADD COLUMN stock integer NOT NULL DEFAULT 0;\n"});
}

TEST_CASE("a type change under a view re-creates the view with its trigger, grant and comment") {
    schema_version v;
    v.columns[2].type = "integer";
    migrate::declared_changes changes;
    changes.conversions.push_back({cat::id::column({"app", "items"}, "price"), cat::expression::marked("round(<price>)")});
    const migrate::migration m = migrate::diff(schema_version{}.build(), v.build(), changes);
    const std::size_t retype = at(m, "ALTER TABLE app.items ALTER COLUMN price TYPE integer USING round(price);");
    REQUIRE(retype != std::string::npos);
    CHECK(at(m, "DROP TRIGGER items_write ON app.items_view;") < at(m, "DROP VIEW app.items_view;"));
    CHECK(at(m, "DROP VIEW app.items_view;") < retype);
    CHECK(retype < at(m, "CREATE VIEW app.items_view AS"));
    CHECK(at(m, "CREATE VIEW app.items_view AS") < at(m, "CREATE TRIGGER items_write"));
    CHECK(retype < at(m, "COMMENT ON VIEW app.items_view IS 'Items';"));
    CHECK(retype < at(m, "GRANT SELECT ON TABLE app.items_view TO reader;"));
    // The function does not depend on the view: it stays.
    CHECK(!has(m, "DROP FUNCTION"));
    CHECK(!has(m, "CREATE FUNCTION"));

    // The way back casts explicitly.
    const migrate::migration down = migrate::diff(v.build(), schema_version{}.build(), {}, {.down = true});
    CHECK(has(down, "ALTER COLUMN price TYPE numeric USING price::numeric;"));
}

TEST_CASE("a view whose columns are only appended is replaced in place; other changes re-create it") {
    schema_version grown;
    grown.columns.push_back(column("note", "text", true));
    grown.view_columns.push_back("note");
    const migrate::migration m = migrate::diff(schema_version{}.build(), grown.build());
    CHECK(at(m, "ADD COLUMN note text") < at(m, "CREATE OR REPLACE VIEW app.items_view AS"));
    CHECK(!has(m, "DROP VIEW"));
    CHECK(!has(m, "TRIGGER"));
    CHECK(!has(m, "GRANT"));

    schema_version reordered;
    reordered.view_columns = {"id", "price", "name"};
    const migrate::migration r = migrate::diff(schema_version{}.build(), reordered.build());
    CHECK(has(r, "DROP VIEW app.items_view;"));
    CHECK(has(r, "CREATE TRIGGER items_write"));
    CHECK(has(r, "GRANT SELECT ON TABLE app.items_view TO reader;"));
}

TEST_CASE("a view losing a column it read is re-created before the column is dropped") {
    schema_version v;
    v.columns.pop_back();
    v.view_columns.pop_back();
    const migrate::migration m = migrate::diff(schema_version{}.build(), v.build(), {}, {.allowed = {"PG103"}});
    // The column goes last: a kind may move values out of it first.
    CHECK(at(m, "DROP VIEW app.items_view;") < at(m, "CREATE VIEW app.items_view"));
    CHECK(at(m, "CREATE VIEW app.items_view") < at(m, "ALTER TABLE app.items DROP COLUMN price;"));
    CHECK(m.hazards == std::vector<migrate::hazard>{
                           {"PG103", "drops column app.items.price and its values"},
                           {"PG401", "re-creates view app.items_view and what depends on it: trigger "
                                     "app.items_view.items_write, comment on view app.items_view, grant on view "
                                     "app.items_view to reader"}});
}

TEST_CASE("a function keeps its place when only its body changes, and is re-created with its triggers otherwise") {
    schema_version body;
    body.function_body = "BEGIN RETURN NULL; END";
    const migrate::migration m = migrate::diff(schema_version{}.build(), body.build());
    CHECK(has(m, "CREATE OR REPLACE FUNCTION app.items_write()"));
    CHECK(!has(m, "DROP"));

    schema_version returns;
    returns.function_returns = "integer";
    const migrate::migration r = migrate::diff(schema_version{}.build(), returns.build());
    CHECK(at(r, "DROP TRIGGER items_write") < at(r, "DROP FUNCTION app.items_write();"));
    CHECK(at(r, "DROP FUNCTION app.items_write();") < at(r, "CREATE FUNCTION app.items_write()"));
    CHECK(at(r, "CREATE FUNCTION app.items_write()") < at(r, "CREATE TRIGGER items_write"));
}

TEST_CASE("grants change by the privileges that differ; comments in place") {
    schema_version v;
    v.privileges = {cat::privilege::insert};
    v.view_comment = "Things";
    const migrate::migration m = migrate::diff(schema_version{}.build(), v.build());
    CHECK(m.statements == std::vector<std::string>{"REVOKE SELECT ON TABLE app.items_view FROM reader;\n",
                                                   "COMMENT ON VIEW app.items_view IS 'Things';\n\n"
                                                   "GRANT INSERT ON TABLE app.items_view TO reader;\n"});
    CHECK(m.hazards == std::vector<migrate::hazard>{{"PG501", "revokes SELECT on view app.items_view from reader"}});
}

TEST_CASE("labels added to an enum type go where they belong; removing one replaces the type, once allowed") {
    schema_version v;
    v.labels = {"new", "started", "done", "archived"};
    const migrate::migration m = migrate::diff(schema_version{}.build(), v.build());
    CHECK(m.statements == std::vector<std::string>{"ALTER TYPE app.state ADD VALUE 'started' AFTER 'new';\n",
                                                   "ALTER TYPE app.state ADD VALUE 'archived' AFTER 'done';\n"});
    // New labels side by side, and first: each placed next to one that exists by then.
    schema_version front;
    front.labels = {"draft", "review", "new", "done"};
    CHECK(migrate::diff(schema_version{}.build(), front.build()).statements ==
          std::vector<std::string>{"ALTER TYPE app.state ADD VALUE 'draft' BEFORE 'new';\n",
                                   "ALTER TYPE app.state ADD VALUE 'review' AFTER 'draft';\n"});
    schema_version removed;
    removed.labels = {"new"};
    cat::column state = column("state", "", true);
    state.user_type = {"app", "state"};
    removed.columns.push_back(state);
    schema_version with_state;
    with_state.columns.push_back(state);
    CHECK_THROWS_AS(migrate::diff(with_state.build(), removed.build()), migrate::refusal);
    const migrate::migration r = migrate::diff(with_state.build(), removed.build(), {}, {.allowed = {"PG104"}});
    CHECK(r.statements == std::vector<std::string>{
                              "ALTER TYPE app.state RENAME TO state_pgcraft_old;\n",
                              "CREATE TYPE app.state AS ENUM (\n    'new'\n);\n",
                              "ALTER TABLE app.items ALTER COLUMN state TYPE app.state USING state::text::app.state;\n",
                              "DROP TYPE app.state_pgcraft_old;\n"});
    CHECK(r.hazards == std::vector<migrate::hazard>{
                           {"PG104", "replaces enum type app.state by a type with the labels new: fails if a row "
                                     "holds done"}});
}

TEST_CASE("checks and foreign keys come and go; tables that reference each other are created, then linked") {
    schema_version v;
    v.extra_constraints.push_back(check("price_positive", "<price> > 0"));
    const migrate::migration add = migrate::diff(schema_version{}.build(), v.build());
    // On a table that may hold rows: NOT VALID now, validated in the closing step (which lets writes go on).
    CHECK(add.statements ==
          std::vector<std::string>{"ALTER TABLE app.items\n    ADD CONSTRAINT price_positive CHECK (price > 0) NOT VALID;\n"});
    CHECK(add.later == std::vector<migrate::step>{
                           {true, {"ALTER TABLE app.items VALIDATE CONSTRAINT price_positive;\n"}}});
    const migrate::migration drop = migrate::diff(v.build(), schema_version{}.build());
    CHECK(drop.statements == std::vector<std::string>{"ALTER TABLE app.items DROP CONSTRAINT price_positive;\n"});

    cat::catalog linked = schema_version{}.build();
    for (const auto& [name, other] : {std::pair{"a", "b"}, std::pair{"b", "a"}}) {
        cat::table_definition t;
        t.name = {"app", name};
        t.add_column(column("id", "bigint"));
        t.add_column(column("other", "bigint", true));
        cat::constraint pk;
        pk.kind = cat::constraint_kind::primary_key;
        pk.name = std::string(name) + "_pkey";
        pk.columns = {"id"};
        cat::constraint fk;
        fk.kind = cat::constraint_kind::foreign_key;
        fk.name = std::string(name) + "_other_fkey";
        fk.columns = {"other"};
        fk.references = cat::foreign_key_target{{"app", other}, {"id"}};
        t.constraints = {pk, fk};
        linked.add(std::move(t));
    }
    const migrate::migration m = migrate::diff(schema_version{}.build(), linked);
    const std::size_t a = at(m, "CREATE TABLE app.a");
    const std::size_t b = at(m, "CREATE TABLE app.b");
    const std::size_t closing = at(m, "ADD CONSTRAINT a_other_fkey FOREIGN KEY");
    REQUIRE(closing != std::string::npos);
    CHECK(a < b);
    CHECK(b < closing);
}

namespace {
cat::constraint unique(std::string name, std::vector<std::string> columns) {
    cat::constraint c;
    c.kind = cat::constraint_kind::unique;
    c.name = std::move(name);
    c.columns = std::move(columns);
    return c;
}

cat::index index_on_name(std::string name, cat::qualified_name table = {"app", "items"}) {
    cat::index ix;
    ix.name = {table.schema, std::move(name)};
    ix.table = std::move(table);
    ix.keys = {cat::expression::marked("lower(<name>)")};
    return ix;
}

std::vector<bool> transactions_of(const migrate::migration& m) {
    std::vector<bool> result;
    for (const migrate::step& s : m.steps()) result.push_back(s.in_transaction);
    return result;
}
}  // namespace

TEST_CASE("online: an index on a table with rows is built concurrently in a step of its own; on a new table, not") {
    cat::catalog a = schema_version{}.build();
    cat::catalog b = schema_version{}.build();
    b.add(index_on_name("items_lower_name"));
    const migrate::migration m = migrate::diff(a, b);
    CHECK(m.statements.empty());
    CHECK(m.later == std::vector<migrate::step>{
                         {false, {"DROP INDEX CONCURRENTLY IF EXISTS app.items_lower_name;\n"}},
                         {false, {"CREATE INDEX CONCURRENTLY IF NOT EXISTS items_lower_name ON app.items (lower(name));\n"}}});
    CHECK(m.hazards == std::vector<migrate::hazard>{
                           {"PG601", "builds index app.items_lower_name concurrently, outside a transaction"}});
    // Dropped: concurrently too, after the main transaction.
    const migrate::migration back = migrate::diff(b, a, {}, {.down = true});
    CHECK(back.steps() == std::vector<migrate::step>{{false, {"DROP INDEX CONCURRENTLY IF EXISTS app.items_lower_name;\n"}}});
    CHECK(back.hazards ==
          std::vector<migrate::hazard>{{"PG601", "drops index app.items_lower_name concurrently, outside a transaction"}});

    // The twin: an index of a table the migration creates is part of its main transaction.
    cat::catalog c = schema_version{}.build();
    cat::table_definition t;
    t.name = {"app", "things"};
    t.add_column(column("name", "text"));
    c.add(std::move(t));
    c.add(index_on_name("things_lower_name", {"app", "things"}));
    const migrate::migration fresh = migrate::diff(a, c);
    CHECK(fresh.later.empty());
    CHECK(has(fresh, "CREATE INDEX things_lower_name ON app.things (lower(name));"));
    CHECK(fresh.hazards.empty());
}

TEST_CASE("online: a unique constraint is attached to an index built concurrently, unless a new foreign key needs it") {
    schema_version v;
    v.extra_constraints.push_back(unique("items_name_key", {"name"}));
    const migrate::migration m = migrate::diff(schema_version{}.build(), v.build());
    CHECK(transactions_of(m) == std::vector<bool>{false, false, true});
    CHECK(m.later.at(1).statements ==
          std::vector<std::string>{"CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS items_name_key ON app.items (name);\n"});
    CHECK(m.later.at(2).statements ==
          std::vector<std::string>{"ALTER TABLE app.items\n    ADD CONSTRAINT items_name_key UNIQUE USING INDEX items_name_key;\n"});
    CHECK(m.hazards.size() == 2);  // PG601 for the build, PG301 for the rows that may not be unique
    CHECK(has(m, "CREATE UNIQUE INDEX CONCURRENTLY"));

    // The twin: a foreign key made by the same migration references it, so it must exist in the main transaction.
    cat::catalog referenced = v.build();
    cat::table_definition t;
    t.name = {"app", "labels"};
    t.add_column(column("item_name", "text"));
    cat::constraint fk;
    fk.kind = cat::constraint_kind::foreign_key;
    fk.name = "labels_item_name_fkey";
    fk.columns = {"item_name"};
    fk.references = cat::foreign_key_target{{"app", "items"}, {"name"}};
    t.constraints = {fk};
    referenced.add(std::move(t));
    const migrate::migration needed = migrate::diff(schema_version{}.build(), referenced);
    CHECK(needed.later.empty());
    CHECK(at(needed, "ADD CONSTRAINT items_name_key UNIQUE (name)") < at(needed, "CREATE TABLE app.labels"));
}

TEST_CASE("online: a migration's file marks each step; read back, the steps are the same") {
    schema_version v;
    v.extra_constraints.push_back(check("price_positive", "<price> > 0"));
    cat::catalog b = v.build();
    b.add(index_on_name("items_lower_name"));
    const migrate::migration m = migrate::diff(schema_version{}.build(), b);
    const std::string text = migrate::migration_file_text(m, {}, "0002_online", "up", "a", "b");
    CHECK(has(m, "CHECK (price > 0) NOT VALID"));
    CHECK(text.find("-- step 1 of 4: in one transaction\nBEGIN;\nSET LOCAL lock_timeout = '5s';\n") != std::string::npos);
    CHECK(text.find("-- step 3 of 4: outside a transaction\nSET lock_timeout = '5s';\nSET statement_timeout = '1h';\n"
                    "CREATE INDEX CONCURRENTLY") != std::string::npos);
    const std::vector<migrate::file_step> steps = migrate::read_steps(text);
    REQUIRE(steps.size() == 4);
    const std::vector<migrate::step> written = m.steps();
    for (std::size_t i = 0; i < steps.size(); ++i) {
        CAPTURE(i);
        CHECK(steps[i].in_transaction == written[i].in_transaction);
        // A blank line between the statements of a transaction.
        std::string statements;
        for (const std::string& statement : written[i].statements) statements += (statements.empty() ? "" : "\n") + statement;
        CHECK(steps[i].statements == statements);
    }
    CHECK(steps[0].settings == "SET LOCAL lock_timeout = '5s';\nSET LOCAL statement_timeout = '10min';\n");
    CHECK_THROWS_WITH_AS(migrate::read_steps("-- step 1 of 1: in one transaction\nBEGIN;\nSELECT 1;\n"),
                         "a step in one transaction does not end with COMMIT", std::runtime_error);
}

TEST_CASE("a drop the declaration allows (pg::allow_drop) needs no --allow; one it does not allow is refused") {
    schema_version a;
    a.columns.push_back(column("notes", "text", true));
    a.view_columns = {"id", "name", "price"};
    auto declared = [](cat::catalog c) {
        // The table as a dimension declares it.
        cat::catalog result;
        for (const cat::object_id& id : c.added()) {
            cat::object o = *c.find(id);
            if (auto* t = std::get_if<cat::table>(&o)) t->declared_by = "items";
            result.add(std::move(o));
        }
        return result;
    };
    const cat::catalog from = declared(a.build()), to = declared(schema_version{}.build());
    CHECK_THROWS_AS(migrate::diff(from, to), migrate::refusal);
    migrate::declared_changes changes;
    changes.drops.push_back({"items", "notes"});
    const migrate::migration m = migrate::diff(from, to, changes);
    CHECK(m.statements == std::vector<std::string>{"ALTER TABLE app.items DROP COLUMN notes;\n"});
    CHECK(m.allowed_by_declaration == std::set<std::string>{"PG103"});
    CHECK(m.warnings.empty());
    CHECK(migrate::migration_file_text(m, {}, "0002_x", "up", "a", "b").find("\n-- allowed: PG103\n") != std::string::npos);
    // The twin: allowing another column (or another dimension's) allows nothing here, and says so.
    migrate::declared_changes other;
    other.drops.push_back({"items", "note"});
    other.drops.push_back({"orders", "notes"});
    try {
        migrate::diff(from, to, other);
        FAIL("the drop of notes should be refused");
    } catch (const migrate::refusal& r) {
        CHECK(r.reasons().size() == 1);
        CHECK(r.reasons()[0].find("PG103 drop-column: drops column app.items.notes") == 0);
    }
    other.drops.push_back({"items", "notes"});
    const migrate::migration warned = migrate::diff(from, to, other);
    CHECK(warned.warnings.size() == 2);
    CHECK(warned.warnings[0].find("column note of dimension items is declared dropped") == 0);
}

TEST_CASE("a declared rename keeps the data; an undeclared look-alike is refused") {
    schema_version original;
    original.columns[1].nullable = true;
    schema_version renamed = original;
    renamed.columns[1].name = "title";
    renamed.view_columns[1] = "title";
    const cat::catalog a = original.build();
    const cat::catalog b = renamed.build();
    try {
        migrate::diff(a, b);
        FAIL("a drop and an add of the same type were taken for a rename, or for a drop");
    } catch (const migrate::refusal& e) {
        REQUIRE(e.reasons().size() == 2);
        CHECK(e.reasons()[0].starts_with("PG106 drop-looks-like-rename: column app.items.name is dropped"));
        CHECK(e.reasons()[0].find("pg::renamed_from<\"name\">") != std::string::npos);
        CHECK(e.reasons()[1].starts_with("PG103 drop-column: drops column app.items.name and its values"));
    }
    CHECK_THROWS_AS(migrate::diff(a, b, {}, {.allowed = {"PG103"}}), migrate::refusal);
    CHECK(has(migrate::diff(a, b, {}, {.allowed = {"PG103", "PG106"}}), "DROP COLUMN name"));

    migrate::declared_changes changes;
    changes.renames.push_back({cat::id::column({"app", "items"}, "name"), cat::id::column({"app", "items"}, "title")});
    const migrate::migration m = migrate::diff(a, b, changes);
    CHECK(m.statements.front() == "ALTER TABLE app.items RENAME COLUMN name TO title;\n");
    CHECK(!has(m, "DROP COLUMN"));
    CHECK(!has(m, "ADD COLUMN"));
    // The view's column keeps its old name in PostgreSQL: the view is re-created.
    CHECK(at(m, "DROP VIEW app.items_view") < at(m, "CREATE VIEW app.items_view"));

    // The way back renames back.
    const migrate::migration down = migrate::diff(b, a, migrate::reversed(changes), {.down = true});
    CHECK(down.statements.front() == "ALTER TABLE app.items RENAME COLUMN title TO name;\n");

    // Once applied, a rename still declared has nothing left to do.
    CHECK(migrate::diff(b, b, changes).empty());
    CHECK(migrate::diff(b, b, changes).warnings.empty());
}

TEST_CASE("a renamed table takes its parts along; a rename of something the snapshot lacks is a warning") {
    cat::catalog before;
    before.add(cat::schema{"app"});
    cat::table_definition t;
    t.name = {"app", "items"};
    t.add_column(column("id", "bigint"));
    cat::constraint pk;
    pk.kind = cat::constraint_kind::primary_key;
    pk.name = "items_pkey";
    pk.columns = {"id"};
    t.constraints.push_back(pk);
    before.add(t);
    cat::catalog after;
    after.add(cat::schema{"app"});
    t.name = {"app", "goods"};
    t.constraints[0].name = "goods_pkey";
    after.add(t);
    migrate::declared_changes changes;
    changes.renames = {{cat::id::table({"app", "items"}), cat::id::table({"app", "goods"})},
                       {cat::id::constraint({"app", "items"}, "items_pkey"), cat::id::constraint({"app", "goods"}, "goods_pkey")}};
    const migrate::migration m = migrate::diff(before, after, changes);
    CHECK(m.statements == std::vector<std::string>{"ALTER TABLE app.items RENAME TO goods;\n",
                                                   "ALTER TABLE app.goods RENAME CONSTRAINT items_pkey TO goods_pkey;\n"});

    changes.renames = {{cat::id::table({"app", "things"}), cat::id::table({"app", "goods"})}};
    const migrate::migration w = migrate::diff(after, after, changes);
    CHECK(w.empty());
    CHECK(w.warnings.empty());  // goods is there already: renamed before
    const migrate::migration lost = migrate::diff(before, after, changes, {.allowed = {"PG102", "PG106"}});
    REQUIRE(lost.warnings.size() == 1);
    CHECK(lost.warnings[0].find("table app.things") != std::string::npos);
}

TEST_CASE("a column's default, identity and nullability change in place, in an order PostgreSQL takes") {
    schema_version v;
    v.columns[0].identity = true;
    v.columns[1].nullable = true;
    v.columns[2].default_value = cat::expression::plain("0");
    const migrate::migration m = migrate::diff(schema_version{}.build(), v.build());
    CHECK(m.statements == std::vector<std::string>{
                              "ALTER TABLE app.items ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY;\n",
                              "ALTER TABLE app.items ALTER COLUMN name DROP NOT NULL;\n",
                              "ALTER TABLE app.items ALTER COLUMN price SET DEFAULT 0;\n"});
    const migrate::migration back = migrate::diff(v.build(), schema_version{}.build(), {}, {.down = true});
    // NOT NULL through a check added NOT VALID, validated later, so that SET NOT NULL does not scan.
    CHECK(back.statements == std::vector<std::string>{"ALTER TABLE app.items ALTER COLUMN id DROP IDENTITY;\n",
                                                      "ALTER TABLE app.items\n    ADD CONSTRAINT nn__items__name CHECK "
                                                      "(name IS NOT NULL) NOT VALID;\n",
                                                      "ALTER TABLE app.items ALTER COLUMN price DROP DEFAULT;\n"});
    CHECK(back.later == std::vector<migrate::step>{{true,
                                                    {"ALTER TABLE app.items VALIDATE CONSTRAINT nn__items__name;\n"
                                                     "ALTER TABLE app.items ALTER COLUMN name SET NOT NULL;\n"
                                                     "ALTER TABLE app.items DROP CONSTRAINT nn__items__name;\n"}}});
    // A column that becomes NOT NULL may hold NULL: said, or filled first.
    CHECK(back.hazards ==
          std::vector<migrate::hazard>{{"PG302", "makes column app.items.name NOT NULL: fails if a row holds NULL there"}});
    migrate::declared_changes fill;
    fill.backfills.push_back({cat::id::column({"app", "items"}, "name"), cat::expression::plain("'unnamed'")});
    const migrate::migration filled = migrate::diff(v.build(), schema_version{}.build(), fill);
    CHECK(at(filled, "UPDATE app.items SET name = 'unnamed' WHERE name IS NULL;") <
          at(filled, "ALTER COLUMN name SET NOT NULL"));
}

TEST_CASE("a generated column whose expression changes is dropped and added again, with what reads it") {
    schema_version a;
    a.columns.push_back(column("total", "numeric"));
    a.columns.back().generated = cat::expression::marked("<price> * 2");
    schema_version b = a;
    b.columns.back().generated = cat::expression::marked("<price> * 3");
    const migrate::migration m = migrate::diff(a.build(), b.build());
    CHECK(m.statements == std::vector<std::string>{
                              "ALTER TABLE app.items DROP COLUMN total;\n",
                              "ALTER TABLE app.items ADD COLUMN total numeric NOT NULL GENERATED ALWAYS AS (price * 3) STORED;\n"});
    CHECK(m.notes.empty());  // a generated column holds nothing of its own
}

TEST_CASE("roles, comments, indexes and triggers: each change as PostgreSQL allows it") {
    cat::catalog a = schema_version{}.build();
    cat::catalog b;
    for (const cat::object_id& id : a.added()) {
        cat::object o = *a.find(id);
        if (auto* r = std::get_if<cat::role>(&o)) r->login = true;
        if (std::holds_alternative<cat::comment>(o)) continue;  // the view's comment goes
        if (auto* t = std::get_if<cat::trigger>(&o)) t->events.push_back(cat::trigger_event::update);
        b.add(std::move(o));
    }
    cat::index ix;
    ix.name = {"app", "items_name"};
    ix.table = {"app", "items"};
    ix.keys = {cat::expression::marked("<name>")};
    a.add(ix);
    ix.keys = {cat::expression::marked("lower(<name>)")};
    b.add(ix);
    const migrate::migration m = migrate::diff(a, b);
    CHECK(has(m, "COMMENT ON VIEW app.items_view IS NULL;"));
    CHECK(has(m, "ALTER ROLE reader LOGIN;"));
    // The new index is built beside the old one, concurrently, then takes its name.
    CHECK(!has(m, "DROP INDEX app.items_name;"));
    CHECK(m.later == std::vector<migrate::step>{
                         {false, {"DROP INDEX CONCURRENTLY IF EXISTS app.items_name_pgcraft_new;\n"}},
                         {false, {"CREATE INDEX CONCURRENTLY IF NOT EXISTS items_name_pgcraft_new ON app.items (lower(name));\n"}},
                         {false, {"DROP INDEX CONCURRENTLY IF EXISTS app.items_name;\n"}},
                         {true, {"ALTER INDEX app.items_name_pgcraft_new RENAME TO items_name;\n"}}});
    CHECK(at(m, "DROP TRIGGER items_write ON app.items_view;") <
          at(m, "CREATE TRIGGER items_write\n    INSTEAD OF INSERT OR UPDATE ON app.items_view"));
    CHECK(!has(m, "DROP VIEW"));
}

TEST_CASE("a trigger made deferred is re-created as a constraint trigger, and back") {
    // Only the order of the statements is judged here (PostgreSQL takes a constraint trigger only
    // AFTER … FOR EACH ROW on a table: see the integration test of live drift for a real one).
    cat::catalog a = schema_version{}.build();
    cat::catalog b;
    for (const cat::object_id& id : a.added()) {
        cat::object o = *a.find(id);
        if (auto* t = std::get_if<cat::trigger>(&o)) t->deferred = true;
        b.add(std::move(o));
    }
    const migrate::migration m = migrate::diff(a, b);
    CHECK(at(m, "DROP TRIGGER items_write ON app.items_view;") <
          at(m, "CREATE CONSTRAINT TRIGGER items_write\n    INSTEAD OF INSERT ON app.items_view DEFERRABLE INITIALLY DEFERRED"));
    const migrate::migration back = migrate::diff(b, a);
    CHECK(at(back, "DROP TRIGGER items_write ON app.items_view;") <
          at(back, "CREATE TRIGGER items_write\n    INSTEAD OF INSERT ON app.items_view\n"));
}

TEST_CASE("an EAV attribute's values move when its type moves it to another value column") {
    // Two value columns, each commented with the attributes it holds, as the EAV kind writes them.
    auto version = [](const char* integer_holds, const char* bigint_holds) {
        cat::catalog c;
        c.add(cat::schema{"app"});
        cat::table_definition t;
        t.name = {"app", "things_attributes"};
        t.add_column(column("id", "bigint"));
        t.add_column(column("attribute", "text"));
        t.add_column(column("integer_value", "integer", true), integer_holds);
        t.add_column(column("bigint_value", "bigint", true), bigint_holds);
        c.add(std::move(t));
        return c;
    };
    const migrate::migration m =
        migrate::diff(version("Values of: size, count", ""), version("Values of: size", "Values of: count"));
    CHECK(has(m, "UPDATE app.things_attributes SET bigint_value = CAST(integer_value AS bigint), integer_value = NULL\n"
                 "    WHERE attribute = 'count' AND integer_value IS NOT NULL;"));
    CHECK(!has(m, "'size'"));
    // The way back moves them back.
    const migrate::migration back =
        migrate::diff(version("Values of: size", "Values of: count"), version("Values of: size, count", ""));
    CHECK(has(back, "SET integer_value = CAST(bigint_value AS integer), bigint_value = NULL"));
}

TEST_CASE("a required EAV attribute new on existing entities is refused; an optional one is not") {
    auto version = [](const char* comment) {
        cat::catalog c;
        c.add(cat::schema{"app"});
        cat::table_definition t;
        t.name = {"app", "things_attributes"};
        t.add_column(column("id", "bigint"));
        t.add_column(column("attribute", "text"));
        t.add_column(column("integer_value", "integer", true), comment);
        c.add(std::move(t));
        return c;
    };
    try {
        migrate::diff(version("Values of: size"), version("Values of: size, count; required: count"));
        FAIL("a new required attribute without values was accepted");
    } catch (const migrate::refusal& e) {
        REQUIRE(e.reasons().size() == 1);
        CHECK(e.reasons()[0].starts_with("attribute count of table app.things_attributes is new and required"));
    }
    CHECK_NOTHROW(migrate::diff(version("Values of: size"), version("Values of: size, count")));
    // Made required later: entities without a value fail their next write.
    const migrate::migration m = migrate::diff(version("Values of: size, count"), version("Values of: size, count; required: count"));
    REQUIRE(m.hazards.size() == 1);
    CHECK(m.hazards[0].code == "PG302");
}

TEST_CASE("a role's memberships change in place: granted after the roles they name are made, revoked before they go") {
    cat::catalog before;
    before.add(cat::role{"gateway", true});
    cat::catalog after;
    after.add(cat::role{"visitor", false});
    after.add(cat::role{"gateway", true, false, {"visitor"}});
    const migrate::migration up = migrate::diff(before, after);
    CHECK(has(up, "ALTER ROLE gateway NOINHERIT;"));
    REQUIRE(has(up, "GRANT visitor TO gateway;"));
    CHECK(at(up, "CREATE ROLE visitor NOLOGIN;") < at(up, "GRANT visitor TO gateway;"));
    // The role is altered, never dropped and made again (its password would go).
    CHECK(!has(up, "DROP ROLE gateway;"));
    const migrate::migration down = migrate::diff(after, before);
    REQUIRE(has(down, "REVOKE visitor FROM gateway;"));
    CHECK(at(down, "REVOKE visitor FROM gateway;") < at(down, "DROP ROLE visitor;"));
    CHECK(has(down, "ALTER ROLE gateway INHERIT;"));
    CHECK(!has(down, "DROP ROLE gateway;"));
}

TEST_CASE("a NOINHERIT role is created with its memberships") {
    cat::catalog c;
    c.add(cat::role{"visitor", false});
    const cat::role gateway{"gateway", true, false, {"visitor"}};
    CHECK(pgcraft::sql::render_create(c, gateway) ==
          "DO $pgcraft$\nBEGIN\n    CREATE ROLE gateway LOGIN NOINHERIT;\nEXCEPTION WHEN duplicate_object THEN\n    NULL;\n"
          "END\n$pgcraft$;\nGRANT visitor TO gateway;\n");
}
