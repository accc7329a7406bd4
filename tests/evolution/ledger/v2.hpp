// Version 2 of the evolution of a ledger: a member added (nullable): memo; the reader may insert legs.
#pragma once

#include <optional>
#include <string>

#include <pgcraft/model.hpp>

#include "../extension_parts.hpp"

namespace evo_ledger::v2 {

namespace pg = pgcraft;

struct moves {
    using dimension = pg::ledger<pg::in_schema<"evo_l">, pg::ledger_value<pg::numeric<12, 2>>>;
    pg::varchar<16> account;
    std::optional<std::string> memo;
};

struct shop {
    static constexpr std::string_view name = "shop";
    static void add_objects(pgcraft::catalog::catalog& catalog) {
        namespace cat = pgcraft::catalog;
        evolution::add_reader(catalog, "evo_l", "evo_l_reader", {{"moves_entries", {cat::privilege::insert}}});
    }
};

using schema = pg::schema<pg::extensions<shop>, moves>;

}  // namespace evo_ledger::v2
