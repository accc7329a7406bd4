// Mistake: pg::postgres_version given twice to one schema.
#include <string>

#include <pgcraft/model.hpp>
#include <pgcraft/plan/schema_plan.hpp>

namespace pg = pgcraft;

struct notes {
    using dimension = pg::simple<>;
    std::string text;
};

#ifdef PGCRAFT_BROKEN
static_assert(pgcraft::plan::schema_is_valid<pg::schema<pg::postgres_version<15>, pg::postgres_version<16>, notes>>);
#else
static_assert(pgcraft::plan::schema_is_valid<pg::schema<pg::postgres_version<16>, notes>>);
#endif
