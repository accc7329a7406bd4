// Per-column options of a dimension, written next to the dimension kind:
//   pg::column<"price", pg::sql_default<"0">, pg::comment<"Unit price in EUR">>
//   pg::column<"total", pg::generated<"<price> * <quantity>">>
//   pg::column<"price", pg::renamed_from<"cost">, pg::convert_using<"<cost>::numeric(10,2)">>
// and, of the migration options, one that is the dimension's own:
//   pg::allow_drop<"notes">   (the column notes is gone on purpose)
// The struct member stays a plain member; the option names it, and a name
// that is not a column of the dimension fails the build.
#pragma once

#include <string_view>

#include <pgcraft/detail/option.hpp>
#include <pgcraft/fixed_string.hpp>

namespace pgcraft {

/// The column's DEFAULT: one SQL expression, such as "0" or "now()".
template <fixed_string Expression>
struct sql_default {
    static constexpr detail::option_category category = detail::option_category::default_value;
    static constexpr std::string_view value = Expression.view();
};

/// A COMMENT on the column, or on the table when given as a dimension option.
template <fixed_string Text>
struct comment {
    static constexpr detail::option_category category = detail::option_category::comment;
    static constexpr std::string_view value = Text.view();
};

/// An explicit SQL type for the column, for types pgcraft cannot infer
/// ("citext", "inet"). The member's C++ type is then the application's business.
template <fixed_string Type>
struct column_type {
    static constexpr detail::option_category category = detail::option_category::column_type;
    static constexpr std::string_view value = Type.view();
};

/// A generated column: GENERATED ALWAYS AS (expression) STORED. The
/// expression refers to other columns as <markers>; the column is computed by
/// the database and never written by inserts or updates.
template <fixed_string Expression>
struct generated {
    static constexpr detail::option_category category = detail::option_category::generated;
    static constexpr std::string_view value = Expression.view();
};

// --- What a migration from the previous version needs to know ---

/// The name this had in the previous version: given to the dimension, its
/// table (in the same schema) was called Name; given to pg::column, the
/// column was. Its data is kept: a migration renames the table or column and
/// every object derived from the name instead of dropping them.
template <fixed_string Name>
struct renamed_from {
    static constexpr detail::option_category category = detail::option_category::renamed_from;
    static constexpr std::string_view value = Name.view();
};

/// How the column's values convert when its type changes: one SQL expression
/// (ALTER COLUMN ... TYPE ... USING expression). Its <markers> name the
/// dimension's columns by their names in the previous version, the column's
/// own old value included.
template <fixed_string Expression>
struct convert_using {
    static constexpr detail::option_category category = detail::option_category::convert_using;
    static constexpr std::string_view value = Expression.view();
};

/// The value that rows already there take when the column is new and NOT
/// NULL: one SQL expression whose <markers> name the dimension's columns.
template <fixed_string Expression>
struct backfill {
    static constexpr detail::option_category category = detail::option_category::backfill;
    static constexpr std::string_view value = Expression.view();
};

/// A drop that is meant. Given to a dimension: its column Name, which the
/// previous version had and this one does not, is dropped on purpose, so that
/// the migration drops it and its values without --allow PG103. Given to
/// pg::schema: the dimension whose struct was called Name, no longer in the
/// schema, is dropped on purpose (PG105). Either may be given several times,
/// once for each name.
template <fixed_string Name>
struct allow_drop {
    static constexpr detail::option_category category = detail::option_category::allow_drop;
    static constexpr std::string_view value = Name.view();
};

/// Options for the column of the dimension struct's member called Name.
template <fixed_string Name, class... Options>
struct column {
    static constexpr detail::option_category category = detail::option_category::column;
    static constexpr std::string_view value = Name.view();
    static constexpr auto options = detail::entries_of<Options...>;
};

}  // namespace pgcraft
