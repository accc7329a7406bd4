// Mistake: pg::allow_drop names a column the dimension's kind keeps (append-only: valid_to).
#include <string>

#include <pgcraft/model.hpp>
#include <pgcraft/plan/dimension_plan.hpp>

namespace pg = pgcraft;

struct tenancies {
#ifdef PGCRAFT_BROKEN
    using dimension = pg::append_only<pg::allow_drop<"valid_to">>;
#else
    using dimension = pg::append_only<pg::allow_drop<"ends_on">>;
#endif
    std::string tenant;
};

void use() { (void)pgcraft::plan::table_plan_of<tenancies>; }
