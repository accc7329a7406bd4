// Mistake: pg::allow_drop names a column the dimension still has (a member).
#include <string>

#include <pgcraft/model.hpp>
#include <pgcraft/plan/schema_plan.hpp>

namespace pg = pgcraft;

struct suppliers {
#ifdef PGCRAFT_BROKEN
    using dimension = pg::simple<pg::allow_drop<"notes">>;
#else
    using dimension = pg::simple<pg::allow_drop<"remarks">>;
#endif
    std::string name;
    std::string notes;
};

using checked_schema = pg::schema<suppliers>;
#ifndef PGCRAFT_THROUGH_GENERATOR
static_assert(pgcraft::plan::schema_is_valid<checked_schema>);
#endif
