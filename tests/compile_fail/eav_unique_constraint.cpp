// Mistake: a unique constraint on an EAV dimension, whose writes enforce only checks.
#include <string>

#include <pgcraft/model.hpp>
#include <pgcraft/plan/schema_plan.hpp>
namespace pg = pgcraft;
struct settings {
#ifdef PGCRAFT_BROKEN
    using dimension = pg::eav<pg::unique<"label">>;
#else
    using dimension = pg::eav<pg::check<"length(<label>) > 0">>;
#endif
    std::string label;
};
static_assert(pgcraft::plan::schema_is_valid<pg::schema<settings>>);
