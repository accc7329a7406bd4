// Mistake: pg::allow_drop given twice for one column (two different ones are fine).
#include <string>

#include <pgcraft/model.hpp>
#include <pgcraft/plan/dimension_plan.hpp>

namespace pg = pgcraft;

struct couriers {
#ifdef PGCRAFT_BROKEN
    using dimension = pg::simple<pg::allow_drop<"fax">, pg::in_schema<"post">, pg::allow_drop<"fax">>;
#else
    using dimension = pg::simple<pg::allow_drop<"fax">, pg::in_schema<"post">, pg::allow_drop<"pager">>;
#endif
    std::string name;
};

void use() { (void)pgcraft::plan::table_plan_of<couriers>; }
