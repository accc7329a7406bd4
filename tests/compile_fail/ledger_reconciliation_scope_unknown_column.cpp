// Mistake: a reconciliation's scope names a column the ledger does not have (a typo).
#include <cstdint>
#include <string>

#include <pgcraft/model.hpp>
#include <pgcraft/plan/dimension_plan.hpp>

namespace pg = pgcraft;

struct revenue {
#ifdef PGCRAFT_BROKEN
    using dimension = pg::ledger<pg::reconciliation<"sync", "<invoice> = :invoice",
                                                    "SELECT :invoice AS <invoice_id>, 'total' AS <line>, 1 AS <value>",
                                                    pg::param<"invoice", std::int64_t>>>;
#else
    using dimension = pg::ledger<pg::reconciliation<"sync", "<invoice_id> = :invoice",
                                                    "SELECT :invoice AS <invoice_id>, 'total' AS <line>, 1 AS <value>",
                                                    pg::param<"invoice", std::int64_t>>>;
#endif
    std::int64_t invoice_id;
    std::string line;
};

#ifndef PGCRAFT_THROUGH_GENERATOR
void use() { (void)pgcraft::plan::table_plan_of<revenue>; }
#endif
using checked_schema = pg::schema<revenue>;
