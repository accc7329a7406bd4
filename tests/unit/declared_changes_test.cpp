// Declared changes for migrations: pg::renamed_from, pg::convert_using,
// pg::backfill and pg::allow_drop, as checks and as the changes
// build_declared_changes gives.
// Each renamed dimension is compared with a struct that declares its previous
// version: the renames must carry every object of the previous catalog onto
// the current one.
#include <pgcraft/generator/build_changes.hpp>
#include <pgcraft/generator/describe.hpp>
#include <pgcraft/migrate/diff.hpp>
#include <pgcraft/migrate/files.hpp>
#include <pgcraft/model.hpp>
#include <pgcraft/plan/constraint_plan.hpp>
#include <pgcraft/plan/dimension_plan.hpp>

#include <algorithm>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <vector>

#include <doctest/doctest.h>

namespace pg = pgcraft;
namespace cat = pgcraft::catalog;
using renaming = pg::migrate::rename;

namespace changes_test {

// --- A simple dimension, renamed ---

struct vendors {
    using dimension = pg::simple<pg::in_schema<"shop">, pg::renamed_from<"suppliers">, pg::comment<"Who sells to us">,
                                 pg::unique<"code">, pg::check<"<rating> >= 0">, pg::index<"lower(<name>)">>;
    pg::varchar<12> code;
    std::string name;
    std::int32_t rating;
};
struct vendors_before {
    using dimension = pg::simple<pg::in_schema<"shop">, pg::table_name<"suppliers">, pg::comment<"Who sells to us">,
                                 pg::unique<"code">, pg::check<"<rating> >= 0">, pg::index<"lower(<name>)">>;
    pg::varchar<12> code;
    std::string name;
    std::int32_t rating;
};

// --- Append-only: the dimension and a column renamed ---

struct products {
    using dimension =
        pg::append_only<pg::in_schema<"shop">, pg::renamed_from<"articles">,
                        pg::column<"title", pg::renamed_from<"name">, pg::comment<"What the customer sees">>,
                        pg::check<"<price> >= 0">, pg::unique<"sku">, pg::index<"lower(<title>)">>;
    std::string title;
    pg::varchar<32> sku;
    pg::numeric<10, 2> price;
};
struct products_before {
    using dimension = pg::append_only<pg::in_schema<"shop">, pg::table_name<"articles">,
                                      pg::column<"name", pg::comment<"What the customer sees">>,
                                      pg::check<"<price> >= 0">, pg::unique<"sku">, pg::index<"lower(<name>)">>;
    std::string name;
    pg::varchar<32> sku;
    pg::numeric<10, 2> price;
};

// A column renamed, the table not.
struct stock {
    using dimension = pg::append_only<pg::in_schema<"shop">, pg::column<"on_hand", pg::renamed_from<"quantity">>>;
    std::string sku;
    std::int32_t on_hand;
};
struct stock_before {
    using dimension = pg::append_only<pg::in_schema<"shop">, pg::table_name<"stock">>;
    std::string sku;
    std::int32_t quantity;
};

// A foreign key to itself, through a renamed column.
struct categories {
    using dimension = pg::simple<pg::in_schema<"shop">, pg::renamed_from<"groups">,
                                 pg::column<"parent", pg::renamed_from<"parent_id">>,
                                 pg::foreign_key<"parent">::references<categories>>;
    std::string name;
    std::optional<std::int64_t> parent;
};
struct categories_before {
    using dimension = pg::simple<pg::in_schema<"shop">, pg::table_name<"groups">,
                                 pg::foreign_key<"parent_id">::references<categories_before>>;
    std::string name;
    std::optional<std::int64_t> parent_id;
};

// --- Conversions and backfills ---

struct prices {
    using dimension = pg::append_only<pg::in_schema<"shop">,
                                      pg::column<"amount", pg::convert_using<"round(<amount> * 100)::bigint">>,
                                      pg::column<"currency", pg::backfill<"'EUR'">>>;
    std::string sku;
    std::int64_t amount;
    pg::varchar<3> currency;
};
struct rates {
    using dimension = pg::simple<pg::in_schema<"shop">, pg::column<"rate", pg::renamed_from<"ratio">,
                                                                   pg::convert_using<"<ratio>::numeric(8,4)">>>;
    pg::numeric<8, 4> rate;
};

// --- EAV: the dimension and an attribute renamed ---

struct settings {
    using dimension = pg::eav<pg::in_schema<"shop">, pg::renamed_from<"preferences">,
                              pg::column<"label", pg::renamed_from<"title">>, pg::check<"<max_items> > 0">>;
    pg::varchar<20> label;
    std::int32_t max_items;
    std::optional<bool> enabled;
};
struct settings_before {
    using dimension = pg::eav<pg::in_schema<"shop">, pg::table_name<"preferences">, pg::check<"<max_items> > 0">>;
    pg::varchar<20> title;
    std::int32_t max_items;
    std::optional<bool> enabled;
};

// --- Mistakes, as values ---

struct renamed_to_itself {
    using dimension = pg::simple<pg::renamed_from<"renamed_to_itself">>;
    std::string name;
};
struct column_renamed_to_itself {
    using dimension = pg::simple<pg::column<"name", pg::renamed_from<"name">>>;
    std::string name;
};
struct renamed_from_empty {
    using dimension = pg::simple<pg::column<"name", pg::renamed_from<"">>>;
    std::string name;
};
struct two_from_one {
    using dimension = pg::simple<pg::column<"first", pg::renamed_from<"old">>, pg::column<"second", pg::renamed_from<"old">>>;
    std::string first;
    std::string second;
};
struct two_statements {
    using dimension = pg::simple<pg::column<"n", pg::convert_using<"1; drop table x">>>;
    int n;
};
struct open_quote {
    using dimension = pg::simple<pg::column<"n", pg::backfill<"'a">>>;
    int n;
};
struct from_a_member {
    using dimension = pg::simple<pg::column<"label", pg::renamed_from<"name">>>;
    std::string label;
    std::string name;
};
struct from_the_key {
    using dimension = pg::simple<pg::column<"label", pg::renamed_from<"id">>>;
    std::string label;
};
struct from_a_kind_column {
    using dimension = pg::append_only<pg::column<"label", pg::renamed_from<"valid_from">>>;
    std::string label;
};
struct converts_by_new_name {
    using dimension = pg::simple<pg::column<"rate", pg::renamed_from<"ratio">, pg::convert_using<"<rate>::numeric">>>;
    pg::numeric<8, 4> rate;
};
struct backfills_from_nothing {
    using dimension = pg::simple<pg::column<"rate", pg::backfill<"<ratio>">>>;
    pg::numeric<8, 4> rate;
};
struct eav_converts {
    using dimension = pg::eav<pg::column<"rate", pg::convert_using<"<rate>::numeric">>>;
    pg::numeric<8, 4> rate;
};

// pg::allow_drop of what the dimension still has, or cannot drop.
struct drops_a_member {
    using dimension = pg::simple<pg::allow_drop<"notes">>;
    std::string notes;
};
struct drops_a_kind_column {
    using dimension = pg::append_only<pg::allow_drop<"valid_from">>;
    std::string label;
};
struct drops_the_key {
    using dimension = pg::simple<pg::allow_drop<"id">>;
    std::string label;
};
struct drops_an_attribute {
    using dimension = pg::eav<pg::allow_drop<"label">>;
    std::string label;
};
struct drops_twice {
    using dimension = pg::simple<pg::allow_drop<"fax">, pg::comment<"Couriers">, pg::allow_drop<"fax">>;
    std::string label;
};
struct drops_nameless {
    using dimension = pg::simple<pg::allow_drop<"">>;
    std::string label;
};
struct drops_a_renamed_column {
    using dimension = pg::simple<pg::column<"label", pg::renamed_from<"name">>, pg::allow_drop<"name">>;
    std::string label;
};

// Names its table after another dimension's previous one: what the compiler sees.
struct suppliers {
    using dimension = pg::simple<pg::in_schema<"shop">>;
    std::string name;
};

struct other_vendors {
    using dimension = pg::simple<pg::in_schema<"other">, pg::renamed_from<"suppliers">>;
    std::string name;
};

// The same, through an extension's table, which only the run can see.
struct suppliers_extension {
    static constexpr std::string_view name = "suppliers_table";
    static void add_objects(cat::catalog& catalog) {
        cat::table_definition t;
        t.name = {"shop", "suppliers"};
        t.add_column({.name = "id", .type = "bigint"});
        catalog.add(std::move(t));
    }
};

template <class Dimension>
using settings_of = typename pg::plan::schema_traits<pg::schema<Dimension>>::settings;

template <class Dimension>
cat::catalog catalog_of() {
    return pg::generator::build_catalog<pg::schema<Dimension>>();
}

std::set<cat::object_id> ids(const cat::catalog& c) {
    std::set<cat::object_id> result;
    for (const auto& [id, object] : c.objects()) result.insert(id);
    return result;
}

// The previous catalog's identities with the renames applied.
std::set<cat::object_id> renamed(const cat::catalog& previous, const std::vector<renaming>& renames) {
    std::map<cat::object_id, cat::object_id> to;
    for (const renaming& r : renames) to.emplace(r.from, r.to);
    std::set<cat::object_id> result;
    for (const cat::object_id& id : ids(previous)) result.insert(to.contains(id) ? to.at(id) : id);
    return result;
}

bool has(const std::vector<renaming>& renames, const cat::object_id& from, const cat::object_id& to) {
    return std::find(renames.begin(), renames.end(), renaming{from, to}) != renames.end();
}

// The renames carry the previous version's catalog exactly onto this one's,
// and each names an object of the one and of the other.
template <class Dimension, class Previous>
std::vector<renaming> check_renames() {
    const std::vector<renaming> renames = pg::generator::build_declared_changes<pg::schema<Dimension>>().renames;
    const cat::catalog previous = catalog_of<Previous>();
    const cat::catalog current = catalog_of<Dimension>();
    CHECK(renamed(previous, renames) == ids(current));
    for (const renaming& r : renames) {
        CHECK_MESSAGE(previous.find(r.from), cat::describe(r.from));
        CHECK_MESSAGE(current.find(r.to), cat::describe(r.to));
        CHECK_MESSAGE(!current.find(r.from), cat::describe(r.from));
    }
    return renames;
}

const cat::qualified_name shop(std::string name) { return {"shop", std::move(name)}; }

}  // namespace changes_test

