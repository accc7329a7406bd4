// Constraints and indexes declared on dimensions: their checks as values, and
// the SQL they become.
#include <pgcraft/generator/build_catalog.hpp>
#include <pgcraft/model.hpp>
#include <pgcraft/plan/constraint_plan.hpp>
#include <pgcraft/sql/render.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <doctest/doctest.h>

namespace pg = pgcraft;
namespace cat = pgcraft::catalog;
using pg::plan::constraint_problem;

namespace constraint_test {

struct suppliers {
    using dimension = pg::simple<pg::in_schema<"shop">, pg::unique<"code">>;
    pg::varchar<12> code;
    std::string name;
};

struct items {
    using dimension =
        pg::simple<pg::in_schema<"shop">,
                   pg::column<"total", pg::generated<"<price> * <quantity>">>,
                   pg::check<"<price> >= 0">,
                   pg::check<"quantity_positive", "<quantity> > 0">,
                   pg::unique<"supplier_id", "sku">,
                   pg::index<"lower(<name>)">,
                   pg::index<"<tags>">::using_method<"gin">,
                   pg::unique_index<"<sku>">::where<"<active>">::include<"name">,
                   pg::foreign_key<"supplier_id">::references<suppliers>::on_delete<pg::cascade>,
                   pg::foreign_key<"supplier_code">::references<suppliers, "code">::without_index,
                   pg::foreign_key<"currency">::references_table<"ref", "currencies", "code">>;
    std::int64_t supplier_id;
    pg::varchar<12> supplier_code;
    std::string sku;
    std::string name;
    pg::jsonb tags;
    bool active;
    pg::numeric<10, 2> price;
    std::int32_t quantity;
    pg::numeric<14, 2> total;
    std::string currency;
};

// A composite foreign key to a composite unique constraint, and an index
// with an operator class.
struct regions {
    using dimension = pg::simple<pg::in_schema<"shop">, pg::unique<"country", "code">>;
    pg::varchar<2> country;
    pg::varchar<8> code;
};
struct depots {
    using dimension = pg::simple<pg::in_schema<"shop">,
                                 pg::foreign_key<"country", "region">::references<regions, "country", "code">
                                     ::on_update<pg::cascade>,
                                 pg::index<"<name> text_pattern_ops">>;
    pg::varchar<2> country;
    pg::varchar<8> region;
    std::string name;
};

struct half_key {  // country alone is not unique in regions
    using dimension = pg::simple<pg::foreign_key<"country">::references<regions, "country">>;
    pg::varchar<2> country;
};

using schema = pg::schema<suppliers, items>;
using composite_schema = pg::schema<regions, depots>;

// Each mistake, for the checks as values.
struct unknown_in_check {
    using dimension = pg::simple<pg::check<"<prise> > 0">>;
    int price;
};
struct unknown_in_index {
    using dimension = pg::simple<pg::index<"lower(<nme>)">>;
    std::string name;
};
struct unknown_in_predicate {
    using dimension = pg::simple<pg::index<"<name>">::where<"<is_active>">>;
    std::string name;
};
struct unknown_in_include {
    using dimension = pg::simple<pg::index<"<name>">::include<"nope">>;
    std::string name;
};
struct unknown_in_unique {
    using dimension = pg::simple<pg::unique<"nme">>;
    std::string name;
};
struct unknown_in_generated {
    using dimension = pg::simple<pg::column<"twice", pg::generated<"<valu> * 2">>>;
    int value;
    int twice;
};
struct two_statements {
    using dimension = pg::simple<pg::check<"<value> > 0; drop table x">>;
    int value;
};
struct keyword_check_on_key {
    using dimension = pg::simple<pg::check<"<id> > 0">>;  // the key column is a column too
    int value;
};
struct fk_unknown_local {
    using dimension = pg::simple<pg::foreign_key<"supplier">::references<suppliers>>;
    std::int64_t supplier_id;
};
struct outsider {
    using dimension = pg::simple<>;
    int value;
};
struct fk_not_in_schema {
    using dimension = pg::simple<pg::foreign_key<"outsider_id">::references<outsider>>;
    std::int64_t outsider_id;
};
struct fk_unknown_target_column {
    using dimension = pg::simple<pg::foreign_key<"supplier">::references<suppliers, "kode">>;
    pg::varchar<12> supplier;
};
struct fk_target_not_unique {
    using dimension = pg::simple<pg::foreign_key<"supplier">::references<suppliers, "name">>;
    std::string supplier;
};
struct fk_type_mismatch {
    using dimension = pg::simple<pg::foreign_key<"supplier_id">::references<suppliers>>;
    std::int32_t supplier_id;
};
struct fk_count_mismatch {
    using dimension = pg::simple<pg::foreign_key<"a", "b">::references<suppliers>>;
    std::int64_t a;
    std::int64_t b;
};

template <class Dimension>
constexpr auto check_in_schema() {
    return pg::plan::check_constraints<pg::schema<suppliers, Dimension>, Dimension>();
}

}  // namespace constraint_test

