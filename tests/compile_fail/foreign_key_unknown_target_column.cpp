// Mistake: a foreign key references a column its target does not have.
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

struct price_lists {
#ifdef PGCRAFT_BROKEN
    using dimension = pg::simple<pg::foreign_key<"supplier_code">::references<suppliers, "kode">>;
#else
    using dimension = pg::simple<pg::foreign_key<"supplier_code">::references<suppliers, "code">>;
#endif
    pg::varchar<12> supplier_code;
};

static_assert(pgcraft::plan::schema_is_valid<pg::schema<suppliers, outsiders, price_lists>>);
