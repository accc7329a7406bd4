// Mistake: double entry on a dimension that is not a ledger.
#include <string>

#include <pgcraft/model.hpp>
#include <pgcraft/plan/dimension_plan.hpp>

namespace pg = pgcraft;

struct receipts {
#ifdef PGCRAFT_BROKEN
    using dimension = pg::simple<pg::double_entry<>>;
#else
    using dimension = pg::ledger<pg::double_entry<>>;
#endif
    std::string account;
};

#ifndef PGCRAFT_THROUGH_GENERATOR
void use() { (void)pgcraft::plan::table_plan_of<receipts>; }
#endif
using checked_schema = pg::schema<receipts>;
