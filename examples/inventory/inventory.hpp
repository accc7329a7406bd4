// The inventory example: the application's own row types, which are also the
// declarations of its database schema.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include <pgcraft/model.hpp>

#include "reporting.hpp"

namespace inventory {

namespace pg = pgcraft;

struct vendors {
    using dimension = pg::simple<pg::in_schema<"inventory">,
                                 pg::comment<"Companies we buy from">,
                                 pg::column<"active", pg::sql_default<"true">>>;
    std::string name;
    std::optional<std::string> website;
    bool active;
};

struct products {
    using dimension = pg::simple<pg::in_schema<"inventory">,
                                 pg::column<"price", pg::comment<"Unit price in EUR">>,
                                 pg::column<"created_at", pg::sql_default<"now()">>>;
    std::int64_t id;  // the primary key, so that a row read back knows it
    std::string name;
    pg::varchar<32> sku;
    pg::numeric<10, 2> price;
    std::optional<std::string> notes;
    std::uint32_t reorder_level;
    pg::timestamptz created_at;
};

struct warehouses {
    using dimension = pg::simple<pg::in_schema<"inventory">,
                                 pg::table_name<"warehouse">,
                                 pg::column<"external_ref", pg::sql_default<"gen_random_uuid()">>>;
    pg::varchar<8> code;
    std::string city;
    std::int16_t docks;
    pg::uuid external_ref;
    std::optional<pg::date> opened_on;
};

// A UUID key with a name of its own, and a creation timestamp from a plugin.
struct stock_movements {
    using dimension = pg::simple<pg::in_schema<"inventory">,
                                 pg::uuid_v4_key<"movement_id">,
                                 pg::created_at<"recorded_at">>;
    pg::uuid movement_id;  // the key column, so that a row read back knows it
    std::int64_t product_id;
    std::int32_t quantity;
    std::optional<std::string> reason;
};

using schema = pg::schema<pg::extensions<reporting>, vendors, products, warehouses, stock_movements>;

}  // namespace inventory
