// Mistake: a column renamed from the name of a column the dimension still has.
#include <string>

#include <pgcraft/model.hpp>
#include <pgcraft/plan/schema_plan.hpp>

namespace pg = pgcraft;

struct contacts {
#ifdef PGCRAFT_BROKEN
    using dimension = pg::simple<pg::column<"display_name", pg::renamed_from<"name">>>;
#else
    using dimension = pg::simple<pg::column<"display_name", pg::renamed_from<"full_name">>>;
#endif
    std::string display_name;
    std::string name;
};

static_assert(pgcraft::plan::schema_is_valid<pg::schema<contacts>>);
