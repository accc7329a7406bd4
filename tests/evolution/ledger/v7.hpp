// Version 7 of the evolution of a ledger: the memo an idempotency key, the latest leg per account, each account's own limits, and an event.
#pragma once

#include <optional>
#include <string>

#include <pgcraft/api.hpp>
#include <pgcraft/model.hpp>

#include "../extension_parts.hpp"

namespace evo_ledger::v7 {

namespace pg = pgcraft;

struct moves {
    using dimension = pg::ledger<pg::in_schema<"evo_l">, pg::ledger_value<pg::numeric<14, 2>>, pg::index<"<account>">,
                                 pg::balances<"account">, pg::max_balance<1000>,
                                 pg::api<pg::grant<"evo_api_writer", "select, insert">>,
                                 pg::group_limits, pg::idempotency_key<"memo">, pg::latest<"account">,
                                 pg::event<"deposit", "SELECT :account AS <account>, :amount AS <value>",
                                           pg::param<"account", std::string>, pg::param<"amount", pg::numeric<14, 2>>>>;
    pg::varchar<64> account;
    std::optional<std::string> memo;
};

struct shop {
    static constexpr std::string_view name = "shop";
    static void add_objects(pgcraft::catalog::catalog& catalog) {
        evolution::add_reader(catalog, "evo_l", "evo_l_reader", {});
    }
};

using schema = pg::schema<pg::extensions<shop>, moves>;

}  // namespace evo_ledger::v7
