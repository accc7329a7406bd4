// Mistake: a grant names a privilege the API does not know.
#include <string>

#include <pgcraft/api.hpp>
#include <pgcraft/model.hpp>
#include <pgcraft/plan/schema_plan.hpp>

namespace pg = pgcraft;

struct support_tickets {
#ifdef PGCRAFT_BROKEN
    using dimension = pg::append_only<pg::api<pg::grant<"web_user", "select, upsert">>>;
#else
    using dimension = pg::append_only<pg::api<pg::grant<"web_user", "select, insert, update">>>;
#endif
    std::string title;
};

static_assert(pgcraft::plan::schema_is_valid<pg::schema<support_tickets>>);
