// Mistake: a reference member (int&) in a dimension struct.
#include <pgcraft/model.hpp>
#include <pgcraft/plan/dimension_plan.hpp>

namespace pg = pgcraft;

struct shelf_counters {
    using dimension = pg::simple<>;
#ifdef PGCRAFT_BROKEN
    int& on_hand;
#else
    int on_hand;
#endif
};

void use() { (void)pgcraft::plan::table_plan_of<shelf_counters>; }
