// Mistake: two plugins produce one key and neither says it overrides the other.
#include <string>
#include <string_view>

#include <pgcraft/model.hpp>
#include <pgcraft/plan/schema_plan.hpp>

namespace pg = pgcraft;

struct default_tax_rules {
    static constexpr std::string_view name = "default_tax_rules";
    static constexpr pg::keys<> required_keys{};
    static constexpr pg::keys<"tax_rules"> produced_keys{};
    static void run(auto&) {}
};

struct custom_tax_rules {
    static constexpr std::string_view name = "custom_tax_rules";
    static constexpr pg::keys<> required_keys{};
    static constexpr pg::keys<"tax_rules"> produced_keys{};
#ifdef PGCRAFT_BROKEN
    // (no overridden_keys)
#else
    static constexpr pg::keys<"tax_rules"> overridden_keys{};
#endif
    static void run(auto&) {}
};

struct sales {
    using dimension = pg::simple<default_tax_rules, custom_tax_rules>;
    std::string region;
};

static_assert(pgcraft::plan::schema_is_valid<pg::schema<sales>>);
