// Mistake: a partial index's WHERE refers to a column the dimension does not have.
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

struct live_skus {
#ifdef PGCRAFT_BROKEN
    using dimension = pg::simple<pg::unique_index<"<sku>">::where<"<is_live>">>;
#else
    using dimension = pg::simple<pg::unique_index<"<sku>">::where<"<live>">>;
#endif
    std::string sku;
    bool live;
};

static_assert(pgcraft::plan::schema_is_valid<pg::schema<suppliers, outsiders, live_skus>>);
