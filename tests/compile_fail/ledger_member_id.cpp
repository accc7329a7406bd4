// Mistake: a ledger member named like a column the kind adds (id).
#include <cstdint>
#include <optional>
#include <string>

#include <pgcraft/model.hpp>
#include <pgcraft/plan/dimension_plan.hpp>

namespace pg = pgcraft;

struct stock_legs {
    using dimension = pg::ledger<>;
    std::string account;
#ifdef PGCRAFT_BROKEN
    std::int64_t id;
#else
    std::int64_t leg;
#endif
};

#ifndef PGCRAFT_THROUGH_GENERATOR
void use() { (void)pgcraft::plan::table_plan_of<stock_legs>; }
#endif
using checked_schema = pg::schema<stock_legs>;
