// Mistake: a schema named pg_…, which PostgreSQL reserves.
#include <string>

#include <pgcraft/model.hpp>
#include <pgcraft/plan/dimension_plan.hpp>

namespace pg = pgcraft;

struct audit_entries {
#ifdef PGCRAFT_BROKEN
    using dimension = pg::simple<pg::in_schema<"pg_audit">>;
#else
    using dimension = pg::simple<pg::in_schema<"audit">>;
#endif
    std::string what;
};

void use() { (void)pgcraft::plan::table_plan_of<audit_entries>; }
