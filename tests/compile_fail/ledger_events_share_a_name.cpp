// Mistake: two events of one name.
#include <string>

#include <pgcraft/model.hpp>
#include <pgcraft/plan/dimension_plan.hpp>

namespace pg = pgcraft;

struct loyalty {
#ifdef PGCRAFT_BROKEN
    using dimension = pg::ledger<pg::event<"grant", "SELECT :who AS <account>, 1 AS <value>", pg::param<"who", std::string>>, pg::event<"grant", "SELECT :who AS <account>, -1 AS <value>", pg::param<"who", std::string>>>;
#else
    using dimension = pg::ledger<pg::event<"grant", "SELECT :who AS <account>, 1 AS <value>", pg::param<"who", std::string>>, pg::event<"revoke", "SELECT :who AS <account>, -1 AS <value>", pg::param<"who", std::string>>>;
#endif
    std::string account;
};

#ifndef PGCRAFT_THROUGH_GENERATOR
void use() { (void)pgcraft::plan::table_plan_of<loyalty>; }
#endif
using checked_schema = pg::schema<loyalty>;