using namespace changes_test;
using pg::plan::constraint_problem;
using pg::plan::dimension_problem;

TEST_CASE("renamed_from, convert_using and backfill reach the plan and the dimension info") {
    constexpr auto& plan = pg::plan::table_plan_of<products>;
    CHECK(plan.renamed_from == "articles");
    CHECK(plan.columns[0].renamed_from == "name");
    CHECK(plan.columns[1].renamed_from.empty());
    constexpr auto& rate = pg::plan::table_plan_of<rates>.columns[0];
    CHECK(rate.convert_using == "<ratio>::numeric(8,4)");
    CHECK(pg::plan::table_plan_of<prices>.columns[2].backfill == "'EUR'");

    const pg::generator::dimension_info info = pg::generator::detail::dimension_info_of<settings_of<prices>, prices>();
    CHECK(info.renamed_from.empty());
    CHECK(info.members[1].convert_using.columns_read == std::vector<std::string>{"amount"});
    CHECK(info.members[2].backfill.marked_text() == "'EUR'");
    const auto renamed_info = pg::generator::detail::dimension_info_of<settings_of<products>, products>();
    CHECK(renamed_info.renamed_from == "articles");
    CHECK(renamed_info.members[0].renamed_from == "name");
}

TEST_CASE("mistakes in renamed_from, convert_using and backfill, as values") {
    using pg::plan::check_dimension;
    CHECK(check_dimension<vendors>().ok());
    CHECK(check_dimension<renamed_to_itself>().problem == dimension_problem::bad_renamed_from);
    CHECK(check_dimension<column_renamed_to_itself>().problem == dimension_problem::bad_renamed_from);
    CHECK(check_dimension<renamed_from_empty>().problem == dimension_problem::bad_renamed_from);
    constexpr auto shared = check_dimension<two_from_one>();
    CHECK(shared.problem == dimension_problem::renamed_from_shared);
    CHECK(shared.name == "second");
    CHECK(check_dimension<two_statements>().problem == dimension_problem::convert_using_not_one_expression);
    CHECK(check_dimension<open_quote>().problem == dimension_problem::backfill_not_one_expression);

    auto problem = []<class D>(std::type_identity<D>) { return pg::plan::check_constraints<pg::schema<D>, D>(); };
    CHECK(problem(std::type_identity<rates>{}).ok());
    CHECK(problem(std::type_identity<prices>{}).ok());
    constexpr auto member = pg::plan::check_constraints<pg::schema<from_a_member>, from_a_member>();
    CHECK(member.problem == constraint_problem::renamed_from_current_column);
    CHECK(member.label == "label");
    CHECK(member.column == "name");
    CHECK(problem(std::type_identity<from_the_key>{}).problem == constraint_problem::renamed_from_current_column);
    CHECK(problem(std::type_identity<from_a_kind_column>{}).problem == constraint_problem::renamed_from_current_column);
    constexpr auto by_new_name = pg::plan::check_constraints<pg::schema<converts_by_new_name>, converts_by_new_name>();
    CHECK(by_new_name.problem == constraint_problem::unknown_convert_using_column);
    CHECK(by_new_name.column == "rate");
    CHECK(problem(std::type_identity<backfills_from_nothing>{}).problem == constraint_problem::unknown_backfill_column);
    CHECK(problem(std::type_identity<eav_converts>{}).problem == constraint_problem::not_supported_by_kind);

    using tables = pg::plan::detail::dimension_tables<pg::detail::type_list<suppliers, vendors>>;
    CHECK(tables::renamed_onto.found());
    CHECK(tables::renamed_onto.first == 1);
    CHECK(tables::renamed_onto.second == 0);
    // Another schema's table of that name is another table.
    CHECK(!pg::plan::detail::dimension_tables<pg::detail::type_list<suppliers, other_vendors>>::renamed_onto.found());
}

