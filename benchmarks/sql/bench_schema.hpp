// The dimensions the SQL benchmark measures, each beside a plain table with
// the same columns (a simple dimension) as its baseline.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include <pgcraft/model.hpp>

namespace sql_bench {

namespace pg = pgcraft;

struct plain_products {
    using dimension = pg::simple<pg::in_schema<"bench">>;
    std::string name;
    pg::varchar<32> sku;
    pg::numeric<10, 2> price;
    std::optional<std::string> notes;
    std::int32_t stock;
};

struct products {
    using dimension = pg::append_only<pg::in_schema<"bench">, pg::check<"<price> >= 0">>;
    std::string name;
    pg::varchar<32> sku;
    pg::numeric<10, 2> price;
    std::optional<std::string> notes;
    std::int32_t stock;
};

struct plain_settings {
    using dimension = pg::simple<pg::in_schema<"bench">>;
    std::string label;
    pg::varchar<8> code;
    std::int32_t max_items;
    std::optional<bool> enabled;
    std::optional<std::string> note;
};

struct settings {
    using dimension = pg::eav<pg::in_schema<"bench">, pg::check<"<max_items> > 0">>;
    std::string label;
    pg::varchar<8> code;
    std::int32_t max_items;
    std::optional<bool> enabled;
    std::optional<std::string> note;
};

struct plain_moves {
    using dimension = pg::simple<pg::in_schema<"bench">>;
    std::int64_t account;
    std::int64_t value;
};

struct moves {
    using dimension = pg::ledger<pg::in_schema<"bench">>;
    std::int64_t account;
};

using schema = pg::schema<plain_products, products, plain_settings, settings, plain_moves, moves>;

}  // namespace sql_bench
