// What PostgreSQL's own parser finds wrong with a catalog's SQL, before any
// server sees it: a statement that does not parse (PL/pgSQL bodies included),
// or an expression of a dimension's table (a check, a default, a generated
// column, an index key or predicate) that names a column the table does not
// have, which a marker would have caught at compile time. Uses libpg_query,
// the PostgreSQL 15 grammar; compiled in the generator library.
#pragma once

#include <string>
#include <vector>

#include <pgcraft/catalog/catalog.hpp>

namespace pgcraft::generator {

/// One line per problem, each naming the dimension, the construct and the name; empty when all is well.
std::vector<std::string> check_sql(const catalog::catalog& c);

}  // namespace pgcraft::generator