TEST_CASE("a renamed simple dimension renames its table and everything named after it") {
    const std::vector<renaming> renames = check_renames<vendors, vendors_before>();
    CHECK(has(renames, cat::id::table(shop("suppliers")), cat::id::table(shop("vendors"))));
    CHECK(has(renames, cat::id::column(shop("suppliers"), "code"), cat::id::column(shop("vendors"), "code")));
    CHECK(has(renames, cat::id::constraint(shop("suppliers"), "pk__suppliers__id"),
              cat::id::constraint(shop("vendors"), "pk__vendors__id")));
    CHECK(has(renames, cat::id::constraint(shop("suppliers"), "uq__suppliers__code"),
              cat::id::constraint(shop("vendors"), "uq__vendors__code")));
    CHECK(has(renames, cat::id::constraint(shop("suppliers"), "ck__suppliers__rating"),
              cat::id::constraint(shop("vendors"), "ck__vendors__rating")));
    CHECK(has(renames, cat::id::index(shop("ix__suppliers__name")), cat::id::index(shop("ix__vendors__name"))));
    CHECK(has(renames, cat::id::comment(cat::id::table(shop("suppliers"))), cat::id::comment(cat::id::table(shop("vendors")))));
    const auto changes = pg::generator::build_declared_changes<pg::schema<vendors>>();
    CHECK(changes.conversions.empty());
    CHECK(changes.backfills.empty());
    CHECK(changes.data_steps.empty());
}

