// The ERD renderer: a second renderer of the catalog, as Mermaid and as Graphviz.
#include <pgcraft/generator/build_catalog.hpp>
#include <pgcraft/model.hpp>
#include <pgcraft/sql/erd.hpp>

#include <string>

#include <doctest/doctest.h>

#include "inventory.hpp"

namespace pg = pgcraft;

namespace erd_test {
struct items {
    using dimension = pg::append_only<pg::in_schema<"shop">>;
    std::string name;
};
struct notes {
    using dimension = pg::simple<pg::in_schema<"shop">, pg::foreign_key<"item_id">::references<items>>;
    std::optional<std::int64_t> item_id;
    std::string text;
};
using schema = pg::schema<items, notes>;
}  // namespace erd_test

TEST_CASE("erd as Mermaid: tables with columns and keys, foreign keys as relations") {
    const std::string text = pg::sql::render_erd_mermaid(pg::generator::build_catalog<inventory::schema>());
    CHECK(text.starts_with("erDiagram\n"));
    CHECK(text.find("    inventory_products {\n        bigint id PK \"bigint\"\n") != std::string::npos);
    CHECK(text.find("        numeric_10_2 price \"numeric(10,2)\"\n") != std::string::npos);
    CHECK(text.find("        varchar_32 sku UK \"varchar(32)\"\n") != std::string::npos);
    CHECK(text.find("        bigint vendor_id FK \"bigint\"\n") != std::string::npos);
    CHECK(text.find("    inventory_products }o--|| inventory_vendors : \"fk__products__vendor_id__vendors\"\n") !=
          std::string::npos);
}

TEST_CASE("erd: a history dimension's tables are grouped; a nullable key is optional") {
    const auto catalog = pg::generator::build_catalog<erd_test::schema>();
    const std::string mermaid = pg::sql::render_erd_mermaid(catalog);
    CHECK(mermaid.find("    %% shop.items_versions: history of shop.items\n    shop_items_versions {") != std::string::npos);
    CHECK(mermaid.find("    shop_notes }o--o| shop_items : \"fk__notes__item_id__items\"\n") != std::string::npos);
    const std::string dot = pg::sql::render_erd_dot(catalog);
    CHECK(dot.starts_with("digraph schema {\n"));
    const auto cluster = dot.find("    subgraph \"cluster_shop.items\" {\n");
    REQUIRE(cluster != std::string::npos);
    const auto cluster_end = dot.find("    }\n", cluster);
    const auto entity = dot.find("        \"shop.items\" [label=<", cluster);
    const auto versions = dot.find("        \"shop.items_versions\" [label=<", cluster);
    CHECK(entity < cluster_end);
    CHECK(versions < cluster_end);
    // A simple dimension's table stands alone, outside any cluster.
    CHECK(dot.find("\n    \"shop.notes\" [label=<") != std::string::npos);
    CHECK(dot.find("\"shop.notes\":\"item_id\" -> \"shop.items\":\"id\" [label=\"fk__notes__item_id__items\"];") !=
          std::string::npos);
    CHECK(dot.find("<td port=\"id\" align=\"left\">id</td><td align=\"left\">bigint</td><td>PK</td>") !=
          std::string::npos);
}
