// Mistake: pg::renamed_from gives the name the table has now, not the one it had.
#include <string>

#include <pgcraft/model.hpp>
#include <pgcraft/plan/dimension_plan.hpp>

namespace pg = pgcraft;

struct vendors {
#ifdef PGCRAFT_BROKEN
    using dimension = pg::simple<pg::in_schema<"shop">, pg::renamed_from<"vendors">>;
#else
    using dimension = pg::simple<pg::in_schema<"shop">, pg::renamed_from<"suppliers">>;
#endif
    std::string name;
};

void use() { (void)pgcraft::plan::table_plan_of<vendors>; }
