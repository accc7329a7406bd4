// The rendering layer: every SQL statement pgcraft writes comes from here,
// from catalog values. It does not depend on the schema, so it is compiled
// once, in the generator library (generator/sql/).
#pragma once

#include <set>
#include <string>
#include <string_view>

#include <pgcraft/catalog/catalog.hpp>

namespace pgcraft::sql {

/// Every statement that creates the catalog's objects, dependencies first,
/// formatted as a person would write it.
std::string render_ddl(const catalog::catalog& c);
/// The same, with the views and functions in `replace` written
/// CREATE OR REPLACE: what a migration writes for a catalog of the objects it
/// creates or changes in place.
std::string render_ddl(const catalog::catalog& c, const std::set<catalog::object_id>& replace);

/// What the drift check builds in its scratch database (pgcraft/live/drift.hpp),
/// where only the server's reading of the objects matters, in the least time:
/// render_ddl's statements, but each table that PostgreSQL lets be partitioned
/// without refusing one of its keys is created PARTITION BY LIST (a column),
/// which gives it no storage (no file, TOAST table or index is built: most of
/// a plain build's time is their fsync); identity columns are plain NOT NULL
/// columns (no sequence); no comments (the server keeps their text as given);
/// primary keys and unique constraints of tables no foreign key references
/// are left out (their columns NOT NULL as a key makes them), since building
/// one builds an index. The reading of such a database differs from the
/// plain one's only there: "ON ONLY" in an index definition, identity,
/// comments, and those keys (render_key_definition).
std::string render_scratch_ddl(const catalog::catalog& c);

/// A primary key or unique constraint as the server prints it (pg_get_constraintdef):
/// PRIMARY KEY (a, b), UNIQUE (c).
std::string render_key_definition(const catalog::constraint& c);

/// One object's statement. A table's takes its columns, constraints and
/// comments from the catalog; the comment on a schema, enum type, index,
/// function or view follows its statement.
std::string render_create(const catalog::catalog& c, const catalog::object& o);

/// An expression with each column reference written for its context: the
/// quoted column (table constraints, indexes), NEW.column (row triggers), or
/// alias.column (views).
std::string render(const catalog::expression& e);
std::string render_new_row(const catalog::expression& e);
std::string render_qualified(const catalog::expression& e, std::string_view alias);

/// SQL keywords of the catalog's enumerations.
std::string_view keyword(catalog::referential_action a);
std::string_view keyword(catalog::trigger_timing t);
std::string_view keyword(catalog::trigger_event e);
std::string_view keyword(catalog::volatility v);
std::string_view keyword(catalog::language l);
std::string_view keyword(catalog::privilege p);

}  // namespace pgcraft::sql
