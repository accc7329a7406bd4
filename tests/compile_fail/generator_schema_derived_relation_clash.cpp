// Through a generator's schema translation unit: exactly one error, on both compilers.
#include <pgcraft/generator/describe.hpp>
// Mistake: a dimension whose table is products_current beside an append-only
// dimension products, which makes the view products_current.
#include <string>

#include <pgcraft/model.hpp>
#include <pgcraft/plan/schema_plan.hpp>

namespace pg = pgcraft;

struct products {
    using dimension = pg::append_only<>;
    std::string name;
};

struct products_current {
#ifdef PGCRAFT_BROKEN
    using dimension = pg::simple<>;
#else
    using dimension = pg::simple<pg::table_name<"current_products">>;
#endif
    std::string note;
};

pgcraft::generator::generator_entry pgcraft_generator_entry() { return pgcraft::generator::describe<pg::schema<products, products_current>>("x"); }
