// Mistake: on_delete<set_null> on a NOT NULL column.
#include <cstdint>
#include <optional>
#include <string>

#include <pgcraft/model.hpp>
#include <pgcraft/plan/schema_plan.hpp>

namespace pg = pgcraft;

struct couriers {
    using dimension = pg::simple<>;
    std::string name;
};

struct deliveries {
    using dimension = pg::simple<pg::foreign_key<"courier_id">::references<couriers>::on_delete<pg::set_null>>;
#ifdef PGCRAFT_BROKEN
    std::int64_t courier_id;
#else
    std::optional<std::int64_t> courier_id;
#endif
};

static_assert(pgcraft::plan::schema_is_valid<pg::schema<couriers, deliveries>>);
