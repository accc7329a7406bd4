// Mistake: balances grouped by a member the ledger does not have.
#include <string>

#include <pgcraft/model.hpp>
#include <pgcraft/plan/dimension_plan.hpp>

namespace pg = pgcraft;

struct deposits {
#ifdef PGCRAFT_BROKEN
    using dimension = pg::ledger<pg::balances<"account", "branch">>;
#else
    using dimension = pg::ledger<pg::balances<"account">>;
#endif
    std::string account;
};

#ifndef PGCRAFT_THROUGH_GENERATOR
void use() { (void)pgcraft::plan::table_plan_of<deposits>; }
#endif
using checked_schema = pg::schema<deposits>;
