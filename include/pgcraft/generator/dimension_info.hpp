// The run-time copy of a dimension's compile-time plan: what the kinds build
// their catalog objects from. Marker texts are parsed into expressions once,
// when the copy is made.
#pragma once

#include <string>
#include <vector>

#include <pgcraft/catalog/objects.hpp>

namespace pgcraft::generator {

/// A member's column, with its comment and the C++ range its SQL type must be held to.
struct member_column {
    catalog::column column;
    std::string comment;
    std::string min_value;  ///< empty: no range check
    std::string max_value;
    std::vector<std::string> enum_labels;  ///< when the column's type is an enum type
    std::string renamed_from;  ///< the column's name in the previous version, or empty
    /// How its previous values convert to its type; markers name the previous version's columns.
    catalog::expression convert_using;
    catalog::expression backfill;  ///< the value rows already there take, when the column is new
};

enum class declared_kind { check, unique, index, foreign_key };

/// A constraint or index as declared.
struct declared_constraint {
    declared_kind kind = declared_kind::check;
    std::string name;                  ///< an explicit name, or empty for the convention
    catalog::expression expression;    ///< a check's
    std::vector<std::string> columns;  ///< unique columns, a foreign key's own, an index's INCLUDE
    std::vector<catalog::expression> keys;  ///< an index's key expressions
    bool unique = false;
    std::string method;
    catalog::expression where;
    catalog::qualified_name target;  ///< a foreign key's table
    std::vector<std::string> target_columns;
    catalog::referential_action on_delete = catalog::referential_action::no_action;
    catalog::referential_action on_update = catalog::referential_action::no_action;
    bool indexed = true;
};

struct dimension_info {
    std::string name;  ///< the struct's name
    catalog::qualified_name table;
    std::string comment;
    std::string renamed_from;  ///< the table's name in the previous version (same schema), or empty
    std::vector<member_column> members;
    std::vector<declared_constraint> constraints;
    /// pg::allow_drop: columns (attributes, on EAV) of the previous version dropped on purpose.
    std::vector<std::string> dropped_columns;
};

}  // namespace pgcraft::generator
