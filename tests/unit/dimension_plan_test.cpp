// The compile-time plan of a dimension, and its checks as values: a broken
// declaration is asserted on here without failing the build.
#include <pgcraft/model.hpp>
#include <pgcraft/plan/dimension_plan.hpp>
#include <pgcraft/plan/schema_plan.hpp>

#include <array>
#include <cstdint>
#include <optional>
#include <string>

#include <doctest/doctest.h>

#include "inventory.hpp"

namespace pg = pgcraft;
using pg::plan::dimension_problem;

namespace plan_test {

struct plain {
    using dimension = pg::simple<>;
    std::string label;
};

struct unknown_column {
    using dimension = pg::simple<pg::column<"prise", pg::comment<"x">>>;
    int price;
};
struct repeated_column {
    using dimension = pg::simple<pg::column<"price", pg::comment<"x">>, pg::column<"price", pg::sql_default<"1">>>;
    int price;
};
struct not_an_option {
    using dimension = pg::simple<int>;
    int price;
};
struct schema_twice {
    using dimension = pg::simple<pg::in_schema<"a">, pg::in_schema<"b">>;
    int price;
};
struct column_option_twice {
    using dimension = pg::simple<pg::column<"price", pg::comment<"x">, pg::comment<"y">>>;
    int price;
};
struct dimension_option_in_column {
    using dimension = pg::simple<pg::column<"price", pg::in_schema<"x">>>;
    int price;
};
struct two_statements {
    using dimension = pg::simple<pg::column<"price", pg::sql_default<"1; drop table x">>>;
    int price;
};
struct no_sql_type {
    using dimension = pg::simple<>;
    char initial;
};
struct explicit_type {
    using dimension = pg::simple<pg::column<"initial", pg::column_type<"char(1)">>>;
    char initial;
};
struct key_of_wrong_type {
    using dimension = pg::simple<>;
    int id;
};
struct key_with_default {
    using dimension = pg::simple<pg::column<"id", pg::sql_default<"1">>>;
    std::int64_t id;
};
struct key_with_comment {
    using dimension = pg::simple<pg::column<"id", pg::comment<"The key">>>;
    std::int64_t id;
    std::string label;
};
struct long_table_name {
    using dimension = pg::simple<pg::table_name<"a_table_name_that_is_far_too_long_for_postgresql_to_keep_it_whole">>;
    int price;
};
struct renamed {
    using dimension = pg::simple<pg::in_schema<"app">, pg::table_name<"plain">>;
    int price;
};
struct also_plain {
    using dimension = pg::simple<pg::table_name<"plain">>;
    int price;
};

}  // namespace plan_test

TEST_CASE("a plain dimension plans one column per member") {
    constexpr auto& plan = pg::plan::table_plan_of<plan_test::plain>;
    CHECK(plan.schema == "public");
    CHECK(plan.table == "plain");
    REQUIRE(plan.columns.size() == 1);
    CHECK(plan.columns[0].name == "label");
    CHECK(plan.columns[0].type == "text");
    CHECK_FALSE(plan.columns[0].nullable);
}

TEST_CASE("the inventory example's plans") {
    constexpr auto& products = pg::plan::table_plan_of<inventory::products>;
    CHECK(products.schema == "inventory");
    REQUIRE(products.columns.size() == 8);
    CHECK(products.columns[0].name == "id");  // the key plugin's column; the table plugin merges them
    CHECK(products.columns[1].name == "vendor_id");
    CHECK(products.columns[4].name == "price");
    CHECK(products.columns[4].comment == "Unit price in EUR");
    CHECK(products.columns[5].nullable);
    CHECK(products.columns[6].min_value == "0");
    CHECK(products.columns[7].default_sql == "now()");
    CHECK(pg::plan::table_plan_of<inventory::warehouses>.table == "warehouse");
    CHECK(pg::plan::table_plan_of<inventory::vendors>.comment == "Companies we buy from");
}

