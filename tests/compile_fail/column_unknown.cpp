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

#ifndef PGCRAFT_THROUGH_GENERATOR
void use() { (void)pgcraft::plan::table_plan_of<price_list>; }
#endif
using checked_schema = pg::schema<price_list>;
