// Mistake: the schema's pg::allow_drop given an empty name.
#include <string>

#include <pgcraft/model.hpp>
#include <pgcraft/plan/schema_plan.hpp>

namespace pg = pgcraft;

struct vendors {
    using dimension = pg::simple<>;
    std::string name;
};

#ifdef PGCRAFT_BROKEN
static_assert(pgcraft::plan::schema_is_valid<pg::schema<vendors, pg::allow_drop<"">>>);
#else
static_assert(pgcraft::plan::schema_is_valid<pg::schema<vendors, pg::allow_drop<"depots">>>);
#endif
