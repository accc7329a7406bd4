// Mistake: two primary-key plugins (one singleton group) on one dimension.
#include <string>

#include <pgcraft/model.hpp>
#include <pgcraft/plan/schema_plan.hpp>

namespace pg = pgcraft;

struct shipments {
#ifdef PGCRAFT_BROKEN
    using dimension = pg::simple<pg::uuid_v4_key<>, pg::identity_key<>>;
#else
    using dimension = pg::simple<pg::uuid_v4_key<>>;
#endif
    std::string carrier;
};

static_assert(pgcraft::plan::schema_is_valid<pg::schema<shipments>>);
