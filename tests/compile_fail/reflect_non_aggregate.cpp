// Mistake: a dimension struct with a user-declared constructor (not an aggregate).
#include <string>
#include <utility>

#include <pgcraft/model.hpp>
#include <pgcraft/plan/dimension_plan.hpp>

namespace pg = pgcraft;

struct carriers {
    using dimension = pg::simple<>;
#ifdef PGCRAFT_BROKEN
    explicit carriers(std::string n) : name(std::move(n)) {}
#endif
    std::string name;
};

void use() { (void)pgcraft::plan::table_plan_of<carriers>; }
