// Version 3 of the evolution of a ledger: the account widened, varchar(16) to varchar(64); the reader's INSERT revoked.
#pragma once

#include <optional>
#include <string>

#include <pgcraft/model.hpp>

#include "../extension_parts.hpp"

namespace evo_ledger::v3 {

namespace pg = pgcraft;

struct moves {
    using dimension = pg::ledger<pg::in_schema<"evo_l">, pg::ledger_value<pg::numeric<12, 2>>>;
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

}  // namespace evo_ledger::v3
