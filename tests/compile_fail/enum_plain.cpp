// Mistake: a plain (unscoped) enum member; pgcraft maps only enum class to a PostgreSQL enum type.
#include <string>

#include <pgcraft/model.hpp>
#include <pgcraft/plan/dimension_plan.hpp>

namespace pg = pgcraft;

#ifdef PGCRAFT_BROKEN
enum bin_colour { red, green, blue };
#else
enum class bin_colour { red, green, blue };
#endif

struct storage_bins {
    using dimension = pg::simple<>;
    std::string code;
    bin_colour colour;
};

void use() { (void)pgcraft::plan::table_plan_of<storage_bins>; }
