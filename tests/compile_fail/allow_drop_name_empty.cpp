// Mistake: pg::allow_drop given an empty name.
#include <string>

#include <pgcraft/model.hpp>
#include <pgcraft/plan/dimension_plan.hpp>

namespace pg = pgcraft;

struct crates {
#ifdef PGCRAFT_BROKEN
    using dimension = pg::simple<pg::allow_drop<"">>;
#else
    using dimension = pg::simple<pg::allow_drop<"volume">>;
#endif
    std::string label;
};

void use() { (void)pgcraft::plan::table_plan_of<crates>; }
