// enum class members: their reflection (names and values) and their columns
// of PostgreSQL enum types in the dimension plan.
#include <pgcraft/reflect/detail/enum_names.hpp>
#include <pgcraft/model.hpp>
#include <pgcraft/generator/build_catalog.hpp>
#include <pgcraft/plan/dimension_plan.hpp>
#include <pgcraft/sql/render.hpp>

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <doctest/doctest.h>

namespace pg = pgcraft;
using pg::plan::dimension_problem;

namespace enum_test {

// Declared out of value order, with gaps, an alias and both ends of the range.
enum class order_status : std::int16_t {
    shipped = 2,
    pending = 0,
    cancelled = -128,
    delivered = 255,
    sent = 2,  // an alias of shipped: one value, one label
    returned = 7,
};
enum class tiny : std::uint8_t { only = 200 };
enum class flag : bool { off, on };
enum class wide : std::int64_t { near = 1, far = 1000 };  // 1000 is beyond the probed range
enum class nothing_in_range { big = 1000 };
enum plain_colour { red, green };

struct outer {
    enum class nested { first = 1, second };
};
namespace {
enum class hidden { a, b };
}

struct orders {
    using dimension = pg::simple<pg::in_schema<"sales">>;
    std::string reference;
    order_status status;
    std::optional<order_status> previous_status;
};

struct typed_orders {
    using dimension = pg::simple<pg::column<"status", pg::column_type<"text">>>;
    order_status status;
};

struct colours {
    using dimension = pg::simple<>;
    plain_colour colour;
};
struct colours_typed {
    using dimension = pg::simple<pg::column<"colour", pg::column_type<"integer">>>;
    plain_colour colour;
};
struct empty_enum {
    using dimension = pg::simple<>;
    std::optional<nothing_in_range> size;
};

enum class long_label {
    this_enumerator_name_is_longer_than_the_sixty_three_bytes_postgres_allows,
};
enum class this_enum_type_name_is_longer_than_the_sixty_three_bytes_postgres_allows { a };
struct long_labels {
    using dimension = pg::simple<>;
    long_label kind;
};
struct long_enum_name {
    using dimension = pg::simple<>;
    this_enum_type_name_is_longer_than_the_sixty_three_bytes_postgres_allows kind;
};

// An application's own mapping wins over the enum type.
enum class stored_as_text { a, b };

}  // namespace enum_test

template <>
struct pgcraft::sql_type<enum_test::stored_as_text> {
    static constexpr std::string_view name = "text";
};

namespace enum_test {
struct own_mapping {
    using dimension = pg::simple<>;
    stored_as_text value;
};
}  // namespace enum_test

TEST_CASE("an enum's labels are its enumerators' names in value order") {
    using enum_test::order_status;
    constexpr auto& labels = pg::reflect::enum_labels<order_status>;
    constexpr auto& values = pg::reflect::enum_values<order_status>;
    REQUIRE(labels.size() == 5);
    CHECK(labels[0] == "cancelled");
    CHECK(labels[1] == "pending");
    CHECK(labels[2] == "shipped");  // the first declared of shipped and its alias sent
    CHECK(labels[3] == "returned");
    CHECK(labels[4] == "delivered");
    CHECK(values[0] == order_status::cancelled);
    CHECK(values[1] == order_status::pending);
    CHECK(values[2] == order_status::shipped);
    CHECK(values[3] == order_status::returned);
    CHECK(values[4] == order_status::delivered);
    CHECK(pg::reflect::enum_name<order_status> == "order_status");
}

TEST_CASE("the probed range, within the underlying type") {
    CHECK(pg::reflect::detail::enum_probe_range<enum_test::tiny>::first == 0);
    CHECK(pg::reflect::detail::enum_probe_range<enum_test::tiny>::last == 255);
    CHECK(pg::reflect::detail::enum_probe_range<enum_test::order_status>::first == -128);
    CHECK(pg::reflect::detail::enum_probe_range<enum_test::flag>::count == 2);
    REQUIRE(pg::reflect::enum_labels<enum_test::tiny>.size() == 1);
    CHECK(pg::reflect::enum_labels<enum_test::tiny>[0] == "only");
    REQUIRE(pg::reflect::enum_labels<enum_test::flag>.size() == 2);
    CHECK(pg::reflect::enum_labels<enum_test::flag>[1] == "on");
    // Beyond the range nothing is seen: a documented limit, not detectable.
    REQUIRE(pg::reflect::enum_labels<enum_test::wide>.size() == 1);
    CHECK(pg::reflect::enum_labels<enum_test::wide>[0] == "near");
    CHECK(pg::reflect::enum_labels<enum_test::nothing_in_range>.empty());
}

TEST_CASE("nested and anonymous-namespace enums go by their own name") {
    CHECK(pg::reflect::enum_name<enum_test::outer::nested> == "nested");
    REQUIRE(pg::reflect::enum_labels<enum_test::outer::nested>.size() == 2);
    CHECK(pg::reflect::enum_labels<enum_test::outer::nested>[0] == "first");
    CHECK(pg::reflect::enum_name<enum_test::hidden> == "hidden");
    REQUIRE(pg::reflect::enum_labels<enum_test::hidden>.size() == 2);
    CHECK(pg::reflect::enum_labels<enum_test::hidden>[1] == "b");
}

