// Version 2: products lose notes and gain an optional sku, unique, and an
// index on lower(name); the count function's body changes; the reader may
// now insert and update products.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include <pgcraft/model.hpp>

#include "../extension_parts.hpp"

namespace evo_simple::v2 {

namespace pg = pgcraft;

enum class product_state { active, retired };

struct vendors {
    using dimension = pg::simple<pg::in_schema<"evo_s">>;
    std::string name;
    std::optional<std::string> website;
};

struct products {
    using dimension = pg::simple<pg::in_schema<"evo_s">,
                                 pg::foreign_key<"vendor_id">::references<vendors>,
                                 pg::check<"<qty> >= 0">,
                                 pg::unique<"sku">,
                                 pg::index<"lower(<name>)">>;
    std::int64_t id;
    std::int64_t vendor_id;
    std::string name;
    std::string price;
    std::int32_t qty;
    product_state state;
    std::optional<pg::varchar<32>> sku;
};

struct shop {
    static constexpr std::string_view name = "shop";
    static void add_objects(pgcraft::catalog::catalog& catalog) {
        namespace cat = pgcraft::catalog;
        evolution::add_view(catalog, "product_prices", pgcraft::catalog::id::table({"evo_s", "products"}), {"id", "price", "qty"});
        evolution::add_function(catalog, "evo_s", "product_count", "bigint",
                                "SELECT count(*) FROM evo_s.products WHERE qty > 0;",
                                cat::id::table({"evo_s", "products"}), "evo_s_reader");
        evolution::add_reader(catalog, "evo_s", "evo_s_reader",
                              {{"products", {cat::privilege::insert, cat::privilege::update}}});
    }
};

using schema = pg::schema<pg::extensions<shop>, vendors, products>;

}  // namespace evo_simple::v2
