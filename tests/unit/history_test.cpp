// The history kinds: golden DDL, and what their plans and catalogs hold.
#include <pgcraft/generator/build_catalog.hpp>
#include <pgcraft/model.hpp>
#include <pgcraft/sql/render.hpp>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <string>

#include <doctest/doctest.h>

namespace pg = pgcraft;
namespace cat = pgcraft::catalog;

namespace history_test {

struct products {
    using dimension = pg::append_only<pg::in_schema<"shop">,
                                      pg::check<"<price> >= 0">,
                                      pg::unique<"sku">,
                                      pg::index<"lower(<name>)">,
                                      pg::column<"price_with_tax", pg::generated<"<price> * 1.2">>>;
    std::string name;
    pg::varchar<32> sku;
    pg::numeric<10, 2> price;
    std::optional<std::string> notes;
    pg::numeric<12, 2> price_with_tax;
};

struct settings {
    using dimension = pg::eav<pg::in_schema<"shop">, pg::uuid_v4_key<"setting_id">,
                              pg::check<"<max_items> > 0">>;
    pg::varchar<20> label;
    pg::varchar<8> code;
    std::int32_t max_items;
    std::optional<bool> enabled;
};

using append_only_schema = pg::schema<products>;
using eav_schema = pg::schema<settings>;

std::string golden(const std::string& name) {
    std::ifstream in(std::string(PGCRAFT_GOLDEN_DIR) + "/" + name);
    REQUIRE(in);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

}  // namespace history_test

TEST_CASE("golden DDL of an append-only dimension") {
    CHECK(pg::sql::render_ddl(pg::generator::build_catalog<history_test::append_only_schema>()) ==
          history_test::golden("append_only.sql"));
}

TEST_CASE("golden DDL of an EAV dimension") {
    CHECK(pg::sql::render_ddl(pg::generator::build_catalog<history_test::eav_schema>()) ==
          history_test::golden("eav.sql"));
}

TEST_CASE("an append-only dimension's objects") {
    const cat::catalog c = pg::generator::build_catalog<history_test::append_only_schema>();
    CHECK(c.find(cat::id::table({"shop", "products"})) != nullptr);
    REQUIRE(c.find(cat::id::table({"shop", "products_versions"})) != nullptr);
    const auto columns = c.columns_of({"shop", "products_versions"});
    REQUIRE(columns.size() > 5);
    CHECK(columns.front()->name == "id");
    CHECK(columns.back()->name == "valid_to");
    // Earlier versions keep what was computed then: no generated expression.
    CHECK(columns[5]->name == "price_with_tax");
    CHECK(columns[5]->generated.empty());
    const auto* view = c.find_as<cat::view>(cat::id::view({"shop", "products_current"}));
    REQUIRE(view != nullptr);
    CHECK(view->columns ==
          std::vector<std::string>{"id", "name", "sku", "price", "notes", "price_with_tax", "created_at", "updated_at"});
    // The view records the columns it reads, so a diff knows what depends on a column.
    CHECK(std::find(view->reads.begin(), view->reads.end(), cat::id::column({"shop", "products"}, "deleted_at")) !=
          view->reads.end());
    // Unique constraints hold among live entities: a partial unique index.
    const auto* sku = c.find_as<cat::index>(cat::id::index({"shop", "uq__products__sku"}));
    REQUIRE(sku != nullptr);
    CHECK(pg::sql::render(sku->where) == "deleted_at IS NULL");
    CHECK(sku->where.columns() == std::vector<std::string>{"deleted_at"});
    for (const char* table_name : {"products", "products_versions"})
        for (const char* trigger : {"pgcraft_protect", "pgcraft_protect_truncate"}) {
            const auto* t = c.find_as<cat::trigger>(cat::id::trigger({"shop", table_name}, trigger));
            REQUIRE(t != nullptr);
            CHECK(t->timing == cat::trigger_timing::before);
        }
    for (const char* op : {"insert", "update", "delete"}) {
        const auto* f = c.find_as<cat::function>(cat::id::function({"shop", std::string("products_current_") + op}));
        REQUIRE(f != nullptr);
        CHECK(f->security_definer);
        CHECK(f->language == cat::language::plpgsql);
    }
    const auto* as_of = c.find_as<cat::function>(cat::id::function({"shop", "products_as_of"}, {"timestamptz"}));
    REQUIRE(as_of != nullptr);
    CHECK(as_of->volatility == cat::volatility::stable);
}

TEST_CASE("an EAV dimension's value columns: one per distinct SQL type") {
    const cat::catalog c = pg::generator::build_catalog<history_test::eav_schema>();
    std::vector<std::string> names;
    for (const cat::column* column : c.columns_of({"shop", "settings_attributes"})) names.push_back(column->name);
    CHECK(names == std::vector<std::string>{"value_id", "setting_id", "attribute", "varchar_20_value",
                                            "varchar_8_value", "integer_value", "boolean_value", "valid_from",
                                            "valid_to"});
}
