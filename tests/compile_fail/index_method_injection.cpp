// Mistake: ::using_method<...> with more than an access method: it would run another statement.
#include <string>

#include <pgcraft/model.hpp>
#include <pgcraft/plan/schema_plan.hpp>

namespace pg = pgcraft;

struct documents {
#ifdef PGCRAFT_BROKEN
    using dimension = pg::simple<pg::index<"<title>">::using_method<"btree (title); CREATE TABLE pwned (x int); --">>;
#else
    using dimension = pg::simple<pg::index<"<title>">::using_method<"hash">>;
#endif
    std::string title;
};

static_assert(pgcraft::plan::schema_is_valid<pg::schema<documents>>);
