// Mistake: a member name over 63 bytes, which PostgreSQL would cut; the dimension has no options.
#include <cstdint>

#include <pgcraft/model.hpp>
#include <pgcraft/plan/dimension_plan.hpp>

namespace pg = pgcraft;

struct shipments {
    using dimension = pg::simple<>;
#ifdef PGCRAFT_BROKEN
    std::int32_t the_number_of_parcels_in_this_shipment_that_were_delivered_late_x;
#else
    std::int32_t the_number_of_parcels_in_this_shipment_that_were_delivered_late;
#endif
};

void use() { (void)pgcraft::plan::table_plan_of<shipments>; }
