// Mistake: a dimension whose table is products_current beside an append-only
// dimension products, which makes the view products_current.
#include <string>

#include <pgcraft/model.hpp>
#include <pgcraft/plan/schema_plan.hpp>

namespace pg = pgcraft;

struct products {
    using dimension = pg::append_only<>;
    std::string name;
};

struct products_current {
#ifdef PGCRAFT_BROKEN
    using dimension = pg::simple<>;
#else
    using dimension = pg::simple<pg::table_name<"current_products">>;
#endif
    std::string note;
};

using checked_schema = pg::schema<products, products_current>;
#ifndef PGCRAFT_THROUGH_GENERATOR
static_assert(pgcraft::plan::schema_is_valid<checked_schema>);
#endif