TEST_CASE("only scoped enums are reflected") {
    CHECK(pg::reflect::scoped_enum<enum_test::order_status>);
    CHECK_FALSE(pg::reflect::scoped_enum<enum_test::plain_colour>);
    CHECK_FALSE(pg::reflect::scoped_enum<int>);
    CHECK_FALSE(pg::has_sql_type<enum_test::order_status>);  // the plan maps it, not sql_type
}

TEST_CASE("an enum class member is a column of the enum's type") {
    constexpr auto& plan = pg::plan::table_plan_of<enum_test::orders>;
    static_assert(plan.columns[1].enum_label_count == 5);  // usable in constant expressions
    CHECK(plan.schema == "sales");  // where the enum type goes
    REQUIRE(plan.columns.size() == 3);
    CHECK(plan.columns[0].enum_type.empty());
    CHECK(plan.columns[0].enum_labels == nullptr);
    CHECK(plan.columns[0].labels().empty());

    const pg::plan::column_plan& status = plan.columns[1];
    CHECK(status.name == "status");
    CHECK(status.type == "order_status");
    CHECK(status.enum_type == "order_status");
    CHECK_FALSE(status.nullable);
    REQUIRE(status.enum_label_count == 5);
    CHECK(status.enum_labels[0] == "cancelled");
    CHECK(status.labels()[4] == "delivered");
    CHECK(status.min_value.empty());

    const pg::plan::column_plan& previous = plan.columns[2];
    CHECK(previous.nullable);
    CHECK(previous.type == "order_status");
    CHECK(previous.enum_type == "order_status");
    CHECK(previous.enum_labels == status.enum_labels);  // one label array per enum
}

TEST_CASE("an explicit column type or an own sql_type replaces the enum type") {
    constexpr auto& typed = pg::plan::table_plan_of<enum_test::typed_orders>;
    CHECK(typed.columns[0].type == "text");
    CHECK(typed.columns[0].enum_type.empty());
    CHECK(typed.columns[0].enum_label_count == 0);
    constexpr auto& own = pg::plan::table_plan_of<enum_test::own_mapping>;
    CHECK(own.columns[0].type == "text");
    CHECK(own.columns[0].enum_type.empty());
    CHECK(pg::plan::check_dimension<enum_test::colours_typed>().ok());
}

TEST_CASE("enum mistakes, as values") {
    using pg::plan::check_dimension;
    constexpr auto plain = check_dimension<enum_test::colours>();
    CHECK(plain.problem == dimension_problem::plain_enum);
    CHECK(plain.name == "colour");

    constexpr auto empty = check_dimension<enum_test::empty_enum>();
    CHECK(empty.problem == dimension_problem::enum_without_labels);
    CHECK(empty.name == "size");

    constexpr auto label = check_dimension<enum_test::long_labels>();
    CHECK(label.problem == dimension_problem::enum_name_too_long);
    CHECK(label.name == "this_enumerator_name_is_longer_than_the_sixty_three_bytes_postgres_allows");

    constexpr auto name = check_dimension<enum_test::long_enum_name>();
    CHECK(name.problem == dimension_problem::enum_name_too_long);
    CHECK(name.name == "this_enum_type_name_is_longer_than_the_sixty_three_bytes_postgres_allows");
}

namespace enum_test {
struct tickets {
    using dimension = pg::eav<pg::in_schema<"sales">>;
    order_status status;
    std::optional<std::string> note;
};
using orders_schema = pg::schema<orders, tickets>;
}  // namespace enum_test

TEST_CASE("an enum class member's type joins the catalog, once, before the tables that use it") {
    namespace cat = pg::catalog;
    const cat::catalog c = pg::generator::build_catalog<enum_test::orders_schema>();
    const auto* type = c.find_as<cat::enum_type>(cat::id::enum_type({"sales", "order_status"}));
    REQUIRE(type != nullptr);
    CHECK(type->labels ==
          std::vector<std::string>{"cancelled", "pending", "shipped", "returned", "delivered"});
    const auto* status = c.find_as<cat::column>(cat::id::column({"sales", "orders"}, "status"));
    REQUIRE(status != nullptr);
    CHECK(status->user_type == cat::qualified_name{"sales", "order_status"});
    const auto depends = status->dependencies();
    CHECK(std::find(depends.begin(), depends.end(), type->id()) != depends.end());
    const std::string ddl = pg::sql::render_ddl(c);
    const auto created = ddl.find("CREATE TYPE sales.order_status AS ENUM (\n    'cancelled',\n    'pending',\n");
    REQUIRE(created != std::string::npos);
    CHECK(created < ddl.find("CREATE TABLE sales.orders"));
    CHECK(ddl.find("    status          sales.order_status NOT NULL,\n") != std::string::npos);
    CHECK(ddl.find("    previous_status sales.order_status,\n") != std::string::npos);
    // EAV: the values of an enum attribute get a column of the enum's type, and the pivot casts to it.
    CHECK(ddl.find("    sales_order_status_value sales.order_status,\n") != std::string::npos);
    CHECK(ddl.find("[1]::sales.order_status AS status,") != std::string::npos);
}
