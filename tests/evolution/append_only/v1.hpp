// Evolution of an append-only schema, version 1: vendors, and products that
// reference them; an extension with a reader role, a view over products'
// price and a counting function.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include <pgcraft/model.hpp>

#include "../extension_parts.hpp"

namespace evo_append::v1 {

namespace pg = pgcraft;

enum class product_state { active, retired };

struct vendors {
    using dimension = pg::append_only<pg::in_schema<"evo_a">>;
    std::string name;
    std::optional<std::string> website;
};

struct products {
    using dimension = pg::append_only<pg::in_schema<"evo_a">,
                                 pg::foreign_key<"vendor_id">::references<vendors>,
                                 pg::check<"<qty> >= 0">>;
    std::int64_t vendor_id;
    std::string name;
    std::string price;
    std::int32_t qty;
    product_state state;
    std::optional<std::string> notes;
};

struct shop {
    static constexpr std::string_view name = "shop";
    static void add_objects(pgcraft::catalog::catalog& catalog) {
        evolution::add_view(catalog, "product_prices", pgcraft::catalog::id::view({"evo_a", "products_current"}), {"id", "price", "qty"});
        evolution::add_function(catalog, "evo_a", "product_count", "bigint", "SELECT count(*) FROM evo_a.products_current;",
                                pgcraft::catalog::id::view({"evo_a", "products_current"}), "evo_a_reader");
        evolution::add_reader(catalog, "evo_a", "evo_a_reader");
    }
};

using schema = pg::schema<pg::extensions<shop>, vendors, products>;

}  // namespace evo_append::v1
