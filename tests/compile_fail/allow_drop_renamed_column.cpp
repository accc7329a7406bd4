// Mistake: pg::allow_drop names the previous name of a renamed column, whose values are kept.
#include <string>

#include <pgcraft/model.hpp>
#include <pgcraft/plan/dimension_plan.hpp>

namespace pg = pgcraft;

struct contacts {
#ifdef PGCRAFT_BROKEN
    using dimension = pg::simple<pg::column<"display_name", pg::renamed_from<"name">>, pg::allow_drop<"name">>;
#else
    using dimension = pg::simple<pg::column<"display_name", pg::renamed_from<"name">>, pg::allow_drop<"nickname">>;
#endif
    std::string display_name;
};

void use() { (void)pgcraft::plan::table_plan_of<contacts>; }
