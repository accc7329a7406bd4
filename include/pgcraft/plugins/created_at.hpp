// created_at: a `timestamptz NOT NULL DEFAULT now()` column on a table. The
// default is the call now(), evaluated at each insert; the Python original's
// literal 'now()' is evaluated once, when the table is created.
#pragma once

#include <string>
#include <string_view>

#include <pgcraft/fixed_string.hpp>
#include <pgcraft/kinds/simple.hpp>
#include <pgcraft/plugin.hpp>

namespace pgcraft {

template <fixed_string Column = "created_at", fixed_string Table = "primary">
struct created_at {
    static constexpr std::string_view name = "created_at";
    static constexpr keys<Table> required_keys{};
    static constexpr keys<"created_at"> produced_keys{};
    static constexpr keys<Column> added_columns{};  ///< checked against the struct's members
    static void run(auto& context) {
        kinds::add_created_at(context, Table.view(), Column.view());
        context.template set<std::string>(key::created_at, std::string(Column.view()));
    }
};

}  // namespace pgcraft
