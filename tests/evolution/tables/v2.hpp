// Version 2: products lose notes and gain an optional sku, unique, and an
// index on lower(name); the count function's body changes; the reader may
// now insert and update products (products_current when append-only).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include <pgcraft/model.hpp>

#include "../extension_parts.hpp"

namespace EVOLUTION_NAMESPACE::v2 {

namespace pg = pgcraft;

enum class product_state { active, retired };

struct vendors {
    using dimension = EVOLUTION_KIND<pg::in_schema<EVOLUTION_SCHEMA>>;
    std::string name;
    std::optional<std::string> website;
};

struct products {
    using dimension = EVOLUTION_KIND<pg::in_schema<EVOLUTION_SCHEMA>,
                                 pg::foreign_key<"vendor_id">::references<vendors>,
                                 pg::check<"<qty> >= 0">,
                                 pg::unique<"sku">,
                                 pg::index<"lower(<name>)">>;
    EVOLUTION_KEY_MEMBER
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
        evolution::add_view(catalog, "product_prices", EVOLUTION_PRODUCTS_ID, {"id", "price", "qty"});
        evolution::add_function(catalog, EVOLUTION_SCHEMA, "product_count", "bigint",
                                "SELECT count(*) FROM " EVOLUTION_SCHEMA "." EVOLUTION_PRODUCTS " WHERE qty > 0;",
                                EVOLUTION_PRODUCTS_ID, EVOLUTION_SCHEMA "_reader");
        evolution::add_reader(catalog, EVOLUTION_SCHEMA, EVOLUTION_SCHEMA "_reader",
                              {{EVOLUTION_PRODUCTS, {cat::privilege::insert, cat::privilege::update}}});
    }
};

using schema = pg::schema<pg::extensions<shop>, vendors, products>;

}  // namespace EVOLUTION_NAMESPACE::v2
