// Version 7: the state enum gains a label at its end (its own version: the
// migration engine refused it at first, which should not hide the rest).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include <pgcraft/api.hpp>
#include <pgcraft/model.hpp>

#include "../extension_parts.hpp"

namespace EVOLUTION_NAMESPACE::v7 {

namespace pg = pgcraft;

enum class product_state { active, retired, discontinued };

struct suppliers {
    using dimension = EVOLUTION_KIND<pg::in_schema<EVOLUTION_SCHEMA>>;
    std::string name;
    std::optional<std::string> website;
};

struct warehouses {
    using dimension = EVOLUTION_KIND<pg::in_schema<EVOLUTION_SCHEMA>, pg::unique<"code">>;
    pg::varchar<8> code;
    std::string city;
};

struct products {
    using dimension = EVOLUTION_KIND<pg::in_schema<EVOLUTION_SCHEMA>,
                                 pg::api<pg::api_schema<EVOLUTION_SCHEMA "_api">, pg::grant<"evo_api_reader", "select">,
                                         pg::grant<"evo_api_writer", "select, insert, update">, pg::api_exclude<"sku">>,
                                 pg::foreign_key<"vendor_id">::references<suppliers>,
                                 pg::check<"qty_bounded", "<qty> < 1000000">>;
    EVOLUTION_KEY_MEMBER
    std::int64_t vendor_id;
    std::string title;
    pg::numeric<10, 2> price;
    std::int64_t qty;  // integer until version 2: a type change under views that read it
    product_state state;
    std::optional<pg::varchar<32>> sku;
    std::optional<std::int64_t> warehouse_id;
    std::int32_t min_qty;
};

struct shop {
    static constexpr std::string_view name = "shop";
    static void add_objects(pgcraft::catalog::catalog& catalog) {
        namespace cat = pgcraft::catalog;
        evolution::add_view(catalog, "product_prices", EVOLUTION_PRODUCTS_ID, {"id", "price", "qty"});
        evolution::add_function(catalog, EVOLUTION_SCHEMA, "product_count", "integer",
                                "SELECT count(*)::integer FROM " EVOLUTION_SCHEMA "." EVOLUTION_PRODUCTS " WHERE qty > 0;",
                                EVOLUTION_PRODUCTS_ID, EVOLUTION_SCHEMA "_reader");
        evolution::add_reader(catalog, EVOLUTION_SCHEMA, EVOLUTION_SCHEMA "_reader");
    }
};

using schema = pg::schema<pg::extensions<shop>, suppliers, warehouses, products>;

}  // namespace EVOLUTION_NAMESPACE::v7
