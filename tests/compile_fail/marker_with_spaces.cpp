// Mistake: a marker written with spaces, which would reach the server as a comparison.
#include <cstdint>

#include <pgcraft/model.hpp>
#include <pgcraft/plan/schema_plan.hpp>

namespace pg = pgcraft;

struct parcels {
#ifdef PGCRAFT_BROKEN
    using dimension = pg::simple<pg::check<"< weight > > 0">>;
#else
    using dimension = pg::simple<pg::check<"<weight> > 0">>;
#endif
    std::int32_t weight;
};

static_assert(pgcraft::plan::schema_is_valid<pg::schema<parcels>>);
