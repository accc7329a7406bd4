// Mistake: the schema's pg::allow_drop given twice for one dimension.
#include <string>

#include <pgcraft/model.hpp>
#include <pgcraft/plan/schema_plan.hpp>

namespace pg = pgcraft;

struct vendors {
    using dimension = pg::simple<>;
    std::string name;
};

#ifdef PGCRAFT_BROKEN
static_assert(pgcraft::plan::schema_is_valid<pg::schema<pg::allow_drop<"depots">, vendors, pg::allow_drop<"depots">>>);
#else
static_assert(pgcraft::plan::schema_is_valid<pg::schema<pg::allow_drop<"depots">, vendors, pg::allow_drop<"stores">>>);
#endif
