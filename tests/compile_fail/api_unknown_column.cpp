// Mistake: the API view's column list names a column the dimension does not have.
#include <cstdint>
#include <string>

#include <pgcraft/api.hpp>
#include <pgcraft/model.hpp>
#include <pgcraft/plan/schema_plan.hpp>

namespace pg = pgcraft;

struct storefront_items {
#ifdef PGCRAFT_BROKEN
    using dimension = pg::simple<pg::api<pg::grant<"web_anon", "select">, pg::api_columns<"id", "prise">>>;
#else
    using dimension = pg::simple<pg::api<pg::grant<"web_anon", "select">, pg::api_columns<"id", "price">>>;
#endif
    std::string title;
    std::int32_t price;
};

static_assert(pgcraft::plan::schema_is_valid<pg::schema<storefront_items>>);
