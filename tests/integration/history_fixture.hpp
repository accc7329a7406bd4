// Dimensions that keep history, for the history tests and the SQL benchmark:
// an append-only one with checks, a unique constraint, an index and a
// generated column; an EAV one with typed attributes and a check.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <thread>

#include <pgcraft/model.hpp>

#include "pg_cluster.hpp"

namespace history_fixture {

namespace pg = pgcraft;

struct suppliers {
    using dimension = pg::simple<pg::in_schema<"hist">>;
    std::string name;
};

struct products {
    using dimension = pg::append_only<pg::in_schema<"hist">,
                                      pg::check<"<price> >= 0">,
                                      pg::unique<"sku">,
                                      pg::index<"lower(<name>)">,
                                      pg::column<"price_with_tax", pg::generated<"<price> * 1.2">>,
                                      pg::foreign_key<"supplier_id">::references<suppliers>>;
    std::string name;
    pg::varchar<32> sku;
    pg::numeric<10, 2> price;
    std::optional<std::string> notes;
    pg::numeric<12, 2> price_with_tax;
    std::optional<std::int64_t> supplier_id;
};

// A custom key: a UUID named product_key.
struct offers {
    using dimension = pg::append_only<pg::in_schema<"hist">, pg::uuid_v4_key<"offer_key">>;
    std::string title;
    std::int32_t discount;
};

// A foreign key to an append-only dimension resolves to its entity table.
struct price_checks {
    using dimension = pg::simple<pg::in_schema<"hist">, pg::foreign_key<"product_id">::references<products>>;
    std::int64_t product_id;
    pg::numeric<10, 2> seen_price;
};

// EAV: typed attributes, two varchars of different lengths, an unsigned
// integer with its range, checks with markers.
struct settings {
    using dimension = pg::eav<pg::in_schema<"hist">,
                              pg::check<"<max_items> > 0">,
                              pg::check<"label_short", "length(<label>) < 20">>;
    pg::varchar<20> label;
    pg::varchar<8> code;
    std::int32_t max_items;
    std::optional<bool> enabled;
    std::optional<std::string> note;
    std::uint32_t stock;
};

using schema = pg::schema<suppliers, products, offers, price_checks, settings>;

/// Runs `holder` in an open transaction of `first`, then `waiter` in `second`
/// on another thread; checks through `observer` that the waiter blocks on a
/// lock; then commits the holder and waits for the waiter to finish.
inline bool second_writer_waits_for_first(pgcraft_it::connection& observer, pgcraft_it::connection& first,
                                          pgcraft_it::connection& second, const std::string& holder,
                                          const std::string& waiter) {
    first.exec("BEGIN");
    first.exec(holder);
    std::thread waiting([&] { second.exec(waiter); });
    bool blocked = false;
    for (int i = 0; i < 100 && !blocked; ++i) {
        blocked = observer.text("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'") != "0";
        if (!blocked) std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    first.exec("COMMIT");
    waiting.join();
    return blocked;
}

}  // namespace history_fixture
