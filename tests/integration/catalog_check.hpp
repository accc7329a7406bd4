// Compares what a pgcraft catalog declares with what a live database has, by
// reading PostgreSQL's system catalogs. Names are looked up exactly, as
// statement parameters, never spliced into SQL.
#pragma once

#include <string>
#include <vector>

#include <pgcraft/catalog/catalog.hpp>

#include "pg_cluster.hpp"

namespace pgcraft_it {

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

}  // namespace pgcraft_it
