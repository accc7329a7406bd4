// Mistake: an enumerator name longer than the 63 bytes PostgreSQL allows an enum label (64 here; the twin's 63 fit).
#include <string>

#include <pgcraft/model.hpp>
#include <pgcraft/plan/dimension_plan.hpp>

namespace pg = pgcraft;

enum class customs_state {
    cleared,
#ifdef PGCRAFT_BROKEN
    held_for_inspection_awaiting_documents_from_the_shipper_agent_xy,
#else
    held_for_inspection_awaiting_documents_from_the_shipper_agent_x,
#endif
};

struct shipments {
    using dimension = pg::simple<>;
    std::string tracking_code;
    customs_state customs;
};

void use() { (void)pgcraft::plan::table_plan_of<shipments>; }
