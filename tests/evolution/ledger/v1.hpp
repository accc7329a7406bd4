// Version 1 of the evolution of a ledger: a ledger of stock moves with one member, the account; a reader role that may read it.
#pragma once

#include <optional>
#include <string>

#include <pgcraft/model.hpp>

#include "../extension_parts.hpp"

namespace evo_ledger::v1 {

namespace pg = pgcraft;

struct moves {
    using dimension = pg::ledger<pg::in_schema<"evo_l">, pg::ledger_value<pg::numeric<12, 2>>>;
    pg::varchar<16> account;
};

struct shop {
    static constexpr std::string_view name = "shop";
    static void add_objects(pgcraft::catalog::catalog& catalog) {
        evolution::add_reader(catalog, "evo_l", "evo_l_reader", {});
    }
};

using schema = pg::schema<pg::extensions<shop>, moves>;

}  // namespace evo_ledger::v1