TEST_CASE("constraint mistakes, as values") {
    using namespace constraint_test;
    CHECK(pg::plan::check_constraints<schema, items>().ok());
    CHECK(check_in_schema<keyword_check_on_key>().ok());

    constexpr auto check = check_in_schema<unknown_in_check>();
    CHECK(check.problem == constraint_problem::unknown_check_column);
    CHECK(check.label == "<prise> > 0");
    CHECK(check.column == "prise");

    constexpr auto index = check_in_schema<unknown_in_index>();
    CHECK(index.problem == constraint_problem::unknown_index_column);
    CHECK(index.column == "nme");
    CHECK(check_in_schema<unknown_in_predicate>().problem == constraint_problem::unknown_predicate_column);
    CHECK(check_in_schema<unknown_in_include>().column == "nope");
    CHECK(check_in_schema<unknown_in_unique>().problem == constraint_problem::unknown_unique_column);

    constexpr auto generated = check_in_schema<unknown_in_generated>();
    CHECK(generated.problem == constraint_problem::unknown_generated_column);
    CHECK(generated.label == "twice");
    CHECK(generated.column == "valu");

    CHECK(check_in_schema<two_statements>().problem == constraint_problem::not_one_expression);
    CHECK(check_in_schema<fk_unknown_local>().problem == constraint_problem::unknown_foreign_key_column);
    CHECK(pg::plan::check_constraints<pg::schema<suppliers, fk_not_in_schema>, fk_not_in_schema>().problem ==
          constraint_problem::target_not_in_schema);
    CHECK(check_in_schema<fk_unknown_target_column>().target_column == "kode");
    CHECK(check_in_schema<fk_target_not_unique>().problem == constraint_problem::target_not_unique);

    constexpr auto types = check_in_schema<fk_type_mismatch>();
    CHECK(types.problem == constraint_problem::column_types_differ);
    CHECK(types.column_type == "integer");
    CHECK(types.target_type == "bigint");
    CHECK(check_in_schema<fk_count_mismatch>().problem == constraint_problem::column_counts_differ);
}

TEST_CASE("a composite foreign key, and an operator class") {
    CHECK(pg::plan::check_constraints<constraint_test::composite_schema, constraint_test::depots>().ok());
    const std::string ddl = pg::sql::render_ddl(pg::generator::build_catalog<constraint_test::composite_schema>());
    CHECK(ddl.find("    CONSTRAINT uq__regions__country_code UNIQUE (country, code)\n") != std::string::npos);
    CHECK(ddl.find("    CONSTRAINT fk__depots__country_region__regions FOREIGN KEY (country, region) REFERENCES "
                   "shop.regions (country, code) ON UPDATE CASCADE\n") != std::string::npos);
    CHECK(ddl.find("CREATE INDEX ix__depots__name ON shop.depots (name text_pattern_ops);\n") != std::string::npos);
    CHECK(ddl.find("CREATE INDEX ix__depots__country_region ON shop.depots (country, region);\n") != std::string::npos);
}

