// Mistake: the schema's pg::allow_drop names a dimension that is still in the schema.
#include <string>

#include <pgcraft/model.hpp>
#include <pgcraft/plan/schema_plan.hpp>

namespace pg = pgcraft;

struct vendors {
    using dimension = pg::simple<>;
    std::string name;
};

struct warehouses {
    using dimension = pg::simple<>;
    std::string city;
};

#ifdef PGCRAFT_BROKEN
using checked_schema = pg::schema<vendors, pg::allow_drop<"depots">, warehouses, pg::allow_drop<"warehouses">>;
#else
using checked_schema = pg::schema<vendors, pg::allow_drop<"depots">, warehouses, pg::allow_drop<"stores">>;
#endif
#ifndef PGCRAFT_THROUGH_GENERATOR
static_assert(pgcraft::plan::schema_is_valid<checked_schema>);
#endif
