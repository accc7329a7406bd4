// Mistake: a member named id (the primary key column) that is not std::int64_t.
#include <cstdint>
#include <string>

#include <pgcraft/model.hpp>
#include <pgcraft/plan/schema_plan.hpp>

namespace pg = pgcraft;

struct customers {
    using dimension = pg::simple<>;
#ifdef PGCRAFT_BROKEN
    int id;
#else
    std::int64_t id;
#endif
    std::string name;
};

static_assert(pgcraft::plan::schema_is_valid<pg::schema<customers>>);
