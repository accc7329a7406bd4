// Mistake: a direction member whose enum has other enumerators than debit and credit.
#include <string>

#include <pgcraft/model.hpp>
#include <pgcraft/plan/dimension_plan.hpp>

namespace pg = pgcraft;

#ifdef PGCRAFT_BROKEN
enum class journal_side { left, right };
#else
enum class journal_side { debit, credit };
#endif

struct journal {
    using dimension = pg::ledger<pg::direction<"side">, pg::double_entry<>>;
    std::string account;
    journal_side side;
};

#ifndef PGCRAFT_THROUGH_GENERATOR
void use() { (void)pgcraft::plan::table_plan_of<journal>; }
#endif
using checked_schema = pg::schema<journal>;