TEST_CASE("an explicit column type replaces the inferred one") {
    constexpr auto& plan = pg::plan::table_plan_of<plan_test::explicit_type>;
    CHECK(plan.columns[0].type == "char(1)");
    CHECK(pg::plan::check_dimension<plan_test::explicit_type>().ok());
}

TEST_CASE("a comment on the key column") {
    constexpr auto& plan = pg::plan::table_plan_of<plan_test::key_with_comment>;
    CHECK(plan.columns[0].name == "id");
    CHECK(plan.columns[0].comment == "The key");
    CHECK(pg::plan::dimension_plugins<pg::schema<plan_test::key_with_comment>, plan_test::key_with_comment>::columns.ok());
}

TEST_CASE("declaration mistakes, as values") {
    using pg::plan::check_dimension;
    CHECK(check_dimension<plan_test::plain>().ok());

    constexpr auto unknown = check_dimension<plan_test::unknown_column>();
    CHECK(unknown.problem == dimension_problem::unknown_column);
    CHECK(unknown.name == "prise");

    CHECK(check_dimension<plan_test::repeated_column>().problem == dimension_problem::column_options_given_twice);
    CHECK(check_dimension<plan_test::not_an_option>().problem == dimension_problem::not_an_option);
    CHECK(check_dimension<plan_test::schema_twice>().problem == dimension_problem::option_given_twice);
    CHECK(check_dimension<plan_test::column_option_twice>().problem == dimension_problem::not_a_column_option);
    CHECK(check_dimension<plan_test::dimension_option_in_column>().problem == dimension_problem::not_a_column_option);
    CHECK(check_dimension<plan_test::two_statements>().problem == dimension_problem::default_not_one_expression);

    constexpr auto unmapped = check_dimension<plan_test::no_sql_type>();
    CHECK(unmapped.problem == dimension_problem::no_sql_type);
    CHECK(unmapped.name == "initial");

    CHECK(check_dimension<plan_test::long_table_name>().problem == dimension_problem::bad_name);
}

TEST_CASE("tables shared between dimensions, as values") {
    using pg::plan::find_shared_table;
    using pg::plan::table_identity;
    CHECK_FALSE(find_shared_table(std::array<table_identity, 2>{{{"public", "a"}, {"public", "b"}}}).found());
    CHECK_FALSE(find_shared_table(std::array<table_identity, 2>{{{"x", "a"}, {"y", "a"}}}).found());
    constexpr auto shared =
        find_shared_table(std::array<table_identity, 3>{{{"public", "a"}, {"public", "b"}, {"public", "a"}}});
    CHECK(shared.found());
    CHECK(shared.first == 0);
    CHECK(shared.second == 2);
    using pgcraft::detail::type_list;
    CHECK_FALSE(pg::plan::detail::dimension_tables<type_list<plan_test::plain, plan_test::renamed>>::shared.found());
    CHECK(pg::plan::detail::dimension_tables<type_list<plan_test::plain, plan_test::also_plain>>::shared.found());
}

TEST_CASE("the key column against the struct's members, as values") {
    using pg::plan::column_problem;
    using pg::plan::dimension_plugins;
    CHECK(dimension_plugins<pg::schema<plan_test::key_of_wrong_type>, plan_test::key_of_wrong_type>::columns.problem ==
          column_problem::key_member_type);
    CHECK(dimension_plugins<pg::schema<plan_test::key_with_default>, plan_test::key_with_default>::columns.problem ==
          column_problem::key_column_option);
}

TEST_CASE("the dimension struct stays an aggregate row type") {
    inventory::products row{};
    row.name = "Widget";
    row.sku = std::string("W-1");
    row.price = {"9.99"};
    CHECK(row.sku == "W-1");
    inventory::vendors vendor{"ACME", std::nullopt, true};
    CHECK(vendor.name == "ACME");
}
