// The generator's check: PostgreSQL's parser over the catalog's SQL.
#include <pgcraft/generator/build_catalog.hpp>
#include <pgcraft/generator/check.hpp>
#include <pgcraft/model.hpp>

#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "inventory.hpp"

namespace pg = pgcraft;

namespace check_test {
struct typo_products {
    using dimension = pg::simple<pg::check<"prise > 0">, pg::index<"nmae">, pg::index<"lower(name)">::where<"actve">>;
    std::string name;
    std::int32_t price;
    bool active;
};
struct history {
    using dimension = pg::append_only<pg::check<"<price> > 0">, pg::unique<"name">>;
    std::string name;
    std::int32_t price;
};
struct attributes {
    using dimension = pg::eav<pg::check<"<level> > 0">>;
    std::string label;
    std::int32_t level;
    std::optional<bool> on;
};
}  // namespace check_test

TEST_CASE("the examples' SQL parses and names only real columns, PL/pgSQL bodies included") {
    CHECK(pg::generator::check_sql(pg::generator::build_catalog<inventory::schema>()).empty());
    const auto problems =
        pg::generator::check_sql(pg::generator::build_catalog<pg::schema<check_test::history, check_test::attributes>>());
    CHECK_MESSAGE(problems.empty(), (problems.empty() ? "" : problems.front()));
}

TEST_CASE("a column named outside a marker that the table does not have is named, with its dimension and construct") {
    const auto problems = pg::generator::check_sql(pg::generator::build_catalog<pg::schema<check_test::typo_products>>());
    REQUIRE(problems.size() == 3);
    CHECK(problems[0].starts_with(
        "dimension typo_products (table public.typo_products): check ck__typo_products reads \"prise\", which is not a "
        "column of the table (active, id, name, price); write columns as markers, such as <price>, so that the "
        "compiler checks them"));
    CHECK(problems[1].starts_with("dimension typo_products (table public.typo_products): index ix__typo_products reads \"nmae\""));
    CHECK(problems[2].starts_with(
        "dimension typo_products (table public.typo_products): the predicate of index ix__typo_products_2 reads \"actve\""));
}

TEST_CASE("a statement or a PL/pgSQL body that does not parse is reported") {
    namespace cat = pg::catalog;
    cat::catalog c;
    cat::function broken;
    broken.name = {"public", "broken"};
    broken.returns = "trigger";
    broken.language = cat::language::plpgsql;
    broken.body = "BEGIN\n    IF NEW.x THEN\n        RETURN NEW;\nEND;";  // no END IF
    c.add(broken);
    cat::function sql_body;
    sql_body.name = {"public", "sql_body"};
    sql_body.returns = "integer";
    sql_body.body = "SELEC 1";
    c.add(sql_body);
    cat::view v{{"public", "v"}, "SELECT FROM WHERE", {}, {}};
    c.add(v);
    const auto problems = pg::generator::check_sql(c);
    REQUIRE(problems.size() == 3);
    CHECK(problems[0].starts_with("the PL/pgSQL body of function public.broken() does not parse: "));
    CHECK(problems[1].starts_with("the body of function public.sql_body() does not parse: syntax error at or near \"SELEC\""));
    CHECK(problems[2].starts_with("view public.v does not parse: syntax error"));
}

namespace check_test {
struct eav_typo {
    using dimension = pg::eav<pg::check<"levle > 0">>;
    std::int32_t level;
};
}  // namespace check_test

TEST_CASE("an EAV check without markers, enforced in PL/pgSQL, is named too") {
    const auto problems = pg::generator::check_sql(pg::generator::build_catalog<pg::schema<check_test::eav_typo>>());
    REQUIRE_FALSE(problems.empty());
    CHECK(problems[0].starts_with("dimension eav_typo (function public.eav_typo_current_insert()): a condition reads "
                                  "\"levle\", which is neither a column of view public.eav_typo_current nor a variable"));
}
