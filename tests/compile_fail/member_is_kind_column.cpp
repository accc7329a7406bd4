// Mistake: an append-only member named like a column the kind adds (deleted_at).
#include <optional>
#include <string>

#include <pgcraft/model.hpp>
#include <pgcraft/plan/dimension_plan.hpp>

namespace pg = pgcraft;

struct memberships {
    using dimension = pg::append_only<>;
    std::string member;
#ifdef PGCRAFT_BROKEN
    std::optional<pg::timestamptz> deleted_at;
#else
    std::optional<pg::timestamptz> cancelled_at;
#endif
};

void use() { (void)pgcraft::plan::table_plan_of<memberships>; }
