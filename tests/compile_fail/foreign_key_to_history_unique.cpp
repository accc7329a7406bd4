// Mistake: a foreign key to an append-only dimension's unique column (a partial index there).
#include <cstdint>
#include <string>

#include <pgcraft/model.hpp>
#include <pgcraft/plan/schema_plan.hpp>

namespace pg = pgcraft;

struct articles {
    using dimension = pg::append_only<pg::unique<"code">>;
    pg::varchar<16> code;
    std::string title;
};

struct citations {
#ifdef PGCRAFT_BROKEN
    using dimension = pg::simple<pg::foreign_key<"article_code">::references<articles, "code">>;
    pg::varchar<16> article_code;
#else
    using dimension = pg::simple<pg::foreign_key<"article_id">::references<articles>>;
    std::int64_t article_id;
#endif
};

static_assert(pgcraft::plan::schema_is_valid<pg::schema<articles, citations>>);
