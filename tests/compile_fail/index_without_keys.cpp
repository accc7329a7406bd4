// Mistake: an index with no keys.
#include <string>

#include <pgcraft/model.hpp>
#include <pgcraft/plan/schema_plan.hpp>

namespace pg = pgcraft;

struct shelves {
#ifdef PGCRAFT_BROKEN
    using dimension = pg::simple<pg::index<>>;
#else
    using dimension = pg::simple<pg::index<"<label>">>;
#endif
    std::string label;
};

static_assert(pgcraft::plan::schema_is_valid<pg::schema<shelves>>);
