// The constraints and indexes declared on a dimension, added to its table:
// checks, unique constraints, indexes, foreign keys (each with an index on
// its columns unless declared ::without_index or another index leads with them).
#pragma once

#include <string_view>

#include <pgcraft/fixed_string.hpp>
#include <pgcraft/kinds/simple.hpp>
#include <pgcraft/plugin.hpp>

namespace pgcraft {

template <fixed_string Table = "primary">
struct table_constraints {
    static constexpr std::string_view name = "table_constraints";
    static constexpr keys<Table> required_keys{};
    static constexpr keys<> produced_keys{};
    static void run(auto& context) { kinds::add_declared_constraints(context, Table.view()); }
};

}  // namespace pgcraft
