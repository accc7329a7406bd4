// Mistake: a plugin requires a key ("audit_log") that no plugin of the dimension produces.
#include <string>
#include <string_view>

#include <pgcraft/model.hpp>
#include <pgcraft/plan/schema_plan.hpp>

namespace pg = pgcraft;

struct writes_audit_entries {
    static constexpr std::string_view name = "writes_audit_entries";
    static constexpr pg::keys<"audit_log"> required_keys{};
    static constexpr pg::keys<> produced_keys{};
    static void run(auto&) {}
};

struct makes_audit_log {
    static constexpr std::string_view name = "makes_audit_log";
    static constexpr pg::keys<> required_keys{};
    static constexpr pg::keys<"audit_log"> produced_keys{};
    static void run(auto&) {}
};

struct invoices {
#ifdef PGCRAFT_BROKEN
    using dimension = pg::simple<writes_audit_entries>;
#else
    using dimension = pg::simple<writes_audit_entries, makes_audit_log>;
#endif
    std::string number;
};

static_assert(pgcraft::plan::schema_is_valid<pg::schema<invoices>>);
