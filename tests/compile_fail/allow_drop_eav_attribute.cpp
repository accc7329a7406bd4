// Mistake: pg::allow_drop on an EAV dimension names an attribute it still has.
// (On EAV a dropped attribute is rows, not a column; the rule is the same.)
#include <optional>
#include <string>

#include <pgcraft/model.hpp>
#include <pgcraft/plan/schema_plan.hpp>

namespace pg = pgcraft;

struct preferences {
#ifdef PGCRAFT_BROKEN
    using dimension = pg::eav<pg::allow_drop<"theme">>;
#else
    using dimension = pg::eav<pg::allow_drop<"font">>;
#endif
    std::string language;
    std::optional<std::string> theme;
};

using checked_schema = pg::schema<preferences>;
#ifndef PGCRAFT_THROUGH_GENERATOR
static_assert(pgcraft::plan::schema_is_valid<checked_schema>);
#endif
