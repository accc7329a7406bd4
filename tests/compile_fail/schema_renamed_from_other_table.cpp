// Mistake: a dimension renamed from the table another dimension of the schema still has.
#include <string>

#include <pgcraft/model.hpp>
#include <pgcraft/plan/schema_plan.hpp>

namespace pg = pgcraft;

struct suppliers {
    using dimension = pg::simple<pg::in_schema<"shop">>;
    std::string name;
};

struct vendors {
#ifdef PGCRAFT_BROKEN
    using dimension = pg::simple<pg::in_schema<"shop">, pg::renamed_from<"suppliers">>;
#else
    using dimension = pg::simple<pg::in_schema<"shop">, pg::renamed_from<"sellers">>;
#endif
    std::string name;
};

static_assert(pgcraft::plan::schema_is_valid<pg::schema<suppliers, vendors>>);
