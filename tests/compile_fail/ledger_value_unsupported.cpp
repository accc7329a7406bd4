// Mistake: a ledger's value of a type a ledger does not take (double: sums would not be exact).
#include <string>

#include <pgcraft/model.hpp>
#include <pgcraft/plan/dimension_plan.hpp>

namespace pg = pgcraft;

struct balances {
#ifdef PGCRAFT_BROKEN
    using dimension = pg::ledger<pg::ledger_value<double>>;
#else
    using dimension = pg::ledger<pg::ledger_value<pg::numeric<14, 2>>>;
#endif
    std::string account;
};

#ifndef PGCRAFT_THROUGH_GENERATOR
void use() { (void)pgcraft::plan::table_plan_of<balances>; }
#endif
using checked_schema = pg::schema<balances>;
