// Mistake: a dimension struct declared inside a function (it has no linkage).
#include <string>

#include <pgcraft/model.hpp>
#include <pgcraft/plan/dimension_plan.hpp>

namespace pg = pgcraft;

#ifndef PGCRAFT_BROKEN
struct local_bins {
    using dimension = pg::simple<>;
    std::string label;
};
#endif

void use() {
#ifdef PGCRAFT_BROKEN
    struct local_bins {
        using dimension = pg::simple<>;
        std::string label;
    };
#endif
    (void)pgcraft::plan::table_plan_of<local_bins>;
}
