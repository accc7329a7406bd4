// Mistake: a check refers to a column the dimension does not have.
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

struct price_rules {
#ifdef PGCRAFT_BROKEN
    using dimension = pg::simple<pg::check<"<prise> > 0">>;
#else
    using dimension = pg::simple<pg::check<"<price> > 0">>;
#endif
    std::int32_t price;
};

static_assert(pgcraft::plan::schema_is_valid<pg::schema<suppliers, outsiders, price_rules>>);
