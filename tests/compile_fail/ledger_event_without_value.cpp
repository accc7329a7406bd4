// Mistake: an event's query that gives its legs no value.
#include <string>

#include <pgcraft/model.hpp>
#include <pgcraft/plan/dimension_plan.hpp>

namespace pg = pgcraft;

struct loyalty {
#ifdef PGCRAFT_BROKEN
    using dimension = pg::ledger<pg::event<"grant", "SELECT :who AS <account>, :points AS points", pg::param<"who", std::string>, pg::param<"points", int>>>;
#else
    using dimension = pg::ledger<pg::event<"grant", "SELECT :who AS <account>, :points AS <value>", pg::param<"who", std::string>, pg::param<"points", int>>>;
#endif
    std::string account;
};

#ifndef PGCRAFT_THROUGH_GENERATOR
void use() { (void)pgcraft::plan::table_plan_of<loyalty>; }
#endif
using checked_schema = pg::schema<loyalty>;
