// What the kinds know of their own layout that a migration needs: the data
// to move when an EAV attribute is renamed or changes type. Apart from the
// kinds' builders, so that the declarations (pgcraft/model.hpp) stay cheap.
#pragma once

#include <vector>

#include <pgcraft/catalog/catalog.hpp>
#include <pgcraft/generator/dimension_info.hpp>
#include <pgcraft/migrate/declared_changes.hpp>

namespace pgcraft::kinds {

/// The data steps of an EAV dimension's renamed attributes (members with
/// pg::renamed_from): their rows in t_attributes take the new name. The
/// dimension's own renames are the objects' business, not its rows'.
std::vector<migrate::data_step> eav_renamed_attributes(const generator::dimension_info& dimension);

/// Where each EAV dimension of the catalog keeps each attribute's values,
/// read from the comments its value columns carry ("Values of: a, b"), so
/// that a snapshot tells it as well as the declarations.
std::vector<migrate::value_home> eav_value_homes(const catalog::catalog& catalog);

/// A ledger's tables as a catalog holds them: its legs and, when it declares
/// rules, its heads and balances (pgcraft/kinds/ledger.hpp), found by their
/// derived names and the commit trigger, so that a snapshot tells them as
/// well as the declarations.
struct ledger_layout {
    catalog::qualified_name legs;
    catalog::qualified_name heads;     ///< empty name: no rules
    catalog::qualified_name balances;  ///< empty name: no balances
    std::vector<std::string> groups;   ///< the balances' key
    catalog::qualified_name audit;     ///< the balances' audit function, which sums the legs as the kind does
    std::vector<std::string> head_columns;  ///< the members a head repeats from its entry (an idempotency key)
};
std::vector<ledger_layout> ledger_layouts(const catalog::catalog& catalog);

}  // namespace pgcraft::kinds
