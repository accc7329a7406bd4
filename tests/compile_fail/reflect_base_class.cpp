// Mistake: a dimension struct that inherits its columns from a base class.
#include <string>

#include <pgcraft/model.hpp>
#include <pgcraft/plan/dimension_plan.hpp>

namespace pg = pgcraft;

struct audited_row {
    std::string created_by;
};

#ifdef PGCRAFT_BROKEN
struct purchase_orders : audited_row {
    using dimension = pg::simple<>;
    std::string reference;
};
#else
struct purchase_orders {
    using dimension = pg::simple<>;
    std::string created_by;
    std::string reference;
};
#endif

void use() { (void)pgcraft::plan::table_plan_of<purchase_orders>; }