TEST_CASE("a renamed append-only dimension renames its versions table, views, functions and triggers") {
    const std::vector<renaming> renames = check_renames<products, products_before>();
    CHECK(has(renames, cat::id::table(shop("articles")), cat::id::table(shop("products"))));
    CHECK(has(renames, cat::id::table(shop("articles_versions")), cat::id::table(shop("products_versions"))));
    CHECK(has(renames, cat::id::view(shop("articles_current")), cat::id::view(shop("products_current"))));
    CHECK(has(renames, cat::id::view(shop("articles_history")), cat::id::view(shop("products_history"))));
    CHECK(has(renames, cat::id::function(shop("articles_as_of"), {"timestamptz"}),
              cat::id::function(shop("products_as_of"), {"timestamptz"})));
    CHECK(has(renames, cat::id::function(shop("articles_current_insert")), cat::id::function(shop("products_current_insert"))));
    CHECK(has(renames, cat::id::trigger(shop("articles_current"), "articles_current_insert"),
              cat::id::trigger(shop("products_current"), "products_current_insert")));
    CHECK(has(renames, cat::id::trigger(shop("articles_versions"), "pgcraft_protect"),
              cat::id::trigger(shop("products_versions"), "pgcraft_protect")));
    // The renamed column, in both tables, with its comment.
    CHECK(has(renames, cat::id::column(shop("articles"), "name"), cat::id::column(shop("products"), "title")));
    CHECK(has(renames, cat::id::column(shop("articles_versions"), "name"),
              cat::id::column(shop("products_versions"), "title")));
    CHECK(has(renames, cat::id::comment(cat::id::column(shop("articles"), "name")),
              cat::id::comment(cat::id::column(shop("products"), "title"))));
    // The function shared by the schema's history dimensions is no one's to rename.
    for (const renaming& r : renames) CHECK(r.to.name != "pgcraft_forbid_direct_write");
}

