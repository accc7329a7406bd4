// Mistake: own limits per group on a ledger that keeps no balances.
#include <string>

#include <pgcraft/model.hpp>
#include <pgcraft/plan/dimension_plan.hpp>

namespace pg = pgcraft;

struct wallets {
#ifdef PGCRAFT_BROKEN
    using dimension = pg::ledger<pg::group_limits>;
#else
    using dimension = pg::ledger<pg::balances<"account">, pg::group_limits>;
#endif
    std::string account;
};

#ifndef PGCRAFT_THROUGH_GENERATOR
void use() { (void)pgcraft::plan::table_plan_of<wallets>; }
#endif
using checked_schema = pg::schema<wallets>;
