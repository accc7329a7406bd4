// Version 7: the state enum gains a label at its end (its own version: the
// migration engine refused it at first, which should not hide the rest).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include <pgcraft/model.hpp>

#include "../extension_parts.hpp"

namespace evo_eav::v7 {

namespace pg = pgcraft;

enum class product_state { active, retired, discontinued };

struct suppliers {
    using dimension = pg::eav<pg::in_schema<"evo_e">>;
    std::string name;
    std::optional<std::string> website;
};

struct warehouses {
    using dimension = pg::eav<pg::in_schema<"evo_e">>;
    pg::varchar<8> code;
    std::string city;
};

struct products {
    using dimension = pg::eav<pg::in_schema<"evo_e">,
                                 pg::check<"qty_bounded", "<qty> < 1000000">>;
    std::int64_t vendor_id;
    std::string title;
    pg::numeric<10, 2> price;
    std::int64_t qty;  // integer until version 2: a type change under views that read it
    product_state state;
    std::optional<pg::varchar<32>> sku;
    std::optional<std::int32_t> min_qty;  // EAV takes no pg::backfill: its attributes are not columns
};

// A simple dimension beside them, with foreign keys to the EAV entities.
struct orders {
    using dimension = pg::simple<pg::in_schema<"evo_e">,
                                 pg::foreign_key<"product_id">::references<products>>;
    std::int64_t product_id;
    std::int32_t amount;
    std::optional<std::int64_t> warehouse_id;
};

struct shop {
    static constexpr std::string_view name = "shop";
    static void add_objects(pgcraft::catalog::catalog& catalog) {
        namespace cat = pgcraft::catalog;
        evolution::add_view(catalog, "product_prices", pgcraft::catalog::id::view({"evo_e", "products_current"}), {"id", "price", "qty"});
        evolution::add_function(catalog, "evo_e", "product_count", "integer",
                                "SELECT count(*)::integer FROM evo_e.products_current WHERE qty > 0;",
                                cat::id::view({"evo_e", "products_current"}), "evo_e_reader");
        evolution::add_reader(catalog, "evo_e", "evo_e_reader");
    }
};

using schema = pg::schema<pg::extensions<shop>, suppliers, warehouses, products, orders>;

}  // namespace evo_eav::v7
