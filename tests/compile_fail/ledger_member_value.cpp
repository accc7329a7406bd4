// Mistake: a ledger member named like a column the kind adds (value).
#include <cstdint>
#include <optional>
#include <string>

#include <pgcraft/model.hpp>
#include <pgcraft/plan/dimension_plan.hpp>

namespace pg = pgcraft;

struct stock_counts {
    using dimension = pg::ledger<>;
    std::string account;
#ifdef PGCRAFT_BROKEN
    std::int64_t value;
#else
    std::int64_t quantity;
#endif
};

#ifndef PGCRAFT_THROUGH_GENERATOR
void use() { (void)pgcraft::plan::table_plan_of<stock_counts>; }
#endif
using checked_schema = pg::schema<stock_counts>;
