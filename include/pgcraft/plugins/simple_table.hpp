// The table of a simple dimension: the key columns, then one column per
// member, with the key constraint and the range checks of narrow C++ types.
#pragma once

#include <string>
#include <string_view>

#include <pgcraft/fixed_string.hpp>
#include <pgcraft/kinds/simple.hpp>
#include <pgcraft/plugin.hpp>

namespace pgcraft {

template <fixed_string Table = "primary">
struct simple_table {
    static constexpr std::string_view name = "simple_table";
    static constexpr keys<"primary_key"> required_keys{};
    static constexpr keys<Table, "rows"> produced_keys{};
    static constexpr std::string_view singleton_group = group::table;
    static void run(auto& context) { kinds::add_dimension_table(context, Table.view()); }
};

}  // namespace pgcraft
