// Each hazard code: a change that carries it, and a twin that does not.
// Destructive ones are refused until allowed by code.
#include <pgcraft/migrate/diff.hpp>

#include <algorithm>
#include <fstream>
#include <functional>
#include <sstream>
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

// A schema `app` with a table `t (id bigint, code varchar(16), qty integer)`,
// a view over it with a grant, and an enum type; `change` edits it first.
struct base {
    std::vector<cat::column> columns = {column("id", "bigint"), column("code", "varchar(16)"), column("qty", "integer")};
    std::vector<cat::constraint> constraints = {};
    std::vector<std::string> labels = {"a", "b"};
    std::vector<cat::privilege> privileges = {cat::privilege::select};
    std::vector<std::string> view_columns = {"id", "code"};
    bool with_other_schema = true;
    bool with_table = true;
    std::string declared_by = {};

    cat::catalog build() const {
        cat::catalog c;
        c.add(cat::schema{"app"});
        if (with_other_schema) c.add(cat::schema{"extra"});
        c.add(cat::role{"reader"});
        c.add(cat::enum_type{{"app", "state"}, labels});
        if (!with_table) return c;
        cat::table_definition t;
        t.name = {"app", "t"};
        t.declared_by = declared_by;
        for (const cat::column& col : columns) t.add_column(col);
        t.constraints = constraints;
        c.add(std::move(t));
        cat::view v;
        v.name = {"app", "v"};
        v.columns = view_columns;
        v.query = "SELECT 1";
        v.reads = {cat::id::table({"app", "t"})};
        for (const std::string& col : view_columns) v.reads.push_back(cat::id::column({"app", "t"}, col));
        c.add(v);
        c.add(cat::grant{v.id(), privileges, "reader"});
        return c;
    }
};

std::vector<std::string> codes_of(const base& from, const base& to, const migrate::declared_changes& changes = {}) {
    migrate::diff_options everything;
    for (const migrate::hazard_kind& k : migrate::hazard_catalogue()) everything.allowed.emplace(k.code);
    std::vector<std::string> codes;
    for (const migrate::hazard& h : migrate::diff(from.build(), to.build(), changes, everything).hazards)
        codes.push_back(h.code);
    return codes;
}

bool carries(const std::vector<std::string>& codes, const std::string& code) {
    return std::find(codes.begin(), codes.end(), code) != codes.end();
}

// A change carrying `code`, and its twin that does not.
void check_code(const std::string& code, const base& from, const base& to, const base& twin_to,
                const migrate::declared_changes& changes = {}) {
    INFO("hazard " << code);
    CHECK(carries(codes_of(from, to, changes), code));
    CHECK(!carries(codes_of(from, twin_to, changes), code));
    const migrate::hazard_kind* kind = migrate::find_hazard(code);
    REQUIRE(kind);
    if (!kind->destructive) return;
    // Refused, naming the code, until allowed.
    try {
        migrate::diff(from.build(), to.build(), changes);
        FAIL("a destructive hazard was not refused");
    } catch (const migrate::refusal& e) {
        CHECK(std::any_of(e.reasons().begin(), e.reasons().end(),
                          [&](const std::string& r) { return r.starts_with(code + " " + std::string(kind->name)); }));
    }
}
}  // namespace

TEST_CASE("PG101 drop-schema") {
    base without;
    without.with_other_schema = false;
    base twin;  // the same schemas
    twin.labels = {"a", "b", "c"};
    check_code("PG101", base{}, without, twin);
}

TEST_CASE("PG102 drop-table and PG105 drop-dimension") {
    base dropped;
    dropped.with_table = false;
    check_code("PG102", base{}, dropped, base{});
    base dimension;
    dimension.declared_by = "things";
    // A table that a dimension declared goes as the dimension; one of no dimension, as a table.
    check_code("PG105", dimension, dropped, base{});
    CHECK(!carries(codes_of(dimension, dropped), "PG102"));
}

TEST_CASE("PG103 drop-column") {
    base dropped;
    dropped.columns.pop_back();
    base generated = base{};
    generated.columns.push_back(column("twice", "integer"));
    generated.columns.back().generated = cat::expression::marked("<qty> * 2");
    check_code("PG103", base{}, dropped, base{});
    // A generated column holds nothing of its own.
    CHECK(!carries(codes_of(generated, base{}), "PG103"));
}

TEST_CASE("PG104 drop-enum-label") {
    base fewer;
    fewer.labels = {"a"};
    base more;
    more.labels = {"a", "b", "c"};
    check_code("PG104", base{}, fewer, more);
}

TEST_CASE("PG106 drop-looks-like-rename") {
    base renamed;
    renamed.columns[2].name = "quantity";
    renamed.columns[2].nullable = true;  // a new NOT NULL column would need a value for existing rows
    base retyped_add = base{};
    retyped_add.columns[2] = column("quantity", "text", true);
    check_code("PG106", base{}, renamed, retyped_add);
    // Declared, it is a rename: nothing dropped.
    migrate::declared_changes rename;
    rename.renames.push_back({cat::id::column({"app", "t"}, "qty"), cat::id::column({"app", "t"}, "quantity")});
    CHECK(codes_of(base{}, renamed, rename).empty());
}

