// Mistake: the same dimension option given twice (two pg::in_schema).
#include <string>

#include <pgcraft/model.hpp>
#include <pgcraft/plan/dimension_plan.hpp>

namespace pg = pgcraft;

struct returns_log {
#ifdef PGCRAFT_BROKEN
    using dimension = pg::simple<pg::in_schema<"inventory">, pg::in_schema<"archive">>;
#else
    using dimension = pg::simple<pg::in_schema<"inventory">>;
#endif
    std::string reason;
};

void use() { (void)pgcraft::plan::table_plan_of<returns_log>; }
