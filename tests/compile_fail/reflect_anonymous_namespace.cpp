// Mistake: a dimension struct in an anonymous namespace (it has no linkage).
#include <string>

#include <pgcraft/model.hpp>
#include <pgcraft/plan/dimension_plan.hpp>

namespace pg = pgcraft;

#ifdef PGCRAFT_BROKEN
namespace {
#else
namespace app {
#endif
struct hidden_bins {
    using dimension = pg::simple<>;
    std::string label;
};
}  // namespace

#ifdef PGCRAFT_BROKEN
using hidden_bins_type = hidden_bins;
#else
using hidden_bins_type = app::hidden_bins;
#endif

void use() { (void)pgcraft::plan::table_plan_of<hidden_bins_type>; }
