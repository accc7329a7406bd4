// Version 2: products lose notes and gain an optional sku; the count
// function's body changes; the reader may now insert and update
// products_current.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include <pgcraft/model.hpp>

#include "../extension_parts.hpp"

namespace evo_eav::v2 {

namespace pg = pgcraft;

enum class product_state { active, retired };

struct vendors {
    using dimension = pg::eav<pg::in_schema<"evo_e">>;
    std::string name;
    std::optional<std::string> website;
};

struct products {
    using dimension = pg::eav<pg::in_schema<"evo_e">, pg::check<"<qty> >= 0">>;
    std::int64_t vendor_id;
    std::string name;
    std::string price;
    std::int32_t qty;
    product_state state;
    std::optional<pg::varchar<32>> sku;
};

// A simple dimension beside them, with foreign keys to the EAV entities.
struct orders {
    using dimension = pg::simple<pg::in_schema<"evo_e">,
                                 pg::foreign_key<"product_id">::references<products>>;
    std::int64_t product_id;
    std::int32_t amount;
};

struct shop {
    static constexpr std::string_view name = "shop";
    static void add_objects(pgcraft::catalog::catalog& catalog) {
        namespace cat = pgcraft::catalog;
        evolution::add_view(catalog, "product_prices", pgcraft::catalog::id::view({"evo_e", "products_current"}), {"id", "price", "qty"});
        evolution::add_function(catalog, "evo_e", "product_count", "bigint",
                                "SELECT count(*) FROM evo_e.products_current WHERE qty > 0;",
                                cat::id::view({"evo_e", "products_current"}), "evo_e_reader");
        evolution::add_reader(catalog, "evo_e", "evo_e_reader",
                              {{"products_current", {cat::privilege::insert, cat::privilege::update}}});
    }
};

using schema = pg::schema<pg::extensions<shop>, vendors, products, orders>;

}  // namespace evo_eav::v2
