// Mistake: a generated column's expression refers to a column the dimension does not have.
#include <cstdint>
#include <string>

#include <pgcraft/model.hpp>
#include <pgcraft/plan/schema_plan.hpp>

namespace pg = pgcraft;

struct suppliers {
    using dimension = pg::simple<pg::unique<"code">>;
    pg::varchar<12> code;
    std::string name;
};

struct outsiders {
    using dimension = pg::simple<>;
    std::string name;
};

struct order_lines {
#ifdef PGCRAFT_BROKEN
    using dimension = pg::simple<pg::column<"total", pg::generated<"<price> * <qty>">>>;
#else
    using dimension = pg::simple<pg::column<"total", pg::generated<"<price> * <quantity>">>>;
#endif
    pg::numeric<10, 2> price;
    std::int32_t quantity;
    pg::numeric<14, 2> total;
};

static_assert(pgcraft::plan::schema_is_valid<pg::schema<suppliers, outsiders, order_lines>>);
