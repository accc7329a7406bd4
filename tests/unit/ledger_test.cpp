// The ledger kind: golden DDL, and the catalog objects a ledger builds.
#include <pgcraft/generator/build_catalog.hpp>
#include <pgcraft/model.hpp>
#include <pgcraft/sql/render.hpp>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include <doctest/doctest.h>

namespace pg = pgcraft;
namespace cat = pgcraft::catalog;

namespace ledger_test {

struct stock_moves {
    using dimension = pg::ledger<pg::in_schema<"shop">, pg::ledger_value<pg::numeric<12, 2>>,
                                 pg::comment<"Stock moved between warehouses">,
                                 pg::column<"sku", pg::comment<"The article">>,
                                 pg::check<"<warehouse> <> ''">,
                                 pg::index<"<sku>">>;
    pg::varchar<32> sku;
    std::string warehouse;
    std::optional<std::string> note;
};

struct points {
    using dimension = pg::ledger<pg::ledger_value<int>, pg::table_name<"loyalty_points">>;
    std::int64_t customer;
};

struct counts {
    using dimension = pg::ledger<>;
    std::uint16_t bin;
};

using schema = pg::schema<stock_moves, points, counts>;

// A key plugin on a ledger: its legs are ordered by id bigint identity, so the generator refuses it.
struct uuid_keyed {
    using dimension = pg::ledger<pg::uuid_v4_key<"id">>;
    std::string account;
};
using uuid_keyed_schema = pg::schema<uuid_keyed>;

std::string golden(const std::string& name) {
    std::ifstream in(std::string(PGCRAFT_GOLDEN_DIR) + "/" + name);
    REQUIRE(in);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

std::vector<std::string> names_of(const std::vector<const cat::column*>& columns) {
    std::vector<std::string> names;
    for (const cat::column* c : columns) names.push_back(c->name);
    return names;
}

const cat::column* column_named(const std::vector<const cat::column*>& columns, const std::string& name) {
    for (const cat::column* c : columns)
        if (c->name == name) return c;
    return nullptr;
}

}  // namespace ledger_test

using namespace ledger_test;

TEST_CASE("golden DDL of a ledger") {
    CHECK(pg::sql::render_ddl(pg::generator::build_catalog<schema>()) == golden("ledger.sql"));
}

TEST_CASE("a ledger's table: id, entry_id, the members, value, created_at, reverses") {
    const cat::catalog c = pg::generator::build_catalog<schema>();
    const auto columns = c.columns_of({"shop", "stock_moves"});
    CHECK(names_of(columns) ==
          std::vector<std::string>{"id", "entry_id", "sku", "warehouse", "note", "value", "created_at", "reverses"});
    REQUIRE(columns.size() == 8);
    CHECK(columns[0]->type == "bigint");
    CHECK(columns[0]->identity);
    CHECK(columns[1]->type == "uuid");
    CHECK_FALSE(columns[1]->nullable);
    CHECK(pg::sql::render(columns[1]->default_value) == "gen_random_uuid()");
    CHECK(columns[2]->type == "varchar(32)");
    CHECK(columns[4]->nullable);
    CHECK(columns[5]->type == "numeric(12,2)");
    CHECK_FALSE(columns[5]->nullable);
    CHECK(columns[6]->type == "timestamptz");
    CHECK(pg::sql::render(columns[6]->default_value) == "clock_timestamp()");
    CHECK(columns[7]->type == "bigint");
    CHECK(columns[7]->nullable);

    // The value column's type follows pg::ledger_value: integer, and bigint by default.
    REQUIRE(column_named(c.columns_of({"public", "loyalty_points"}), "value") != nullptr);
    CHECK(column_named(c.columns_of({"public", "loyalty_points"}), "value")->type == "integer");
    REQUIRE(column_named(c.columns_of({"public", "counts"}), "value") != nullptr);
    CHECK(column_named(c.columns_of({"public", "counts"}), "value")->type == "bigint");
}

TEST_CASE("a ledger's constraints: its key, one reversal per leg, reversed legs of its own, the declared ones") {
    const cat::catalog c = pg::generator::build_catalog<schema>();
    const auto* key = c.find_as<cat::constraint>(cat::id::constraint({"shop", "stock_moves"}, "pk__stock_moves__id"));
    REQUIRE(key != nullptr);
    CHECK(key->kind == cat::constraint_kind::primary_key);
    const auto* once = c.find_as<cat::constraint>(cat::id::constraint({"shop", "stock_moves"}, "uq__stock_moves__reverses"));
    REQUIRE(once != nullptr);
    CHECK(once->kind == cat::constraint_kind::unique);
    CHECK(once->columns == std::vector<std::string>{"reverses"});
    const auto* reversed =
        c.find_as<cat::constraint>(cat::id::constraint({"shop", "stock_moves"}, "fk__stock_moves__reverses__stock_moves"));
    REQUIRE(reversed != nullptr);
    REQUIRE(reversed->references.has_value());
    CHECK(reversed->references->table == cat::qualified_name{"shop", "stock_moves"});
    CHECK(reversed->references->columns == std::vector<std::string>{"id"});
    CHECK(c.find(cat::id::constraint({"shop", "stock_moves"}, "ck__stock_moves__warehouse")) != nullptr);
    // A narrow C++ member keeps its range check.
    CHECK(c.find(cat::id::constraint({"public", "counts"}, "ck__counts__bin")) != nullptr);
    const auto* by_entry = c.find_as<cat::index>(cat::id::index({"shop", "ix__stock_moves__entry_id"}));
    REQUIRE(by_entry != nullptr);
    CHECK(by_entry->table == cat::qualified_name{"shop", "stock_moves"});
    CHECK(c.find(cat::id::index({"shop", "ix__stock_moves__sku"})) != nullptr);
}

TEST_CASE("a ledger's view, its INSERT, the reversal and the refusals") {
    const cat::catalog c = pg::generator::build_catalog<schema>();
    const auto* view = c.find_as<cat::view>(cat::id::view({"shop", "stock_moves_entries"}));
    REQUIRE(view != nullptr);
    CHECK(view->columns ==
          std::vector<std::string>{"id", "entry_id", "sku", "warehouse", "note", "value", "created_at", "reverses"});
    REQUIRE(!view->defaults.empty());
    CHECK(view->defaults[0].column == "entry_id");
    CHECK(std::find(view->reads.begin(), view->reads.end(), cat::id::column({"shop", "stock_moves"}, "value")) !=
          view->reads.end());

    const auto* insert = c.find_as<cat::trigger>(cat::id::trigger({"shop", "stock_moves_entries"}, "stock_moves_entries_insert"));
    REQUIRE(insert != nullptr);
    CHECK(insert->timing == cat::trigger_timing::instead_of);
    CHECK(insert->events == std::vector<cat::trigger_event>{cat::trigger_event::insert});
    const auto* insert_function = c.find_as<cat::function>(insert->function);
    REQUIRE(insert_function != nullptr);
    CHECK(insert_function->security_definer);

    const auto* reverse = c.find_as<cat::function>(cat::id::function({"shop", "stock_moves_reverse"}, {"uuid"}));
    REQUIRE(reverse != nullptr);
    CHECK(reverse->arguments == std::vector<cat::argument>{{"entry", "uuid"}});
    CHECK(reverse->returns == "SETOF shop.stock_moves_entries");
    CHECK(reverse->security_definer);
    CHECK(std::find(reverse->reads.begin(), reverse->reads.end(), view->id()) != reverse->reads.end());

    // The view refuses UPDATE and DELETE; the table every write but the view's INSERT.
    const cat::object_id immutable = cat::id::function({"shop", "stock_moves_immutable"}, {});
    REQUIRE(c.find(immutable) != nullptr);
    const auto* view_refusal = c.find_as<cat::trigger>(cat::id::trigger({"shop", "stock_moves_entries"}, "pgcraft_protect_always"));
    REQUIRE(view_refusal != nullptr);
    CHECK(view_refusal->events == std::vector<cat::trigger_event>{cat::trigger_event::update, cat::trigger_event::delete_});
    CHECK(view_refusal->function == immutable);
    const auto* direct_insert = c.find_as<cat::trigger>(cat::id::trigger({"shop", "stock_moves"}, "pgcraft_protect"));
    REQUIRE(direct_insert != nullptr);
    CHECK(direct_insert->events == std::vector<cat::trigger_event>{cat::trigger_event::insert});
    CHECK(direct_insert->when == "pg_trigger_depth() = 0");
    const auto* changes = c.find_as<cat::trigger>(cat::id::trigger({"shop", "stock_moves"}, "pgcraft_protect_always"));
    REQUIRE(changes != nullptr);
    CHECK(changes->events == std::vector<cat::trigger_event>{cat::trigger_event::update, cat::trigger_event::delete_});
    CHECK(changes->when.empty());
    const auto* truncate = c.find_as<cat::trigger>(cat::id::trigger({"shop", "stock_moves"}, "pgcraft_protect_truncate"));
    REQUIRE(truncate != nullptr);
    CHECK(truncate->when.empty());  // refused whoever truncates
    CHECK(truncate->for_each_statement);
}

TEST_CASE("a ledger's plan: its own columns are reserved, its options checked") {
    using pgcraft::plan::check_dimension;
    CHECK(check_dimension<stock_moves>().ok());
    CHECK(check_dimension<points>().ok());
    CHECK(pg::plan::table_plan_of<stock_moves>.table == "stock_moves");
    CHECK(pg::plan::table_plan_of<points>.table == "loyalty_points");
    // The kind's own columns, reserved; pg::ledger_value is an option of ledgers only.
    CHECK(std::ranges::equal(pg::ledger<>::reserved_columns,
                             std::vector<std::string_view>{"id", "entry_id", "value", "created_at", "reverses"}));
    CHECK(std::is_same_v<pg::ledger<>::value_type, std::int64_t>);
    CHECK(std::is_same_v<pg::ledger<pg::in_schema<"x">, pg::ledger_value<int>>::value_type, int>);
    CHECK(pg::ledger_value<std::int64_t>::value == "bigint");
    CHECK(pg::ledger_value<pg::numeric<14, 2>>::value == "numeric(14,2)");
    CHECK(pg::ledger_value<double>::value.empty());
    CHECK(pg::ledger_value<pg::numeric<2, 4>>::value.empty());
}

TEST_CASE("a ledger with a key plugin is refused by the generator, naming the dimension and the key") {
    CHECK_THROWS_WITH_AS(pg::generator::build_catalog<uuid_keyed_schema>(),
                         "pgcraft: a plugin of dimension uuid_keyed gives the ledger the key id uuid; a ledger's key is "
                         "id bigint GENERATED ALWAYS AS IDENTITY, which orders its legs: remove the key plugin",
                         std::invalid_argument);
}
