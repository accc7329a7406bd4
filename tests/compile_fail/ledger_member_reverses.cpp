// Mistake: a ledger member named like a column the kind adds (reverses).
#include <cstdint>
#include <optional>
#include <string>

#include <pgcraft/model.hpp>
#include <pgcraft/plan/dimension_plan.hpp>

namespace pg = pgcraft;

struct refunds {
    using dimension = pg::ledger<>;
    std::string account;
#ifdef PGCRAFT_BROKEN
    std::optional<std::int64_t> reverses;
#else
    std::optional<std::int64_t> reverts_order;
#endif
};

#ifndef PGCRAFT_THROUGH_GENERATOR
void use() { (void)pgcraft::plan::table_plan_of<refunds>; }
#endif
using checked_schema = pg::schema<refunds>;
