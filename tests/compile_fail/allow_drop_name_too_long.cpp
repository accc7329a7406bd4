// Mistake: pg::allow_drop names a column by a name longer than 63 bytes, which no column has.
#include <string>

#include <pgcraft/model.hpp>
#include <pgcraft/plan/dimension_plan.hpp>

namespace pg = pgcraft;

struct parcels {
#ifdef PGCRAFT_BROKEN
    using dimension = pg::simple<pg::allow_drop<"the_date_on_which_the_parcel_was_last_seen_at_any_depot_or_hubsx">>;
#else
    using dimension = pg::simple<pg::allow_drop<"the_date_on_which_the_parcel_was_last_seen_at_any_depot_or_hubs">>;
#endif
    std::string label;
};

void use() { (void)pgcraft::plan::table_plan_of<parcels>; }
