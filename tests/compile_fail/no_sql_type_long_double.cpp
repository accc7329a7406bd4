// Mistake: a member type with no SQL type (long double).
#include <string>

#include <pgcraft/model.hpp>
#include <pgcraft/plan/dimension_plan.hpp>

namespace pg = pgcraft;

struct exchange_rates {
    using dimension = pg::simple<>;
    std::string currency;
#ifdef PGCRAFT_BROKEN
    long double rate;
#else
    double rate;
#endif
};

void use() { (void)pgcraft::plan::table_plan_of<exchange_rates>; }