TEST_CASE("a foreign key must reference exactly the columns of a unique constraint") {
    using namespace constraint_test;
    CHECK(pg::plan::check_constraints<pg::schema<regions, half_key>, half_key>().problem ==
          constraint_problem::target_not_unique);
}

TEST_CASE("the full column set: members, the key, plugins' columns") {
    using columns = decltype(pg::plan::columns_of<pg::plan::schema_traits<constraint_test::schema>::settings,
                                                  constraint_test::items>);
    constexpr auto& all =
        pg::plan::columns_of<pg::plan::schema_traits<constraint_test::schema>::settings, constraint_test::items>;
    CHECK(std::tuple_size_v<std::remove_cvref_t<columns>> == 11);
    CHECK(all[0].name == "id");
    CHECK(all[0].type == "bigint");
    CHECK(all[1].name == "supplier_id");
}

TEST_CASE("golden SQL of every construct") {
    const cat::catalog catalog = pg::generator::build_catalog<constraint_test::schema>();
    const std::string ddl = pg::sql::render_ddl(catalog);
    CHECK(ddl ==
          "CREATE SCHEMA shop;\n"
          "\n"
          "CREATE TABLE shop.suppliers (\n"
          "    id   bigint      NOT NULL GENERATED ALWAYS AS IDENTITY,\n"
          "    code varchar(12) NOT NULL,\n"
          "    name text        NOT NULL,\n"
          "    CONSTRAINT pk__suppliers__id PRIMARY KEY (id),\n"
          "    CONSTRAINT uq__suppliers__code UNIQUE (code)\n"
          ");\n"
          "\n"
          "CREATE TABLE shop.items (\n"
          "    id            bigint        NOT NULL GENERATED ALWAYS AS IDENTITY,\n"
          "    supplier_id   bigint        NOT NULL,\n"
          "    supplier_code varchar(12)   NOT NULL,\n"
          "    sku           text          NOT NULL,\n"
          "    name          text          NOT NULL,\n"
          "    tags          jsonb         NOT NULL,\n"
          "    active        boolean       NOT NULL,\n"
          "    price         numeric(10,2) NOT NULL,\n"
          "    quantity      integer       NOT NULL,\n"
          "    total         numeric(14,2) NOT NULL GENERATED ALWAYS AS (price * quantity) STORED,\n"
          "    currency      text          NOT NULL,\n"
          "    CONSTRAINT pk__items__id PRIMARY KEY (id),\n"
          "    CONSTRAINT ck__items__price CHECK (price >= 0),\n"
          "    CONSTRAINT quantity_positive CHECK (quantity > 0),\n"
          "    CONSTRAINT uq__items__supplier_id_sku UNIQUE (supplier_id, sku),\n"
          "    CONSTRAINT fk__items__supplier_id__suppliers FOREIGN KEY (supplier_id) REFERENCES shop.suppliers (id) "
          "ON DELETE CASCADE,\n"
          "    CONSTRAINT fk__items__supplier_code__suppliers FOREIGN KEY (supplier_code) REFERENCES shop.suppliers "
          "(code),\n"
          "    CONSTRAINT fk__items__currency__currencies FOREIGN KEY (currency) REFERENCES ref.currencies (code)\n"
          ");\n"
          "\n"
          "CREATE INDEX ix__items__name ON shop.items (lower(name));\n"
          "\n"
          "CREATE INDEX ix__items__tags ON shop.items USING gin (tags);\n"
          "\n"
          "CREATE UNIQUE INDEX uq__items__sku ON shop.items (sku) INCLUDE (name) WHERE active;\n"
          "\n"
          "CREATE INDEX ix__items__currency ON shop.items (currency);\n");
}

