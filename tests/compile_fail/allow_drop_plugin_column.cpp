// Mistake: pg::allow_drop names a column a plugin adds (the key, id), which
// the dimension still has. Plugins are known with the schema.
#include <string>

#include <pgcraft/model.hpp>
#include <pgcraft/plan/schema_plan.hpp>

namespace pg = pgcraft;

struct invoices {
#ifdef PGCRAFT_BROKEN
    using dimension = pg::simple<pg::allow_drop<"id">>;
#else
    using dimension = pg::simple<pg::allow_drop<"invoice_id">>;
#endif
    std::string number;
};

using checked_schema = pg::schema<invoices>;
#ifndef PGCRAFT_THROUGH_GENERATOR
static_assert(pgcraft::plan::schema_is_valid<checked_schema>);
#endif
