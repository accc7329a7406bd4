// Mistake: two plugins each require what the other produces, so neither can run first.
#include <string>
#include <string_view>

#include <pgcraft/model.hpp>
#include <pgcraft/plan/schema_plan.hpp>

namespace pg = pgcraft;

struct drafts_layout {
    static constexpr std::string_view name = "drafts_layout";
    static constexpr pg::keys<"styles"> required_keys{};
    static constexpr pg::keys<"layout"> produced_keys{};
    static void run(auto&) {}
};

struct drafts_styles {
    static constexpr std::string_view name = "drafts_styles";
#ifdef PGCRAFT_BROKEN
    static constexpr pg::keys<"layout"> required_keys{};
#else
    static constexpr pg::keys<> required_keys{};
#endif
    static constexpr pg::keys<"styles"> produced_keys{};
    static void run(auto&) {}
};

struct quiet_plugin {
    static constexpr std::string_view name = "quiet_plugin";
    static constexpr pg::keys<> required_keys{};
    static constexpr pg::keys<> produced_keys{};
    static void run(auto&) {}
};

struct reports {
    using dimension = pg::simple<quiet_plugin, drafts_layout, drafts_styles>;
    std::string title;
};

using checked_schema = pg::schema<reports>;
#ifndef PGCRAFT_THROUGH_GENERATOR
static_assert(pgcraft::plan::schema_is_valid<checked_schema>);
#endif
