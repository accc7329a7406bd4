// Mistake: a limit's condition names a member that balances do not group by.
#include <string>

#include <pgcraft/model.hpp>
#include <pgcraft/plan/dimension_plan.hpp>

namespace pg = pgcraft;

struct wallets {
#ifdef PGCRAFT_BROKEN
    using dimension = pg::ledger<pg::balances<"account">, pg::max_balance<500, "<kind> = 'card'">>;
#else
    using dimension = pg::ledger<pg::balances<"account", "kind">, pg::max_balance<500, "<kind> = 'card'">>;
#endif
    std::string account;
    std::string kind;
};

#ifndef PGCRAFT_THROUGH_GENERATOR
void use() { (void)pgcraft::plan::table_plan_of<wallets>; }
#endif
using checked_schema = pg::schema<wallets>;
