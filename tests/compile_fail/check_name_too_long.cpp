// Mistake: a check's name over 63 bytes, which PostgreSQL would cut with only a NOTICE.
#include <cstdint>

#include <pgcraft/model.hpp>
#include <pgcraft/plan/schema_plan.hpp>

namespace pg = pgcraft;

struct pallets {
#ifdef PGCRAFT_BROKEN
    using dimension = pg::simple<pg::check<"the_weight_of_a_pallet_must_be_positive_and_at_most_two_tonnes_x", "<weight> > 0">>;
#else
    using dimension = pg::simple<pg::check<"the_weight_of_a_pallet_must_be_positive_and_at_most_two_tonnes", "<weight> > 0">>;
#endif
    std::int32_t weight;
};

static_assert(pgcraft::plan::schema_is_valid<pg::schema<pallets>>);
