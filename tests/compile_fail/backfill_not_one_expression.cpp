// Mistake: a pg::backfill that is not one SQL expression (a quote left open).
#include <string>

#include <pgcraft/model.hpp>
#include <pgcraft/plan/dimension_plan.hpp>

namespace pg = pgcraft;

struct parcels {
#ifdef PGCRAFT_BROKEN
    using dimension = pg::simple<pg::column<"carrier", pg::backfill<"'unknown">>>;
#else
    using dimension = pg::simple<pg::column<"carrier", pg::backfill<"'unknown'">>>;
#endif
    std::string tracking_code;
    std::string carrier;
};

void use() { (void)pgcraft::plan::table_plan_of<parcels>; }
