// Mistake: a generated column that reads another generated column.
#include <pgcraft/model.hpp>
#include <pgcraft/plan/schema_plan.hpp>

namespace pg = pgcraft;

struct invoices {
#ifdef PGCRAFT_BROKEN
    using dimension = pg::simple<pg::column<"net", pg::generated<"<gross> - <tax>">>,
                                 pg::column<"net_rounded", pg::generated<"round(<net>)">>>;
#else
    using dimension = pg::simple<pg::column<"net", pg::generated<"<gross> - <tax>">>,
                                 pg::column<"net_rounded", pg::generated<"round(<gross> - <tax>)">>>;
#endif
    pg::numeric<12, 2> gross;
    pg::numeric<12, 2> tax;
    pg::numeric<12, 2> net;
    pg::numeric<12, 0> net_rounded;
};

static_assert(pgcraft::plan::schema_is_valid<pg::schema<invoices>>);
