// A live database read into catalog values: what pgcraft makes, for the
// schemas it makes them in. Every text comes as the server prints it (types
// by format_type, defaults, checks and index definitions by pg_get_expr,
// pg_get_constraintdef and pg_get_indexdef, views by pg_get_viewdef,
// function bodies as stored), so two databases built from the same
// declarations read back equal, and a declared catalog is compared by
// building it first (see drift.hpp).
#pragma once

#include <string>
#include <vector>

#include <pgcraft/catalog/catalog.hpp>
#include <pgcraft/live/connection.hpp>

namespace pgcraft::live {

/// What to read: objects in these schemas; these roles (roles belong to the
/// whole cluster: only those named are read), and the grants on the objects
/// read to any role but their owner.
struct scope {
    std::vector<std::string> schemas;
    std::vector<std::string> roles;
    /// Extensions read: these, and any whose objects are in the schemas.
    std::vector<std::string> extensions;
};

/// The schemas, roles and extensions a catalog declares.
scope scope_of(const catalog::catalog& declared);

/// The database as catalog values. A column's position is its rank among
/// the table's columns (PostgreSQL appends added columns: compare without it).
/// Parts are read as wholes: a constraint's, index's or trigger's definition
/// as the server prints it, NOT VALID, invalid or disabled included.
catalog::catalog introspect(connection& db, const scope& what);

}  // namespace pgcraft::live
