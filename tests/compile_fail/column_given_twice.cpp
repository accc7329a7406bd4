// Mistake: two pg::column<...> entries for one column (merge them into one).
#include <string>

#include <pgcraft/model.hpp>
#include <pgcraft/plan/dimension_plan.hpp>

namespace pg = pgcraft;

struct stock_moves {
#ifdef PGCRAFT_BROKEN
    using dimension = pg::simple<pg::column<"quantity", pg::sql_default<"1">>,
                                 pg::column<"quantity", pg::comment<"Units moved">>>;
#else
    using dimension = pg::simple<pg::column<"quantity", pg::sql_default<"1">, pg::comment<"Units moved">>>;
#endif
    std::string reason;
    int quantity;
};

void use() { (void)pgcraft::plan::table_plan_of<stock_moves>; }
