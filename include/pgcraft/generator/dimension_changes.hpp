// The run-time work behind build_declared_changes<Schema>(): what a
// dimension's declarations say about the way from the previous version,
// computed from the objects its plugins build. Compiled once in the
// generator library; the template only runs the plugins.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include <pgcraft/catalog/catalog.hpp>
#include <pgcraft/generator/dimension_info.hpp>
#include <pgcraft/migrate/declared_changes.hpp>

namespace pgcraft::generator {

/// Whether the dimension or one of its members has a pg::renamed_from.
bool is_renamed(const dimension_info& dimension);

/// The dimension with the names the previous version gave it: its table's,
/// its renamed members', and theirs where its own declarations (constraints,
/// defaults, generated columns, a foreign key to itself) mention them. Built
/// by the same plugins, it makes the objects the previous version had.
dimension_info with_previous_names(const dimension_info& dimension);

/// The renames between two builds of one dimension into copies of one
/// catalog of `since` objects: the k-th object each added after those is one
/// object, renamed where its identities differ. Throws std::logic_error,
/// naming the dimension, when the builds did not add objects of the same
/// kinds in the same order.
std::vector<migrate::rename> paired_renames(const catalog::catalog& previous_build, const catalog::catalog& build,
                                            std::size_t since, std::string_view dimension);

/// The conversions and backfills of the dimension's members: one for each
/// table it built (the objects of `build` past the first `since`) that has
/// the member's column; then the columns it drops on purpose (pg::allow_drop).
void add_column_changes(migrate::declared_changes& changes, const dimension_info& dimension,
                        const catalog::catalog& build, std::size_t since);

/// Throws std::invalid_argument when an object renamed away is still in the
/// finished catalog (or a relation of its name is: tables, views and indexes
/// share their names), which would make the rename ambiguous.
void check_renames(const std::vector<migrate::rename>& renames, const catalog::catalog& schema);

}  // namespace pgcraft::generator