TEST_CASE("a foreign key to its own renamed dimension and column is renamed with them") {
    const std::vector<renaming> renames = check_renames<categories, categories_before>();
    CHECK(has(renames, cat::id::constraint(shop("groups"), "fk__groups__parent_id__groups"),
              cat::id::constraint(shop("categories"), "fk__categories__parent__categories")));
    CHECK(has(renames, cat::id::index(shop("ix__groups__parent_id")), cat::id::index(shop("ix__categories__parent"))));
}

TEST_CASE("a renamed column of an append-only dimension is renamed in the entity and versions tables") {
    const std::vector<renaming> renames = check_renames<stock, stock_before>();
    CHECK(renames == std::vector<renaming>{
                         {cat::id::column(shop("stock"), "quantity"), cat::id::column(shop("stock"), "on_hand")},
                         {cat::id::column(shop("stock_versions"), "quantity"),
                          cat::id::column(shop("stock_versions"), "on_hand")}});
}

TEST_CASE("conversions and backfills: one for each table that has the column") {
    const auto changes = pg::generator::build_declared_changes<pg::schema<prices>>();
    CHECK(changes.renames.empty());
    const cat::expression amount = cat::expression::marked("round(<amount> * 100)::bigint");
    CHECK(changes.conversions == std::vector<pg::migrate::conversion>{
                                     {cat::id::column(shop("prices"), "amount"), amount},
                                     {cat::id::column(shop("prices_versions"), "amount"), amount}});
    const cat::expression eur = cat::expression::plain("'EUR'");
    CHECK(changes.backfills == std::vector<pg::migrate::backfill>{
                                   {cat::id::column(shop("prices"), "currency"), eur},
                                   {cat::id::column(shop("prices_versions"), "currency"), eur}});

    const auto rate = pg::generator::build_declared_changes<pg::schema<rates>>();
    CHECK(rate.conversions == std::vector<pg::migrate::conversion>{
                                  {cat::id::column(shop("rates"), "rate"), cat::expression::marked("<ratio>::numeric(8,4)")}});
    CHECK(rate.renames == std::vector<renaming>{{cat::id::column(shop("rates"), "ratio"), cat::id::column(shop("rates"), "rate")}});
}

