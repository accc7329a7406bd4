// Mistake: a named check with an empty expression (once taken for a check of "positive").
#include <cstdint>

#include <pgcraft/model.hpp>
#include <pgcraft/plan/schema_plan.hpp>

namespace pg = pgcraft;

struct crates {
#ifdef PGCRAFT_BROKEN
    using dimension = pg::simple<pg::check<"positive", "">>;
#else
    using dimension = pg::simple<pg::check<"positive", "<size> > 0">>;
#endif
    std::int32_t size;
};

static_assert(pgcraft::plan::schema_is_valid<pg::schema<crates>>);
