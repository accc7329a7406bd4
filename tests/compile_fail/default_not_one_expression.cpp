// Mistake: a pg::sql_default that is not one SQL expression (it smuggles in a second statement).
#include <string>

#include <pgcraft/model.hpp>
#include <pgcraft/plan/dimension_plan.hpp>

namespace pg = pgcraft;

struct discounts {
#ifdef PGCRAFT_BROKEN
    using dimension = pg::simple<pg::column<"percent", pg::sql_default<"0; drop table x">>>;
#else
    using dimension = pg::simple<pg::column<"percent", pg::sql_default<"0">>>;
#endif
    std::string code;
    int percent;
};

void use() { (void)pgcraft::plan::table_plan_of<discounts>; }
