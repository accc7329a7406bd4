// Mistake: an event named like a function the ledger makes itself (t_reverse).
#include <string>

#include <pgcraft/model.hpp>
#include <pgcraft/plan/dimension_plan.hpp>

namespace pg = pgcraft;

struct refunds {
#ifdef PGCRAFT_BROKEN
    using dimension = pg::ledger<pg::event<"reverse", "SELECT :who AS <account>, -1 AS <value>", pg::param<"who", std::string>>>;
#else
    using dimension = pg::ledger<pg::event<"refund", "SELECT :who AS <account>, -1 AS <value>", pg::param<"who", std::string>>>;
#endif
    std::string account;
};

#ifndef PGCRAFT_THROUGH_GENERATOR
void use() { (void)pgcraft::plan::table_plan_of<refunds>; }
#endif
using checked_schema = pg::schema<refunds>;
