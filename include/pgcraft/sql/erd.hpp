// The schema as a picture: tables with their columns and keys, foreign keys
// as edges, and the tables of each history dimension grouped. A second
// renderer of the catalog, beside the DDL, compiled in the generator library.
#pragma once

#include <string>

#include <pgcraft/catalog/catalog.hpp>

namespace pgcraft::sql {

/// A Mermaid erDiagram, for Markdown. Mermaid's ER diagrams have no groups:
/// a history dimension's tables are listed together, each after a comment
/// naming the group.
std::string render_erd_mermaid(const catalog::catalog& c);

/// A Graphviz digraph (`dot -Tsvg`): a record per table, a cluster per
/// history dimension, an edge per foreign key from its column to the target.
std::string render_erd_dot(const catalog::catalog& c);

}  // namespace pgcraft::sql
