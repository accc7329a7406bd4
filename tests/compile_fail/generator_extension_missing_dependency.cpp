// Through a generator's schema translation unit: exactly one error, on both compilers.
#include <pgcraft/generator/describe.hpp>
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
pgcraft::generator::generator_entry pgcraft_generator_entry() { return pgcraft::generator::describe<pg::schema<pg::extensions<api_extension>, customers>>("x"); }
#else
pgcraft::generator::generator_entry pgcraft_generator_entry() { return pgcraft::generator::describe<pg::schema<pg::extensions<roles_extension, api_extension>, customers>>("x"); }
#endif
