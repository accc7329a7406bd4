// Version 7: the state enum gains a label at its end (its own version: the
// migration engine refused it at first, which should not hide the rest).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include <pgcraft/model.hpp>

#include "../extension_parts.hpp"

namespace evo_append::v7 {

namespace pg = pgcraft;

enum class product_state { active, retired, discontinued };

struct suppliers {
    using dimension = pg::append_only<pg::in_schema<"evo_a">>;
    std::string name;
    std::optional<std::string> website;
};

struct warehouses {
    using dimension = pg::append_only<pg::in_schema<"evo_a">, pg::unique<"code">>;
    pg::varchar<8> code;
    std::string city;
};

struct products {
    using dimension = pg::append_only<pg::in_schema<"evo_a">,
                                 pg::foreign_key<"vendor_id">::references<suppliers>,
                                 pg::check<"qty_bounded", "<qty> < 1000000">>;
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
        evolution::add_view(catalog, "product_prices", pgcraft::catalog::id::view({"evo_a", "products_current"}), {"id", "price", "qty"});
        evolution::add_function(catalog, "evo_a", "product_count", "integer",
                                "SELECT count(*)::integer FROM evo_a.products_current WHERE qty > 0;",
                                cat::id::view({"evo_a", "products_current"}), "evo_a_reader");
        evolution::add_reader(catalog, "evo_a", "evo_a_reader");
    }
};

using schema = pg::schema<pg::extensions<shop>, suppliers, warehouses, products>;

}  // namespace evo_append::v7
