// Mistake: the latest leg per a member the ledger does not have (a typo).
#include <string>

#include <pgcraft/model.hpp>
#include <pgcraft/plan/dimension_plan.hpp>

namespace pg = pgcraft;

struct shipments {
#ifdef PGCRAFT_BROKEN
    using dimension = pg::ledger<pg::latest<"order">>;
#else
    using dimension = pg::ledger<pg::latest<"order_id">>;
#endif
    std::string order_id;
};

#ifndef PGCRAFT_THROUGH_GENERATOR
void use() { (void)pgcraft::plan::table_plan_of<shipments>; }
#endif
using checked_schema = pg::schema<shipments>;
