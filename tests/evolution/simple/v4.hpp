// Version 4 (declared changes): vendors are renamed suppliers, products'
// name is renamed title; the unique sku constraint goes.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include <pgcraft/model.hpp>

#include "../extension_parts.hpp"

namespace evo_simple::v4 {

namespace pg = pgcraft;

enum class product_state { active, retired };

struct suppliers {
    using dimension = pg::simple<pg::in_schema<"evo_s">, pg::renamed_from<"vendors">>;
    std::string name;
    std::optional<std::string> website;
};

struct warehouses {
    using dimension = pg::simple<pg::in_schema<"evo_s">, pg::unique<"code">>;
    pg::varchar<8> code;
    std::string city;
};

struct products {
    using dimension = pg::simple<pg::in_schema<"evo_s">,
                                 pg::column<"title", pg::renamed_from<"name">>,
                                 pg::foreign_key<"vendor_id">::references<suppliers>,
                                 pg::foreign_key<"warehouse_id">::references<warehouses>,
                                 pg::check<"qty_bounded", "<qty> < 1000000">>;
    std::int64_t id;
    std::int64_t vendor_id;
    std::string title;
    std::string price;
    std::int64_t qty;  // integer until version 2: a type change under views that read it
    product_state state;
    std::optional<pg::varchar<32>> sku;
    std::optional<std::int64_t> warehouse_id;
};

struct shop {
    static constexpr std::string_view name = "shop";
    static void add_objects(pgcraft::catalog::catalog& catalog) {
        namespace cat = pgcraft::catalog;
        evolution::add_view(catalog, "product_prices", pgcraft::catalog::id::table({"evo_s", "products"}), {"id", "price", "qty"});
        evolution::add_function(catalog, "evo_s", "product_count", "bigint",
                                "SELECT count(*) FROM evo_s.products WHERE qty > 0;",
                                cat::id::table({"evo_s", "products"}), "evo_s_reader");
        evolution::add_reader(catalog, "evo_s", "evo_s_reader");
    }
};

using schema = pg::schema<pg::extensions<shop>, suppliers, warehouses, products>;

}  // namespace evo_simple::v4
