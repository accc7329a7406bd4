// Mistake: a pg::convert_using names a renamed column by its new name; its
// markers name the columns as the previous version did.
#include <string>

#include <pgcraft/model.hpp>
#include <pgcraft/plan/schema_plan.hpp>

namespace pg = pgcraft;

struct tariffs {
#ifdef PGCRAFT_BROKEN
    using dimension = pg::simple<pg::column<"rate", pg::renamed_from<"ratio">, pg::convert_using<"<rate>::numeric(8,4)">>>;
#else
    using dimension = pg::simple<pg::column<"rate", pg::renamed_from<"ratio">, pg::convert_using<"<ratio>::numeric(8,4)">>>;
#endif
    std::string code;
    pg::numeric<8, 4> rate;
};

using checked_schema = pg::schema<tariffs>;
#ifndef PGCRAFT_THROUGH_GENERATOR
static_assert(pgcraft::plan::schema_is_valid<checked_schema>);
#endif
