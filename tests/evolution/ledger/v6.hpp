// Version 6 of the evolution of a ledger: balances per account, with a maximum, on the legs already there; an API view.
#pragma once

#include <optional>
#include <string>

#include <pgcraft/api.hpp>
#include <pgcraft/model.hpp>

#include "../extension_parts.hpp"

namespace evo_ledger::v6 {

namespace pg = pgcraft;

struct moves {
    using dimension = pg::ledger<pg::in_schema<"evo_l">, pg::ledger_value<pg::numeric<14, 2>>, pg::index<"<account>">,
                                 pg::balances<"account">, pg::max_balance<1000>,
                                 pg::api<pg::grant<"evo_api_writer", "select, insert">>>;
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

}  // namespace evo_ledger::v6
