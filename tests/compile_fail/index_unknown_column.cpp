// Mistake: an index key refers to a column the dimension does not have.
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

struct name_lookup {
#ifdef PGCRAFT_BROKEN
    using dimension = pg::simple<pg::index<"lower(<nmae>)">>;
#else
    using dimension = pg::simple<pg::index<"lower(<name>)">>;
#endif
    std::string name;
};

using checked_schema = pg::schema<suppliers, outsiders, name_lookup>;
#ifndef PGCRAFT_THROUGH_GENERATOR
static_assert(pgcraft::plan::schema_is_valid<checked_schema>);
#endif
