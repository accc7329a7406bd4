// Mistake: an extension depends on another extension that the schema does not use.
#include <string>
#include <string_view>

#include <pgcraft/model.hpp>
#include <pgcraft/plan/schema_plan.hpp>

namespace pg = pgcraft;

struct roles_extension {
    static constexpr std::string_view name = "roles";
};

struct api_extension {
    static constexpr std::string_view name = "api";
    using depends_on = pg::extensions<roles_extension>;
};

struct customers {
    using dimension = pg::simple<>;
    std::string name;
};

#ifdef PGCRAFT_BROKEN
using checked_schema = pg::schema<pg::extensions<api_extension>, customers>;
#else
using checked_schema = pg::schema<pg::extensions<roles_extension, api_extension>, customers>;
#endif
#ifndef PGCRAFT_THROUGH_GENERATOR
static_assert(pgcraft::plan::schema_is_valid<checked_schema>);
#endif
