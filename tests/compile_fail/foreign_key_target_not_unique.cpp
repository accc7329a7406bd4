// Mistake: a foreign key references a column that is neither the target's key nor unique.
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

struct mentions {
#ifdef PGCRAFT_BROKEN
    using dimension = pg::simple<pg::foreign_key<"supplier_name">::references<suppliers, "name">>;
#else
    using dimension = pg::simple<pg::foreign_key<"supplier_code">::references<suppliers, "code">>;
#endif
    std::string supplier_name;
    pg::varchar<12> supplier_code;
};

static_assert(pgcraft::plan::schema_is_valid<pg::schema<suppliers, outsiders, mentions>>);
