// Mistake: an idempotency key member the ledger does not have (a typo).
#include <string>

#include <pgcraft/model.hpp>
#include <pgcraft/plan/dimension_plan.hpp>

namespace pg = pgcraft;

struct refunds {
#ifdef PGCRAFT_BROKEN
    using dimension = pg::ledger<pg::idempotency_key<"request">>;
#else
    using dimension = pg::ledger<pg::idempotency_key<"request_id">>;
#endif
    std::string account;
    std::string request_id;
};

#ifndef PGCRAFT_THROUGH_GENERATOR
void use() { (void)pgcraft::plan::table_plan_of<refunds>; }
#endif
using checked_schema = pg::schema<refunds>;
