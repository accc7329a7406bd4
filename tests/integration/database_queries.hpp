// Statements the integration tests run on a test database, beyond a single query.
#pragma once

#include <string>
#include <vector>

#include "pg_cluster.hpp"

namespace pgcraft_it {

/// Runs `ddl` in one transaction; throws (after rolling back) if it fails.
void apply_in_transaction(connection& db, const std::string& ddl);

/// Every relation (table, index, view, sequence…) outside the system schemas,
/// as "schema.name", sorted.
std::vector<std::string> user_relations(connection& db);

/// Every schema outside the system schemas (and not public), sorted.
std::vector<std::string> user_schemas(connection& db);

}  // namespace pgcraft_it
