// Mistake: two checks of one dimension with one name.
#include <cstdint>

#include <pgcraft/model.hpp>
#include <pgcraft/plan/schema_plan.hpp>

namespace pg = pgcraft;

struct boxes {
#ifdef PGCRAFT_BROKEN
    using dimension = pg::simple<pg::check<"sane", "<width> > 0">, pg::check<"sane", "<height> > 0">>;
#else
    using dimension = pg::simple<pg::check<"sane_width", "<width> > 0">, pg::check<"sane_height", "<height> > 0">>;
#endif
    std::int32_t width;
    std::int32_t height;
};

static_assert(pgcraft::plan::schema_is_valid<pg::schema<boxes>>);
