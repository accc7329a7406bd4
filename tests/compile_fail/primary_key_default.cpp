// Mistake: a pg::sql_default on the generated id (primary key) column.
#include <cstdint>
#include <string>

#include <pgcraft/model.hpp>
#include <pgcraft/plan/schema_plan.hpp>

namespace pg = pgcraft;

struct invoices {
#ifdef PGCRAFT_BROKEN
    using dimension = pg::simple<pg::column<"id", pg::sql_default<"42">>>;
#else
    using dimension = pg::simple<pg::column<"id", pg::comment<"Invoice number">>>;
#endif
    std::int64_t id;
    std::string customer;
};

static_assert(pgcraft::plan::schema_is_valid<pg::schema<invoices>>);
