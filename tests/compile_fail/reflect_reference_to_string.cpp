// Mistake: a reference member (const std::string&) in a dimension struct.
#include <string>

#include <pgcraft/model.hpp>
#include <pgcraft/plan/dimension_plan.hpp>

namespace pg = pgcraft;

struct supplier_notes {
    using dimension = pg::simple<>;
#ifdef PGCRAFT_BROKEN
    const std::string& note;
#else
    std::string note;
#endif
};

void use() { (void)pgcraft::plan::table_plan_of<supplier_notes>; }
