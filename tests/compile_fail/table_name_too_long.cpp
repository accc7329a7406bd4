// Mistake: a pg::table_name longer than PostgreSQL's 63 bytes (64 here; the twin's 63 fit).
#include <string>

#include <pgcraft/model.hpp>
#include <pgcraft/plan/dimension_plan.hpp>

namespace pg = pgcraft;

struct shipments {
#ifdef PGCRAFT_BROKEN
    using dimension = pg::simple<pg::table_name<"shipments_awaiting_customs_clearance_at_the_north_sea_ports_hubs">>;
#else
    using dimension = pg::simple<pg::table_name<"shipments_awaiting_customs_clearance_at_the_north_sea_port_hubs">>;
#endif
    std::string tracking_code;
};

void use() { (void)pgcraft::plan::table_plan_of<shipments>; }
