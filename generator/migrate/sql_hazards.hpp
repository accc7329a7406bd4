// The destructive hazards a migration file's own statements carry, read with
// PostgreSQL's parser: what `lint` checks a file was allowed, whatever wrote it.
#pragma once

#include <string>
#include <vector>

#include <pgcraft/catalog/catalog.hpp>
#include <pgcraft/migrate/hazards.hpp>

namespace pgcraft::migrate::detail {

/// DROP SCHEMA (PG101), DROP TABLE (PG102), DROP COLUMN that the file does not
/// add again (PG103), the drop of an enum type a label removal replaced
/// (PG104), and a column's type narrowed (PG201: its types looked up in the
/// snapshots before and after). Throws std::invalid_argument if `sql` does not parse.
std::vector<hazard> destructive_hazards_in(const std::string& sql, const catalog::catalog& before,
                                           const catalog::catalog& after);

}  // namespace pgcraft::migrate::detail
