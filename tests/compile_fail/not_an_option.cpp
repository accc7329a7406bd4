// Mistake: pg::simple<...> given something that is not one of its options (int).
#include <string>

#include <pgcraft/model.hpp>
#include <pgcraft/plan/dimension_plan.hpp>

namespace pg = pgcraft;

struct depots {
#ifdef PGCRAFT_BROKEN
    using dimension = pg::simple<pg::in_schema<"inventory">, int>;
#else
    using dimension = pg::simple<pg::in_schema<"inventory">>;
#endif
    std::string city;
};

void use() { (void)pgcraft::plan::table_plan_of<depots>; }
