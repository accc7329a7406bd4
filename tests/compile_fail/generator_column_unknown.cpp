// Through a generator's schema translation unit: exactly one error, on both compilers.
#include <pgcraft/generator/describe.hpp>
// Mistake: pg::column<"..."> names a column the struct does not have ("prise" for "price").
#include <string>

#include <pgcraft/model.hpp>
#include <pgcraft/plan/dimension_plan.hpp>

namespace pg = pgcraft;

struct price_list {
#ifdef PGCRAFT_BROKEN
    using dimension = pg::simple<pg::column<"prise", pg::comment<"Unit price in EUR">>>;
#else
    using dimension = pg::simple<pg::column<"price", pg::comment<"Unit price in EUR">>>;
#endif
    std::string item;
    pg::numeric<10, 2> price;
};



pgcraft::generator::generator_entry pgcraft_generator_entry() { return pgcraft::generator::describe<pgcraft::schema<price_list>>("x"); }
