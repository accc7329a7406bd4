// Evolution of a schema of simple or append-only dimensions (the kind is the
// including header's: ../simple/kind.hpp, ../append_only/kind.hpp), version 1: vendors, and products that
// reference them; an extension with a reader role, a view over products'
// price and a counting function.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include <pgcraft/model.hpp>

#include "../extension_parts.hpp"

namespace EVOLUTION_NAMESPACE::v1 {

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
                                 pg::check<"<qty> >= 0">>;
    EVOLUTION_KEY_MEMBER
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
        evolution::add_view(catalog, "product_prices", EVOLUTION_PRODUCTS_ID, {"id", "price", "qty"});
        evolution::add_function(catalog, EVOLUTION_SCHEMA, "product_count", "bigint", "SELECT count(*) FROM " EVOLUTION_SCHEMA "." EVOLUTION_PRODUCTS ";",
                                EVOLUTION_PRODUCTS_ID, EVOLUTION_SCHEMA "_reader");
        evolution::add_reader(catalog, EVOLUTION_SCHEMA, EVOLUTION_SCHEMA "_reader");
    }
};

using schema = pg::schema<pg::extensions<shop>, vendors, products>;

}  // namespace EVOLUTION_NAMESPACE::v1
