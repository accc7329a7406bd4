// What the declarations say about the way from the previous version of the
// schema, which two catalogs alone cannot tell: what was renamed (so that its
// data is kept), how a column's values convert to a new type, how a new
// required column is filled, and the data a kind must move for them.
#pragma once

#include <string>
#include <vector>

#include <pgcraft/catalog/expression.hpp>
#include <pgcraft/catalog/identity.hpp>

namespace pgcraft::migrate {

/// An object that had another name: `from` in the previous catalog is `to`
/// in this one. A declared rename (pg::renamed_from) gives one for every
/// object derived from the renamed name too: versions tables, views,
/// functions, triggers, constraints, indexes.
struct rename {
    catalog::object_id from = {};
    catalog::object_id to = {};
    friend bool operator==(const rename&, const rename&) = default;
};

/// pg::convert_using: how a column's old values become its new type
/// (ALTER COLUMN … TYPE … USING). Markers name the table's columns as they
/// are before the change.
struct conversion {
    catalog::object_id column = {};
    catalog::expression using_expression = {};
    friend bool operator==(const conversion&, const conversion&) = default;
};

/// pg::backfill: the value a new NOT NULL column takes in existing rows.
/// Markers name the table's columns.
struct backfill {
    catalog::object_id column = {};
    catalog::expression value = {};
    friend bool operator==(const backfill&, const backfill&) = default;
};

/// SQL a kind runs to move data for a declared change that is not a change
/// of objects (an EAV attribute renamed: its rows take the new name). Runs
/// after the objects are renamed and before they are re-created; `down`
/// undoes it.
struct data_step {
    std::string up = {};
    std::string down = {};
    std::string reason = {};  ///< a line for the migration file
    /// When it renames a kind's value rows (an EAV attribute): where, from
    /// which key to which, so that the attribute is not taken for a new one.
    catalog::qualified_name table = {};
    std::string renamed_from = {};
    std::string renamed_to = {};
    friend bool operator==(const data_step&, const data_step&) = default;
};

/// Where a kind keeps one attribute's values, when it keeps them in one of
/// several columns (EAV: a value column per SQL type): the rows of `table`
/// whose `selector` column holds `key` have their value in `column`. When an
/// attribute's home moves (its type changed), a migration moves its values.
struct value_home {
    catalog::qualified_name table = {};
    std::string selector = {};
    std::string key = {};
    std::string column = {};
    bool required = false;  ///< every entity must have a value
    friend bool operator==(const value_home&, const value_home&) = default;
};

/// pg::allow_drop: what the declarations say is deliberately removed, so
/// that the migration may drop it without --allow: a column of a dimension
/// (by the dimension's struct name and the column's name), or, with an empty
/// column, a whole dimension.
struct allowed_drop {
    std::string dimension = {};
    std::string column = {};
    friend bool operator==(const allowed_drop&, const allowed_drop&) = default;
};

struct declared_changes {
    std::vector<rename> renames;  ///< in the order the objects were built
    std::vector<conversion> conversions;
    std::vector<backfill> backfills;
    std::vector<data_step> data_steps;
    std::vector<allowed_drop> drops;
    friend bool operator==(const declared_changes&, const declared_changes&) = default;
};

}  // namespace pgcraft::migrate
