// Mistake: a ledger member named like a column the kind adds (entry_id).
#include <cstdint>
#include <optional>
#include <string>

#include <pgcraft/model.hpp>
#include <pgcraft/plan/dimension_plan.hpp>

namespace pg = pgcraft;

struct transfers {
    using dimension = pg::ledger<>;
    std::string account;
#ifdef PGCRAFT_BROKEN
    pg::uuid entry_id;
#else
    pg::uuid batch_id;
#endif
};

#ifndef PGCRAFT_THROUGH_GENERATOR
void use() { (void)pgcraft::plan::table_plan_of<transfers>; }
#endif
using checked_schema = pg::schema<transfers>;
