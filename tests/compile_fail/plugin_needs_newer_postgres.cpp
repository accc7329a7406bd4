// Mistake: a UUID v7 key (uuidv7() is built into PostgreSQL 18) in a schema that targets 15.
#include <string>

#include <pgcraft/model.hpp>
#include <pgcraft/plan/schema_plan.hpp>

namespace pg = pgcraft;

struct sessions {
    using dimension = pg::simple<pg::uuid_v7_key<>>;
    std::string user_agent;
};

#ifdef PGCRAFT_BROKEN
static_assert(pgcraft::plan::schema_is_valid<pg::schema<sessions>>);
#else
static_assert(pgcraft::plan::schema_is_valid<pg::schema<pg::postgres_version<18>, sessions>>);
#endif
