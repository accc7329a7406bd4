// Compares what a pgcraft catalog declares with what a live database has, by
// reading PostgreSQL's system catalogs. Names are looked up exactly, as
// statement parameters, never spliced into SQL.
#pragma once

#include <string>
#include <vector>

#include <pgcraft/catalog/catalog.hpp>

#include "pg_cluster.hpp"

namespace pgcraft_it {

// Catalog values built member by member, so that a member the library adds
// later does not break this build (-Wmissing-field-initializers).
pgcraft::catalog::schema make_schema(std::string name);
pgcraft::catalog::column make_column(std::string name, std::string type, bool nullable = false, bool identity = false,
                                     std::string default_sql = {}, std::string comment = {});
pgcraft::catalog::constraint make_constraint(pgcraft::catalog::constraint_kind kind, std::string name,
                                             std::vector<std::string> columns, std::string expression = {});
pgcraft::catalog::role make_role(std::string name, bool login = false);
pgcraft::catalog::grant make_grant(pgcraft::catalog::object_id on, std::vector<std::string> privileges,
                                   std::string role);

/// Runs `ddl` in one transaction; throws (after rolling back) if it fails.
void apply_in_transaction(connection& db, const std::string& ddl);

/// How the live database differs from one object of a catalog: each entry
/// says one thing that is missing or not as declared. Empty when they agree.
///  - a schema: it exists;
///  - a table: it exists, its columns in order (name, type, NOT NULL,
///    identity, default, generation expression, comment), its comment and
///    its constraints (name, kind, key columns, a check's expression,
///    referenced table and columns, ON DELETE and ON UPDATE);
///  - an index: it exists on its table, unique or not, with its method, keys,
///    INCLUDE columns and predicate;
///  - a role: it exists, with LOGIN or not;
///  - a function: it exists with its arguments, result, language, body,
///    SECURITY DEFINER (and then a pinned search_path) and comment;
///  - a grant: the role holds each privilege on the object, granted directly.
/// Types, defaults and expressions are compared with the server's own reading
/// of the catalog's text (through temporary probe tables and a probe index),
/// so `varchar(32)` agrees with `character varying(32)` and `price >= 0` with
/// `CHECK ((price >= (0)::numeric))`.
std::vector<std::string> differences(connection& db, const pgcraft::catalog::object& object);

/// Every object of the catalog, as above.
std::vector<std::string> differences(connection& db, const pgcraft::catalog::catalog& catalog);

/// Every relation (table, index, view, sequence…) outside the system schemas,
/// as "schema.name", sorted.
std::vector<std::string> user_relations(connection& db);

/// Every schema outside the system schemas (and not public), sorted.
std::vector<std::string> user_schemas(connection& db);

/// `items` one per line, for test messages.
std::string lines(const std::vector<std::string>& items);

}  // namespace pgcraft_it
