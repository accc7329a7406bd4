// Mistake: a foreign key column (integer) references a bigint key.
#include <cstdint>
#include <string>

#include <pgcraft/model.hpp>
#include <pgcraft/plan/schema_plan.hpp>

namespace pg = pgcraft;

struct suppliers {
    using dimension = pg::simple<pg::unique<"code">>;
    pg::varchar<12> code;
    std::string name;
};

struct outsiders {
    using dimension = pg::simple<>;
    std::string name;
};

struct deliveries {
#ifdef PGCRAFT_BROKEN
    using dimension = pg::simple<pg::foreign_key<"supplier_id">::references<suppliers>>;
#else
    using dimension = pg::simple<pg::foreign_key<"supplier_id">::references<suppliers>>;
#endif
#ifdef PGCRAFT_BROKEN
    std::int32_t supplier_id;
#else
    std::int64_t supplier_id;
#endif
};

static_assert(pgcraft::plan::schema_is_valid<pg::schema<suppliers, outsiders, deliveries>>);
