// Mistake: an enum class whose enumerators are all beyond the values pgcraft reads (-128 to 255).
#include <optional>
#include <string>

#include <pgcraft/model.hpp>
#include <pgcraft/plan/dimension_plan.hpp>

namespace pg = pgcraft;

#ifdef PGCRAFT_BROKEN
enum class rejection { unique_violation = 23505, foreign_key_violation = 23503, check_violation = 23514 };
#else
enum class rejection { unique_violation = 5, foreign_key_violation = 3, check_violation = 14 };
#endif

struct import_errors {
    using dimension = pg::simple<>;
    std::string source_line;
    std::optional<rejection> reason;
};

void use() { (void)pgcraft::plan::table_plan_of<import_errors>; }
