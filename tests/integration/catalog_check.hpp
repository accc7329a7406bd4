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
/// `default_sql` is parsed for `<column>` markers, as a declaration's is.
pgcraft::catalog::column make_column(std::string name, std::string type, bool nullable = false, bool identity = false,
                                     std::string default_sql = {});
pgcraft::catalog::constraint make_constraint(pgcraft::catalog::constraint_kind kind, std::string name,
                                             std::vector<std::string> columns,
                                             pgcraft::catalog::expression check = {});
pgcraft::catalog::foreign_key_target make_target(
    pgcraft::catalog::qualified_name table, std::vector<std::string> columns,
    pgcraft::catalog::referential_action on_delete = pgcraft::catalog::referential_action::no_action,
    pgcraft::catalog::referential_action on_update = pgcraft::catalog::referential_action::no_action);
pgcraft::catalog::role make_role(std::string name, bool login = false);
pgcraft::catalog::grant make_grant(pgcraft::catalog::object_id on, std::vector<pgcraft::catalog::privilege> privileges,
                                   std::string role);
pgcraft::catalog::comment make_comment(pgcraft::catalog::object_id on, std::string text);
pgcraft::catalog::function make_function(pgcraft::catalog::qualified_name name,
                                         std::vector<pgcraft::catalog::argument> arguments, std::string returns,
                                         std::string body);
pgcraft::catalog::view make_view(pgcraft::catalog::qualified_name name, std::string query,
                                 std::vector<std::string> columns);
pgcraft::catalog::trigger make_trigger(std::string name, pgcraft::catalog::object_id on,
                                       pgcraft::catalog::trigger_timing timing,
                                       std::vector<pgcraft::catalog::trigger_event> events,
                                       pgcraft::catalog::object_id function);
pgcraft::catalog::enum_type make_enum_type(pgcraft::catalog::qualified_name name, std::vector<std::string> labels);
pgcraft::catalog::extension make_extension(std::string name, std::string schema = {});

/// Runs `ddl` in one transaction; throws (after rolling back) if it fails.
void apply_in_transaction(connection& db, const std::string& ddl);

/// How the live database differs from one object of a catalog (which holds
/// the object's parts: a table's columns, constraints and comments): each
/// entry says one thing that is missing or not as declared. Empty when they
/// agree.
///  - an extension: it is installed, in its declared schema if it has one;
///  - a role: it exists, with LOGIN or not;
///  - a schema: it exists, with its comment;
///  - an enum type: it exists, with its labels in their order, and its comment;
///  - a table: it exists, its columns in order (name, type, NOT NULL,
///    identity, default, generation expression, comment), its comment and
///    its constraints (name, kind, key columns, a check's expression,
///    referenced table and columns, ON DELETE and ON UPDATE), and no
///    constraint that is not declared;
///  - a column or a constraint: as its table's check says of it;
///  - an index: it exists on its table, unique or not, with its method, keys,
///    INCLUDE columns and predicate, and its comment;
///  - a view: it exists, its columns by name in order, its query and comment;
///  - a function: it exists with its argument types, argument names, result,
///    language, volatility, body, SECURITY DEFINER, search_path setting and
///    comment;
///  - a trigger: it exists on its table or view, with its timing, events,
///    FOR EACH ROW or STATEMENT, function and WHEN condition;
///  - a comment: the object has exactly that comment;
///  - a grant: the role holds each privilege on the object, granted directly.
/// Types, defaults and expressions are compared with the server's own reading
/// of the catalog's text (through temporary probe tables, a probe index, a
/// probe view and a probe trigger), so `varchar(32)` agrees with
/// `character varying(32)` and `price >= 0` with `CHECK ((price >= (0)::numeric))`.
std::vector<std::string> differences(connection& db, const pgcraft::catalog::catalog& catalog,
                                     const pgcraft::catalog::object& object);

/// Every statement object of the catalog, as above (so every object: columns,
/// constraints and comments are checked with what they belong to).
std::vector<std::string> differences(connection& db, const pgcraft::catalog::catalog& catalog);

/// Every relation (table, index, view, sequence…) outside the system schemas,
/// as "schema.name", sorted.
std::vector<std::string> user_relations(connection& db);

/// Every schema outside the system schemas (and not public), sorted.
std::vector<std::string> user_schemas(connection& db);

/// `items` one per line, for test messages.
std::string lines(const std::vector<std::string>& items);

}  // namespace pgcraft_it
