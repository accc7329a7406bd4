// Plugin ordering and resolution, as values and types; and what the built-in
// plugins put in the catalog.
#include <pgcraft/generator/build_catalog.hpp>
#include <pgcraft/model.hpp>
#include <pgcraft/plan/dimension_plugins.hpp>
#include <pgcraft/plan/plugin_order.hpp>
#include <pgcraft/plan/schema_plan.hpp>

#include <array>
#include <string_view>
#include <type_traits>

#include <doctest/doctest.h>

namespace pg = pgcraft;
using pg::plan::order_plugins;
using pg::plan::plugin_descriptor;
using pg::plan::plugin_problem;
using pgcraft::detail::type_list;

namespace plugin_test {

constexpr std::array<std::string_view, 0> none{};
constexpr std::array<std::string_view, 1> primary_key{"primary_key"};
constexpr std::array<std::string_view, 1> primary{"primary"};
constexpr std::array<std::string_view, 1> a{"a"};
constexpr std::array<std::string_view, 1> b{"b"};
constexpr std::array<std::string_view, 1> c{"c"};

template <pg::fixed_string Table = "primary">
struct note_plugin {
    static constexpr std::string_view name = "note";
    static constexpr pg::keys<Table> required_keys{};
    static constexpr pg::keys<"note"> produced_keys{};
    static void run(auto& context) { context.table(Table.view()).comment += " (noted)"; }
};

struct with_uuid_key {
    using dimension = pg::simple<pg::uuid_v4_key<"ticket_id">, pg::created_at<"opened_at">>;
    pg::uuid ticket_id;  // the key column, readable into the row
    std::string title;
};

struct with_plugin_list {
    using dimension = pg::simple<pg::comment<"Events">, pg::plugins<note_plugin<>, pg::identity_key<"event_id">>>;
    std::string what;
};

struct plain {
    using dimension = pg::simple<>;
    std::string label;
};

using schema = pg::schema<with_uuid_key, with_plugin_list, plain>;
using schema_with_created_at = pg::schema<pg::plugins<pg::created_at<>>, plain>;

}  // namespace plugin_test

TEST_CASE("plugins run after the producers of what they require, else in written order") {
    using namespace plugin_test;
    constexpr auto order = order_plugins(std::array<plugin_descriptor, 4>{{{"created_at", primary, none, none, {}, 0},
                                                                           {"x", none, none, none, {}, 0},
                                                                           {"table", primary_key, primary, none, {}, 0},
                                                                           {"key", none, primary_key, none, {}, 0}}},
                                         15);
    REQUIRE(order.ok());
    CHECK(order.order == std::array<std::size_t, 4>{1, 3, 2, 0});
}

TEST_CASE("an overrider runs after the producer it overrides, and before the key's readers") {
    using namespace plugin_test;
    constexpr auto order = order_plugins(std::array<plugin_descriptor, 3>{{{"reader", a, none, none, {}, 0},
                                                                           {"override", none, a, a, {}, 0},
                                                                           {"producer", none, a, none, {}, 0}}},
                                         15);
    REQUIRE(order.ok());
    CHECK(order.order == std::array<std::size_t, 3>{2, 1, 0});
}

TEST_CASE("each plugin problem, as a value") {
    using namespace plugin_test;
    constexpr auto singleton = order_plugins(
        std::array<plugin_descriptor, 2>{{{"k1", none, a, none, "key", 0}, {"k2", none, b, none, "key", 0}}}, 15);
    CHECK(singleton.problem == plugin_problem::singleton_clash);
    CHECK(singleton.key == "key");
    CHECK(singleton.second == 1);

    constexpr auto version =
        order_plugins(std::array<plugin_descriptor, 2>{{{"old", none, a, none, {}, 13}, {"new", none, b, none, {}, 18}}}, 15);
    CHECK(version.problem == plugin_problem::needs_newer_postgres);
    CHECK(version.first == 1);
    CHECK(order_plugins(std::array<plugin_descriptor, 1>{{{"new", none, b, none, {}, 18}}}, 18).ok());

    constexpr auto duplicate =
        order_plugins(std::array<plugin_descriptor, 2>{{{"p1", none, a, none, {}, 0}, {"p2", none, a, none, {}, 0}}}, 15);
    CHECK(duplicate.problem == plugin_problem::duplicate_producer);
    CHECK(duplicate.key == "a");

    constexpr auto missing =
        order_plugins(std::array<plugin_descriptor, 2>{{{"p1", none, a, none, {}, 0}, {"p2", c, b, none, {}, 0}}}, 15);
    CHECK(missing.problem == plugin_problem::missing_producer);
    CHECK(missing.first == 1);
    CHECK(missing.key == "c");

    constexpr auto cycle = order_plugins(std::array<plugin_descriptor, 4>{{{"free", none, c, none, {}, 0},
                                                                           {"p", a, b, none, {}, 0},
                                                                           {"q", b, a, none, {}, 0},
                                                                           {"waits", a, none, none, {}, 0}}},
                                         15);
    CHECK(cycle.problem == plugin_problem::cycle);
    CHECK(cycle.in_cycle == std::array<bool, 4>{false, true, true, false});
}