TEST_CASE("PG201 narrowing-type and PG202 rewriting-type") {
    auto with_type = [](std::string code_type, std::string qty_type) {
        base b;
        b.columns[1].type = std::move(code_type);
        b.columns[2].type = std::move(qty_type);
        return b;
    };
    check_code("PG201", base{}, with_type("varchar(8)", "integer"), with_type("varchar(64)", "integer"));
    check_code("PG201", base{}, with_type("varchar(16)", "smallint"), with_type("varchar(16)", "bigint"));
    check_code("PG202", base{}, with_type("varchar(16)", "bigint"), with_type("text", "integer"));
    CHECK(codes_of(with_type("varchar(16)", "numeric(10,2)"), with_type("varchar(16)", "numeric(12,2)")).empty());
    CHECK(codes_of(with_type("varchar(16)", "numeric(10,2)"), with_type("varchar(16)", "numeric(12,3)")) ==
          std::vector<std::string>{"PG202"});
}

TEST_CASE("PG203 add-column-rewrites: a volatile default, an identity or a generated column on a table with rows") {
    auto with_column = [](cat::column c) {
        base b;
        b.columns.push_back(std::move(c));
        return b;
    };
    cat::column uuid = column("ref", "uuid");
    uuid.default_value = cat::expression::plain("gen_random_uuid()");
    cat::column stamped = column("at", "timestamptz");
    stamped.default_value = cat::expression::plain("now()");
    cat::column numbered = column("n", "bigint");
    numbered.identity = true;
    cat::column total = column("total", "bigint");
    total.generated = cat::expression::marked("<qty> * 2");
    check_code("PG203", base{}, with_column(uuid), with_column(stamped));
    check_code("PG203", base{}, with_column(numbered), with_column(column("n", "bigint", true)));
    check_code("PG203", base{}, with_column(total), with_column(column("total", "bigint", true)));
    CHECK(migrate::may_be_volatile("public.uuid_generate_v4()"));
    CHECK(migrate::may_be_volatile("(random() * 10)::int"));
    CHECK(!migrate::may_be_volatile("now()"));
    CHECK(!migrate::may_be_volatile("'gen_random_uuid()'"));
    CHECK(!migrate::may_be_volatile("(1 + 2)"));
    // On a table the migration creates, there is nothing to rewrite.
    base empty;
    empty.with_table = false;
    CHECK(!carries(codes_of(empty, with_column(uuid)), "PG203"));
}

TEST_CASE("PG601 outside-transaction: an index built on a table that may have rows, not on a new one") {
    cat::index ix;
    ix.name = {"app", "t_code"};
    ix.table = {"app", "t"};
    ix.keys = {cat::expression::marked("<code>")};
    base empty;
    empty.with_table = false;
    cat::catalog with_index = base{}.build();
    with_index.add(ix);
    const migrate::migration m = migrate::diff(base{}.build(), with_index);
    REQUIRE(m.hazards.size() == 1);
    CHECK(m.hazards[0].code == "PG601");
    const migrate::migration fresh = migrate::diff(empty.build(), with_index);
    CHECK(std::none_of(fresh.hazards.begin(), fresh.hazards.end(), [](const migrate::hazard& h) { return h.code == "PG601"; }));
}

TEST_CASE("PG301 add-unique and PG303 add-check, on a table that may have rows") {
    cat::constraint unique;
    unique.kind = cat::constraint_kind::unique;
    unique.name = "t_code_key";
    unique.columns = {"code"};
    cat::constraint check;
    check.name = "t_qty_check";
    check.check = cat::expression::marked("<qty> > 0");
    check.columns = {"qty"};
    base with_unique;
    with_unique.constraints = {unique};
    base with_check;
    with_check.constraints = {check};
    base empty;
    empty.with_table = false;
    // On a new table there are no rows to violate them.
    check_code("PG301", base{}, with_unique, with_check);
    check_code("PG303", base{}, with_check, with_unique);
    CHECK(!carries(codes_of(empty, with_unique), "PG301"));
    CHECK(!carries(codes_of(empty, with_check), "PG303"));
}

TEST_CASE("PG302 set-not-null, unless a backfill fills the NULLs first") {
    base nullable;
    nullable.columns[2].nullable = true;
    migrate::declared_changes fill;
    fill.backfills.push_back({cat::id::column({"app", "t"}, "qty"), cat::expression::plain("0")});
    CHECK(carries(codes_of(nullable, base{}), "PG302"));
    CHECK(!carries(codes_of(nullable, base{}, fill), "PG302"));
    check_code("PG302", nullable, base{}, nullable);
}

TEST_CASE("PG401 recreate-with-dependents, not when the view only grows") {
    base reordered;
    reordered.view_columns = {"code", "id"};
    base grown;
    grown.view_columns = {"id", "code", "qty"};
    check_code("PG401", base{}, reordered, grown);
}

TEST_CASE("PG501 revoke") {
    base insert_only;
    insert_only.privileges = {cat::privilege::insert};
    base more;
    more.privileges = {cat::privilege::select, cat::privilege::insert};
    check_code("PG501", base{}, insert_only, more);
}

TEST_CASE("the README lists every hazard code, with its name") {
    std::ifstream in(PGCRAFT_README);
    REQUIRE(in);
    std::ostringstream text;
    text << in.rdbuf();
    for (const migrate::hazard_kind& k : migrate::hazard_catalogue()) {
        INFO(k.code);
        CHECK(text.str().find("| `" + std::string(k.code) + "` | `" + std::string(k.name) + "` |") !=
              std::string::npos);
    }
}
