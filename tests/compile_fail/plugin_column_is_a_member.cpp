// Mistake: the created_at plugin adds a column the struct already declares.
#include <string>

#include <pgcraft/model.hpp>
#include <pgcraft/plan/schema_plan.hpp>

namespace pg = pgcraft;

struct tickets {
    using dimension = pg::simple<pg::created_at<"opened_at">>;
    std::string title;
#ifdef PGCRAFT_BROKEN
    pg::timestamptz opened_at;
#else
    pg::timestamptz due_at;
#endif
};

static_assert(pgcraft::plan::schema_is_valid<pg::schema<tickets>>);
