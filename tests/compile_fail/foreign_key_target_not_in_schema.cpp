// Mistake: a foreign key references a dimension that is not in the schema.
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

struct unlisted {  // a dimension, but not in the schema below
    using dimension = pg::simple<>;
    std::string name;
};

struct audits {
#ifdef PGCRAFT_BROKEN
    using dimension = pg::simple<pg::foreign_key<"subject_id">::references<unlisted>>;
#else
    using dimension = pg::simple<pg::foreign_key<"subject_id">::references<suppliers>>;
#endif
    std::int64_t subject_id;
};

static_assert(pgcraft::plan::schema_is_valid<pg::schema<suppliers, outsiders, audits>>);
