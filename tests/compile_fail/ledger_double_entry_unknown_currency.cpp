// Mistake: a double entry kept apart by a currency the ledger does not have (a typo).
#include <string>

#include <pgcraft/model.hpp>
#include <pgcraft/plan/dimension_plan.hpp>

namespace pg = pgcraft;

struct payments {
#ifdef PGCRAFT_BROKEN
    using dimension = pg::ledger<pg::double_entry<"curency">>;
#else
    using dimension = pg::ledger<pg::double_entry<"currency">>;
#endif
    std::string account;
    std::string currency;
};

#ifndef PGCRAFT_THROUGH_GENERATOR
void use() { (void)pgcraft::plan::table_plan_of<payments>; }
#endif
using checked_schema = pg::schema<payments>;