TEST_CASE("a renamed EAV dimension renames its objects; a renamed attribute moves its rows") {
    const std::vector<renaming> renames = check_renames<settings, settings_before>();
    CHECK(has(renames, cat::id::table(shop("preferences")), cat::id::table(shop("settings"))));
    CHECK(has(renames, cat::id::table(shop("preferences_attributes")), cat::id::table(shop("settings_attributes"))));
    CHECK(has(renames, cat::id::view(shop("preferences_current")), cat::id::view(shop("settings_current"))));
    CHECK(has(renames, cat::id::column(shop("preferences_attributes"), "attribute"),
              cat::id::column(shop("settings_attributes"), "attribute")));
    // An attribute is not a column: nothing is named after it.
    for (const renaming& r : renames) CHECK(r.to.name != "label");

    const auto changes = pg::generator::build_declared_changes<pg::schema<settings>>();
    REQUIRE(changes.data_steps.size() == 1);
    CHECK(changes.data_steps[0].up ==
          "ALTER TABLE shop.settings_attributes DISABLE TRIGGER pgcraft_protect;\n"
          "UPDATE shop.settings_attributes SET attribute = 'label' WHERE attribute = 'title';\n"
          "ALTER TABLE shop.settings_attributes ENABLE TRIGGER pgcraft_protect;");
    CHECK(changes.data_steps[0].down ==
          "ALTER TABLE shop.settings_attributes DISABLE TRIGGER pgcraft_protect;\n"
          "UPDATE shop.settings_attributes SET attribute = 'title' WHERE attribute = 'label';\n"
          "ALTER TABLE shop.settings_attributes ENABLE TRIGGER pgcraft_protect;");
    CHECK(changes.data_steps[0].reason.find("label") != std::string::npos);
    CHECK(changes.data_steps[0].reason.find("title") != std::string::npos);
}

TEST_CASE("the generator's entry gives the declared changes; several dimensions add theirs in order") {
    using schema = pg::schema<vendors, stock, prices>;
    const pg::generator::generator_entry entry = pg::generator::describe<schema>("changes");
    REQUIRE(static_cast<bool>(entry.changes));
    const pg::migrate::declared_changes changes = entry.changes();
    CHECK(changes == pg::generator::build_declared_changes<schema>());
    REQUIRE(!changes.renames.empty());
    // Every object of vendors but its schema is renamed, and before stock's two columns.
    const std::size_t vendors_objects = catalog_of<vendors>().objects().size() - 1;
    REQUIRE(changes.renames.size() == vendors_objects + 2);
    for (std::size_t i = 0; i < vendors_objects; ++i)
        CHECK_MESSAGE(cat::describe(changes.renames[i].to).find("vendors") != std::string::npos,
                      cat::describe(changes.renames[i].to));
    CHECK(changes.renames[vendors_objects].to == cat::id::column(shop("stock"), "on_hand"));
    CHECK(changes.renames.back().to == cat::id::column(shop("stock_versions"), "on_hand"));
    CHECK(changes.conversions.size() == 2);
}

TEST_CASE("a previous name still taken by an extension's table is refused when the changes are built") {
    using schema = pg::schema<pg::extensions<suppliers_extension>, vendors>;
    CHECK_THROWS_WITH_AS(pg::generator::build_declared_changes<schema>(),
                         doctest::Contains("table shop.suppliers"), std::invalid_argument);
}

// --- Drops that are meant (pg::allow_drop): a version and the one after ---

namespace drop_v1 {
struct catalogue {
    using dimension = pg::simple<pg::in_schema<"shop">>;
    std::string title;
    std::optional<std::string> notes;
    std::optional<std::string> fax;
};
struct depots {
    using dimension = pg::simple<pg::in_schema<"shop">>;
    std::string city;
};
// Its integer attribute is the only one of its value column; the text one is not.
struct preferences {
    using dimension = pg::eav<pg::in_schema<"shop">>;
    std::string language;
    std::optional<std::string> theme;
    std::optional<std::int32_t> page_size;
};
using schema = pg::schema<catalogue, depots, preferences>;
}  // namespace drop_v1

