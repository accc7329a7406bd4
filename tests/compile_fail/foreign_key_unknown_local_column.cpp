// Mistake: a foreign key's own column is not a column of the dimension.
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

struct contracts {
#ifdef PGCRAFT_BROKEN
    using dimension = pg::simple<pg::foreign_key<"supplier">::references<suppliers>>;
#else
    using dimension = pg::simple<pg::foreign_key<"supplier_id">::references<suppliers>>;
#endif
    std::int64_t supplier_id;
};

static_assert(pgcraft::plan::schema_is_valid<pg::schema<suppliers, outsiders, contracts>>);
