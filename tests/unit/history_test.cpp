// The history kinds: golden DDL, and what their plans and catalogs hold.
#include <pgcraft/generator/build_catalog.hpp>
#include <pgcraft/model.hpp>
#include <pgcraft/sql/render.hpp>

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
    CHECK(c.find({cat::object_kind::table, {"shop", "products"}}) != nullptr);
    const auto* versions = c.find({cat::object_kind::table, {"shop", "products_versions"}});
    REQUIRE(versions != nullptr);
    const auto& table = std::get<cat::table>(*versions);
    CHECK(table.columns.front().name == "id");
    CHECK(table.columns.back().name == "valid_to");
    // Earlier versions keep what was computed then: no generated expression.
    CHECK(table.columns[5].name == "price_with_tax");
    CHECK(table.columns[5].generated.empty());
    const auto* view = c.find({cat::object_kind::view, {"shop", "products_current"}});
    REQUIRE(view != nullptr);
    CHECK(std::get<cat::view>(*view).columns ==
          std::vector<std::string>{"id", "name", "sku", "price", "notes", "price_with_tax", "created_at", "updated_at"});
    // Unique constraints hold among live entities: a partial unique index.
    const auto* sku = c.find({cat::object_kind::index, {"shop", "uq__products__sku"}});
    REQUIRE(sku != nullptr);
    CHECK(std::get<cat::index>(*sku).where == "deleted_at IS NULL");
    for (const char* table_name : {"products", "products_versions"})
        for (const char* trigger : {".pgcraft_protect", ".pgcraft_protect_truncate"})
            CHECK(c.find({cat::object_kind::trigger, {"shop", std::string(table_name) + trigger}}) != nullptr);
    for (const char* op : {"insert", "update", "delete"}) {
        const auto* f = c.find({cat::object_kind::function, {"shop", std::string("products_current_") + op}, ""});
        REQUIRE(f != nullptr);
        CHECK(std::get<cat::function>(*f).security_definer);
    }
}

TEST_CASE("an EAV dimension's value columns: one per distinct SQL type") {
    CHECK(pg::generator::eav_sql::value_column("varchar(20)") == "varchar_20_value");
    CHECK(pg::generator::eav_sql::value_column("numeric(10,2)") == "numeric_10_2_value");
    CHECK(pg::generator::eav_sql::value_column("double precision") == "double_precision_value");
    const cat::catalog c = pg::generator::build_catalog<history_test::eav_schema>();
    const auto& values = std::get<cat::table>(*c.find({cat::object_kind::table, {"shop", "settings_attributes"}}));
    std::vector<std::string> names;
    for (const cat::column& column : values.columns) names.push_back(column.name);
    CHECK(names == std::vector<std::string>{"value_id", "setting_id", "attribute", "varchar_20_value",
                                            "varchar_8_value", "integer_value", "boolean_value", "valid_from",
                                            "valid_to"});
}