namespace drop_v2 {
// notes and fax dropped on purpose, and remarks new: no rename of either.
struct catalogue {
    using dimension = pg::simple<pg::in_schema<"shop">, pg::allow_drop<"notes">, pg::allow_drop<"fax">>;
    std::string title;
    std::optional<std::string> remarks;
};
struct preferences {
    using dimension = pg::eav<pg::in_schema<"shop">, pg::allow_drop<"theme">, pg::allow_drop<"page_size">>;
    std::string language;
};
using schema = pg::schema<catalogue, pg::allow_drop<"depots">, preferences>;
}  // namespace drop_v2

// The same version without the allowances.
namespace drop_v2_undeclared {
struct catalogue {
    using dimension = pg::simple<pg::in_schema<"shop">>;
    std::string title;
    std::optional<std::string> remarks;
};
struct preferences {
    using dimension = pg::eav<pg::in_schema<"shop">>;
    std::string language;
};
using schema = pg::schema<catalogue, preferences>;
}  // namespace drop_v2_undeclared

TEST_CASE("allow_drop reaches the plan, the dimension info and the schema's traits; without it, plans are as before") {
    constexpr auto& plan = pg::plan::table_plan_of<drop_v2::catalogue>;
    CHECK(plan.dropped_columns == std::array<std::string_view, 2>{"notes", "fax"});
    static_assert(std::is_same_v<decltype(pg::plan::table_plan_of<vendors>), const pg::plan::table_plan<3>>);
    using preferences = drop_v2::preferences;
    const auto info = pg::generator::detail::dimension_info_of<settings_of<preferences>, preferences>();
    CHECK(info.dropped_columns == std::vector<std::string>{"theme", "page_size"});
    using traits = pg::plan::schema_traits<drop_v2::schema>;
    CHECK(traits::dropped_dimensions == std::array<std::string_view, 1>{"depots"});
    CHECK(traits::dimensions::size == 2);
    CHECK(pg::plan::schema_traits<drop_v1::schema>::dropped_dimensions.empty());
    CHECK(pg::plan::schema_is_valid<drop_v2::schema>);
}

TEST_CASE("mistakes in allow_drop, as values") {
    using pg::plan::check_dimension;
    CHECK(check_dimension<drop_v2::catalogue>().ok());
    constexpr auto member = check_dimension<drops_a_member>();
    CHECK(member.problem == dimension_problem::allow_drop_current_column);
    CHECK(member.name == "notes");
    CHECK(check_dimension<drops_a_kind_column>().problem == dimension_problem::allow_drop_current_column);
    CHECK(check_dimension<drops_an_attribute>().problem == dimension_problem::allow_drop_current_column);
    constexpr auto twice = check_dimension<drops_twice>();
    CHECK(twice.problem == dimension_problem::allow_drop_given_twice);
    CHECK(twice.option == 2);
    CHECK(check_dimension<drops_nameless>().problem == dimension_problem::bad_allow_drop);
    constexpr auto renamed = check_dimension<drops_a_renamed_column>();
    CHECK(renamed.problem == dimension_problem::allow_drop_renamed_column);
    CHECK(renamed.field == 0);
    CHECK(renamed.name == "name");

    // The key is a plugin's column: known with the schema.
    CHECK(check_dimension<drops_the_key>().ok());
    constexpr auto key = pg::plan::check_constraints<pg::schema<drops_the_key>, drops_the_key>();
    CHECK(key.problem == constraint_problem::allow_drop_current_column);
    CHECK(key.label == "id");
    CHECK(pg::plan::check_constraints<drop_v2::schema, drop_v2::catalogue>().ok());

    using pg::plan::check_dimension_drops;
    using problem = pg::plan::dimension_drop_check::problem;
    using dimensions = pg::detail::type_list<vendors, stock>;
    CHECK(check_dimension_drops<dimensions>(std::array<std::string_view, 2>{"depots", "suppliers"}).ok());
    constexpr auto present = check_dimension_drops<dimensions>(std::array<std::string_view, 2>{"depots", "stock"});
    CHECK(present.found == problem::still_in_schema);
    CHECK(present.drop == 1);
    CHECK(present.dimension == 1);
    CHECK(check_dimension_drops<dimensions>(std::array<std::string_view, 2>{"depots", "depots"}).found ==
          problem::given_twice);
    CHECK(check_dimension_drops<dimensions>(std::array<std::string_view, 1>{""}).found == problem::empty);
}