TEST_CASE("resolution: a default identity key first, then the dimension's plugins, then the kind's") {
    using plugins = pg::plan::dimension_plugins<plugin_test::schema, plugin_test::plain>;
    CHECK(std::is_same_v<plugins::written, type_list<pg::identity_key<"id">, pg::simple_table<"primary">,
                                                     pg::table_constraints<"primary">>>);
    CHECK(std::is_same_v<plugins::ordered, plugins::written>);
    CHECK(plugins::key_column == "id");
}

TEST_CASE("resolution: a key plugin of the dimension replaces the default one") {
    using plugins = pg::plan::dimension_plugins<plugin_test::schema, plugin_test::with_uuid_key>;
    CHECK(std::is_same_v<plugins::written, type_list<pg::uuid_v4_key<"ticket_id">, pg::created_at<"opened_at">,
                                                     pg::simple_table<"primary">, pg::table_constraints<"primary">>>);
    CHECK(std::is_same_v<plugins::ordered, type_list<pg::uuid_v4_key<"ticket_id">, pg::simple_table<"primary">,
                                                     pg::created_at<"opened_at">, pg::table_constraints<"primary">>>);
    CHECK(plugins::key_column == "ticket_id");
    CHECK(plugins::has_key_member);
    CHECK(plugins::columns.ok());
}

TEST_CASE("resolution: schema-wide plugins come first") {
    using plugins = pg::plan::dimension_plugins<plugin_test::schema_with_created_at, plugin_test::plain>;
    CHECK(std::is_same_v<plugins::written, type_list<pg::identity_key<"id">, pg::created_at<>, pg::simple_table<"primary">,
                                                     pg::table_constraints<"primary">>>);
    CHECK(std::is_same_v<plugins::ordered, type_list<pg::identity_key<"id">, pg::simple_table<"primary">, pg::created_at<>,
                                                     pg::table_constraints<"primary">>>);
}

namespace {
pg::catalog::column column_of(const pg::catalog::qualified_name& table, std::string name, int position, std::string type,
                              bool identity, std::string default_sql) {
    pg::catalog::column c;
    c.table = table;
    c.name = std::move(name);
    c.position = position;
    c.type = std::move(type);
    c.identity = identity;
    c.default_value = pg::catalog::expression::plain(std::move(default_sql));
    return c;
}
}  // namespace

TEST_CASE("the built-in plugins' objects") {
    namespace cat = pg::catalog;
    const cat::catalog catalog = pg::generator::build_catalog<plugin_test::schema>();
    const cat::qualified_name tickets{"public", "with_uuid_key"};
    const auto columns = catalog.columns_of(tickets);
    REQUIRE(columns.size() == 3);
    CHECK(*columns[0] == column_of(tickets, "ticket_id", 1, "uuid", false, "gen_random_uuid()"));
    CHECK(columns[1]->name == "title");
    CHECK(*columns[2] == column_of(tickets, "opened_at", 3, "timestamptz", false, "now()"));
    const auto constraints = catalog.constraints_of(tickets);
    REQUIRE(!constraints.empty());
    CHECK(constraints[0]->name == "pk__with_uuid_key__ticket_id");
    CHECK(constraints[0]->columns == std::vector<std::string>{"ticket_id"});

    const cat::qualified_name events{"public", "with_plugin_list"};
    CHECK(*catalog.columns_of(events)[0] == column_of(events, "event_id", 1, "bigint", true, {}));
    // A user's plugin ran after the table it requires.
    REQUIRE(catalog.comment_on(cat::id::table(events)) != nullptr);
    CHECK(catalog.comment_on(cat::id::table(events))->text == "Events (noted)");
}

TEST_CASE("the schema's target version") {
    CHECK(pg::plan::schema_traits<plugin_test::schema>::target_postgres_version == 15);
    CHECK(pg::plan::schema_traits<pg::schema<pg::postgres_version<18>, plugin_test::plain>>::target_postgres_version ==
          18);
}

namespace plugin_test {
struct events_v7 {
    using dimension = pg::simple<pg::uuid_v7_key<"event_id">>;
    pg::uuid event_id;
    std::string what;
};
using schema_18 = pg::schema<pg::postgres_version<18>, events_v7>;
}  // namespace plugin_test

TEST_CASE("a UUID v7 key, in a schema that targets PostgreSQL 18") {
    const pg::catalog::catalog catalog = pg::generator::build_catalog<plugin_test::schema_18>();
    const pg::catalog::qualified_name events{"public", "events_v7"};
    CHECK(*catalog.columns_of(events)[0] == column_of(events, "event_id", 1, "uuid", false, "uuidv7()"));
    CHECK(pg::plan::descriptor_of<pg::uuid_v7_key<>>().min_postgres_version == 18);
    CHECK(pg::plan::descriptor_of<pg::uuid_v4_key<>>().min_postgres_version == 0);
}
