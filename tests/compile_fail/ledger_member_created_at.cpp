// Mistake: a ledger member named like a column the kind adds (created_at).
#include <cstdint>
#include <optional>
#include <string>

#include <pgcraft/model.hpp>
#include <pgcraft/plan/dimension_plan.hpp>

namespace pg = pgcraft;

struct bookings {
    using dimension = pg::ledger<>;
    std::string account;
#ifdef PGCRAFT_BROKEN
    pg::timestamptz created_at;
#else
    pg::timestamptz booked_at;
#endif
};

#ifndef PGCRAFT_THROUGH_GENERATOR
void use() { (void)pgcraft::plan::table_plan_of<bookings>; }
#endif
using checked_schema = pg::schema<bookings>;
