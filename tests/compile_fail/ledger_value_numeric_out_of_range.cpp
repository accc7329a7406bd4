// Mistake: a ledger's value of a numeric PostgreSQL refuses (scale above precision).
#include <string>

#include <pgcraft/model.hpp>
#include <pgcraft/plan/dimension_plan.hpp>

namespace pg = pgcraft;

struct wallets {
#ifdef PGCRAFT_BROKEN
    using dimension = pg::ledger<pg::ledger_value<pg::numeric<4, 6>>>;
#else
    using dimension = pg::ledger<pg::ledger_value<pg::numeric<6, 4>>>;
#endif
    std::string owner;
};

#ifndef PGCRAFT_THROUGH_GENERATOR
void use() { (void)pgcraft::plan::table_plan_of<wallets>; }
#endif
using checked_schema = pg::schema<wallets>;