namespace constraint_test {
// Two dimensions that reference each other: a department's manager is an
// employee, an employee belongs to a department.
struct employees;
struct departments {
    using dimension = pg::simple<pg::foreign_key<"manager_id">::references<employees>::on_delete<pg::set_null>>;
    std::string name;
    std::optional<std::int64_t> manager_id;
};
struct employees {
    using dimension = pg::simple<pg::foreign_key<"department_id">::references<departments>>;
    std::string name;
    std::int64_t department_id;
};
using mutual_schema = pg::schema<departments, employees>;
}  // namespace constraint_test

TEST_CASE("dimensions that reference each other: both tables, then the key that closes the cycle") {
    const auto catalog = pg::generator::build_catalog<constraint_test::mutual_schema>();
    const std::string ddl = pg::sql::render_ddl(catalog);
    const auto departments = ddl.find("CREATE TABLE public.departments");
    const auto employees = ddl.find("CREATE TABLE public.employees");
    const auto closing = ddl.find("ALTER TABLE public.departments\n    ADD CONSTRAINT fk__departments__manager_id__employees "
                                  "FOREIGN KEY (manager_id) REFERENCES public.employees (id) ON DELETE SET NULL;\n");
    REQUIRE(departments != std::string::npos);
    REQUIRE(employees != std::string::npos);
    REQUIRE(closing != std::string::npos);
    CHECK(departments < employees);
    CHECK(employees < closing);
    // The employees' key to departments is inline: its target exists by then.
    CHECK(ddl.find("CONSTRAINT fk__employees__department_id__departments FOREIGN KEY (department_id) REFERENCES "
                   "public.departments (id)\n);") != std::string::npos);
    // The foreign key is one object of the catalog, addressable on its own.
    const auto* key = catalog.find_as<pg::catalog::constraint>(
        pg::catalog::id::constraint({"public", "departments"}, "fk__departments__manager_id__employees"));
    REQUIRE(key != nullptr);
    CHECK(key->references->on_delete == pg::catalog::referential_action::set_null);
}

namespace constraint_test {
// The unnamed check comes first, and would be named as the second one is.
struct priced {
    using dimension = pg::simple<pg::check<"<price> >= 0">, pg::check<"ck__priced__price", "<price> < 1000">>;
    std::int32_t price;
};
using priced_schema = pg::schema<priced>;
}  // namespace constraint_test

TEST_CASE("a derived name never takes a name the dimension gives explicitly") {
    const auto catalog = pg::generator::build_catalog<constraint_test::priced_schema>();
    std::vector<std::string> names;
    for (const auto* c : catalog.constraints_of({"public", "priced"})) names.push_back(c->name);
    CHECK(names == std::vector<std::string>{"pk__priced__id", "ck__priced__price_2", "ck__priced__price"});
}


namespace constraint_test {
// "ix__a__b__c" twice: table a's index on column b__c, table a__b's on column c.
struct a {
    using dimension = pg::simple<pg::index<"<b__c>">>;
    std::int32_t b__c;
};
struct a__b {
    using dimension = pg::simple<pg::index<"<c>">>;
    std::int32_t c;
};
struct keyed_like_a_check {
    using dimension = pg::simple<pg::check<"pk__keyed_like_a_check__id", "<n> > 0">>;
    std::int32_t n;
};
}  // namespace constraint_test

TEST_CASE("derived names never clash across tables of a schema, nor with an explicit name") {
    const auto catalog = pg::generator::build_catalog<pg::schema<constraint_test::a, constraint_test::a__b>>();
    CHECK(catalog.find(pg::catalog::id::index({"public", "ix__a__b__c"})) != nullptr);
    const auto* second = catalog.find_as<pg::catalog::index>(pg::catalog::id::index({"public", "ix__a__b__c_2"}));
    REQUIRE(second != nullptr);
    CHECK(second->table.name == "a__b");
    const auto keyed = pg::generator::build_catalog<pg::schema<constraint_test::keyed_like_a_check>>();
    const auto constraints = keyed.constraints_of({"public", "keyed_like_a_check"});
    REQUIRE(constraints.size() == 2);
    CHECK(constraints[0]->name == "pk__keyed_like_a_check__id_2");
    CHECK(constraints[1]->name == "pk__keyed_like_a_check__id");
}
