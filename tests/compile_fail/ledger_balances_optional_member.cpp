// Mistake: balances grouped by an optional member: a group's key is never NULL.
#include <optional>
#include <string>

#include <pgcraft/model.hpp>
#include <pgcraft/plan/dimension_plan.hpp>

namespace pg = pgcraft;

struct deposits {
#ifdef PGCRAFT_BROKEN
    using dimension = pg::ledger<pg::balances<"account", "memo">>;
#else
    using dimension = pg::ledger<pg::balances<"account">>;
#endif
    std::string account;
    std::optional<std::string> memo;
};

#ifndef PGCRAFT_THROUGH_GENERATOR
void use() { (void)pgcraft::plan::table_plan_of<deposits>; }
#endif
using checked_schema = pg::schema<deposits>;
