// Mistake: numeric<0, 0> and varchar<0>, which PostgreSQL refuses; the error names the member.
#include <pgcraft/model.hpp>
#include <pgcraft/plan/dimension_plan.hpp>

namespace pg = pgcraft;

struct rates {
    using dimension = pg::simple<>;
#ifdef PGCRAFT_BROKEN
    pg::numeric<0, 0> ratio;
    pg::varchar<0> label;
#else
    pg::numeric<6, 4> ratio;
    pg::varchar<8> label;
#endif
};

void use() { (void)pgcraft::plan::table_plan_of<rates>; }
