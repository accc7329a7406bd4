// Through a generator's schema translation unit: exactly one error, on both compilers.
#include <pgcraft/generator/describe.hpp>
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

pgcraft::generator::generator_entry pgcraft_generator_entry() { return pgcraft::generator::describe<pg::schema<suppliers, outsiders, name_lookup>>("x"); }
