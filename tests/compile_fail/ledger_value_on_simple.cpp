// Mistake: pg::ledger_value given to a kind that is not a ledger.
#include <cstdint>
#include <string>

#include <pgcraft/model.hpp>
#include <pgcraft/plan/dimension_plan.hpp>

namespace pg = pgcraft;

struct accounts {
#ifdef PGCRAFT_BROKEN
    using dimension = pg::simple<pg::ledger_value<std::int64_t>>;
#else
    using dimension = pg::ledger<pg::ledger_value<std::int64_t>>;
#endif
    std::string name;
};

#ifndef PGCRAFT_THROUGH_GENERATOR
void use() { (void)pgcraft::plan::table_plan_of<accounts>; }
#endif
using checked_schema = pg::schema<accounts>;
