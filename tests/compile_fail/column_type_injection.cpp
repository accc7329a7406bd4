// Mistake: pg::column_type<...> with more than a type: it would add a column.
#include <string>

#include <pgcraft/model.hpp>
#include <pgcraft/plan/dimension_plan.hpp>

namespace pg = pgcraft;

struct labels {
#ifdef PGCRAFT_BROKEN
    using dimension = pg::simple<pg::column<"tag", pg::column_type<"text, injected int">>>;
#else
    using dimension = pg::simple<pg::column<"tag", pg::column_type<"varchar(20)[]">>>;
#endif
    std::string tag;
};

void use() { (void)pgcraft::plan::table_plan_of<labels>; }
