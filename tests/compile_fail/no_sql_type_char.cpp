// Mistake: a member type with no SQL type (char: a character, not a small integer or text).
#include <string>

#include <pgcraft/model.hpp>
#include <pgcraft/plan/dimension_plan.hpp>

namespace pg = pgcraft;

struct aisles {
    std::string label;
#ifdef PGCRAFT_BROKEN
    using dimension = pg::simple<>;
    char grade;
#else
    using dimension = pg::simple<pg::column<"grade", pg::column_type<"char(1)">>>;
    char grade;
#endif
};

void use() { (void)pgcraft::plan::table_plan_of<aisles>; }
