// Mistake: two dimensions of one schema with the same schema-qualified table name.
#include <string>

#include <pgcraft/model.hpp>
#include <pgcraft/plan/schema_plan.hpp>

namespace pg = pgcraft;

struct stock_items {
    using dimension = pg::simple<pg::in_schema<"inventory">, pg::table_name<"items">>;
    std::string sku;
};

struct catalogue_items {
#ifdef PGCRAFT_BROKEN
    using dimension = pg::simple<pg::in_schema<"inventory">, pg::table_name<"items">>;
#else
    using dimension = pg::simple<pg::in_schema<"catalogue">, pg::table_name<"items">>;
#endif
    std::string title;
};

static_assert(pgcraft::plan::schema_is_valid<pg::schema<stock_items, catalogue_items>>);
