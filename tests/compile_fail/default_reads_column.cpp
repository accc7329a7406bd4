// Mistake: a default that reads a column (a marker in pg::sql_default).
#include <string>

#include <pgcraft/model.hpp>
#include <pgcraft/plan/dimension_plan.hpp>

namespace pg = pgcraft;

struct contacts {
#ifdef PGCRAFT_BROKEN
    using dimension = pg::simple<pg::column<"display_name", pg::sql_default<"<name>">>>;
#else
    using dimension = pg::simple<pg::column<"display_name", pg::sql_default<"''">>>;
#endif
    std::string name;
    std::string display_name;
};

void use() { (void)pgcraft::plan::table_plan_of<contacts>; }
