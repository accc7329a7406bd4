// Mistake: an API view given both the columns to show and the columns to leave out.
#include <cstdint>
#include <string>

#include <pgcraft/api.hpp>
#include <pgcraft/model.hpp>
#include <pgcraft/plan/schema_plan.hpp>

namespace pg = pgcraft;

struct warehouse_bins {
#ifdef PGCRAFT_BROKEN
    using dimension = pg::simple<pg::api<pg::api_columns<"id", "label">, pg::api_exclude<"weight">>>;
#else
    using dimension = pg::simple<pg::api<pg::api_exclude<"weight">>>;
#endif
    std::string label;
    std::int32_t weight;
};

static_assert(pgcraft::plan::schema_is_valid<pg::schema<warehouse_bins>>);
