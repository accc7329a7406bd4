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
                                 pg::column<"active", pg::sql_default<"true">>,
                                 // Active vendors have distinct names, whatever their case.
                                 pg::unique_index<"lower(<name>)">::where<"<active>">>;
    std::string name;
    std::optional<std::string> website;
    bool active;
};

struct products {
    using dimension = pg::simple<pg::in_schema<"inventory">,
                                 pg::column<"price", pg::comment<"Unit price in EUR">>,
                                 pg::column<"created_at", pg::sql_default<"now()">>,
                                 pg::foreign_key<"vendor_id">::references<vendors>::on_delete<pg::restrict>,
                                 pg::check<"<price> >= 0">,
                                 pg::unique<"sku">,
                                 pg::index<"lower(<name>)">>;
    std::int64_t id;  // the primary key, so that a row read back knows it
    std::int64_t vendor_id;
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
                                 pg::column<"external_ref", pg::sql_default<"gen_random_uuid()">>,
                                 pg::unique<"code">>;
    pg::varchar<8> code;
    std::string city;
    std::int16_t docks;
    pg::uuid external_ref;
    std::optional<pg::date> opened_on;
};

// A UUID key with a name of its own, a creation timestamp from a plugin, and
// a total the database computes.
struct stock_movements {
    using dimension = pg::simple<pg::in_schema<"inventory">,
                                 pg::uuid_v4_key<"movement_id">,
                                 pg::created_at<"recorded_at">,
                                 pg::column<"total_cost", pg::generated<"<quantity> * <unit_cost>">>,
                                 pg::foreign_key<"product_id">::references<products>,
                                 pg::check<"quantity_not_zero", "<quantity> <> 0">>;
    pg::uuid movement_id;  // the key column, so that a row read back knows it
    std::int64_t product_id;
    std::int32_t quantity;
    pg::numeric<10, 2> unit_cost;
    pg::numeric<14, 2> total_cost;
    std::optional<std::string> reason;
};

using schema = pg::schema<pg::extensions<reporting>, vendors, products, warehouses, stock_movements>;

}  // namespace inventory