TEST_CASE("build_declared_changes gives each dimension's allowed drops, then the schema's") {
    const pg::migrate::declared_changes changes = pg::generator::build_declared_changes<drop_v2::schema>();
    CHECK(changes.drops == std::vector<pg::migrate::allowed_drop>{{"catalogue", "notes"},
                                                                  {"catalogue", "fax"},
                                                                  {"preferences", "theme"},
                                                                  {"preferences", "page_size"},
                                                                  {"depots", ""}});
    CHECK(changes.renames.empty());
    CHECK(pg::generator::build_declared_changes<drop_v1::schema>().drops.empty());
}

TEST_CASE("the drops a version declares need no --allow, and its file says they were allowed; the twin is refused") {
    const cat::catalog v1 = pg::generator::build_catalog<drop_v1::schema>();
    const cat::catalog v2 = pg::generator::build_catalog<drop_v2::schema>();
    const pg::migrate::declared_changes changes = pg::generator::build_declared_changes<drop_v2::schema>();
    const pg::migrate::migration m = pg::migrate::diff(v1, v2, changes);
    auto drops = [&](std::string_view what) {
        return std::any_of(m.statements.begin(), m.statements.end(),
                           [&](const std::string& s) { return s.find(what) != std::string::npos; });
    };
    CHECK(drops("ALTER TABLE shop.catalogue DROP COLUMN notes;"));
    CHECK(drops("ALTER TABLE shop.catalogue DROP COLUMN fax;"));
    CHECK(drops("DROP TABLE shop.depots;"));
    // The EAV integer attribute was the last its value column held: the column goes, allowed by it.
    CHECK(drops("ALTER TABLE shop.preferences_attributes DROP COLUMN integer_value;"));
    // notes and fax look like renames to remarks (PG106), but are declared drops.
    CHECK(m.allowed_by_declaration == std::set<std::string>{"PG103", "PG105", "PG106"});
    CHECK(m.warnings == std::vector<std::string>{});
    const std::string up = pg::migrate::migration_file_text(m, {}, "0002_drops", "up", "a", "b");
    CHECK(up.find("\n-- allowed: PG103 PG105 PG106\n") != std::string::npos);
    CHECK(up.find("-- hazard PG103 drop-column: drops column shop.catalogue.notes and its values") !=
          std::string::npos);

    // The twin, which declares nothing, is refused: every drop named.
    const cat::catalog undeclared = pg::generator::build_catalog<drop_v2_undeclared::schema>();
    try {
        pg::migrate::diff(v1, undeclared, pg::generator::build_declared_changes<drop_v2_undeclared::schema>());
        FAIL("the drops should be refused");
    } catch (const pg::migrate::refusal& r) {
        std::string reasons;
        for (const std::string& reason : r.reasons()) reasons += reason + "\n";
        CHECK(reasons.find("PG103 drop-column: drops column shop.catalogue.notes") != std::string::npos);
        CHECK(reasons.find("PG103 drop-column: drops column shop.preferences_attributes.integer_value") !=
              std::string::npos);
        CHECK(reasons.find("PG105 drop-dimension: drops dimension depots") != std::string::npos);
        CHECK(reasons.find("PG106") != std::string::npos);
    }

    // Once dropped, the allowances that stay in the declaration allow nothing, and say so.
    const pg::migrate::migration again = pg::migrate::diff(v2, v2, changes);
    CHECK(again.statements.empty());
    CHECK(again.warnings.size() == 5);
}
