// Mistake: pg::schema<...> given a type that is neither a dimension nor a schema setting.
#include <string>

#include <pgcraft/model.hpp>
#include <pgcraft/plan/schema_plan.hpp>

namespace pg = pgcraft;

struct plain_row {  // no `using dimension = ...`
    std::string text;
};

struct notes {
    using dimension = pg::simple<>;
    std::string text;
};

#ifdef PGCRAFT_BROKEN
static_assert(pgcraft::plan::schema_is_valid<pg::schema<notes, plain_row>>);
#else
static_assert(pgcraft::plan::schema_is_valid<pg::schema<notes>>);
#endif
