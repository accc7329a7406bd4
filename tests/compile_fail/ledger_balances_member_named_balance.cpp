// Mistake: balances grouped by a member named like a column of the balances table.
#include <string>

#include <pgcraft/model.hpp>
#include <pgcraft/plan/dimension_plan.hpp>

namespace pg = pgcraft;

struct hikes {
#ifdef PGCRAFT_BROKEN
    using dimension = pg::ledger<pg::balances<"account", "legs">>;
#else
    using dimension = pg::ledger<pg::balances<"account">>;
#endif
    std::string account;
    int legs;
};

#ifndef PGCRAFT_THROUGH_GENERATOR
void use() { (void)pgcraft::plan::table_plan_of<hikes>; }
#endif
using checked_schema = pg::schema<hikes>;
