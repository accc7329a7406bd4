// Per-column options of a dimension, written next to the dimension kind:
//   pg::column<"price", pg::sql_default<"0">, pg::comment<"Unit price in EUR">>
//   pg::column<"total", pg::generated<"<price> * <quantity>">>
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

/// Options for the column of the dimension struct's member called Name.
template <fixed_string Name, class... Options>
struct column {
    static constexpr detail::option_category category = detail::option_category::column;
    static constexpr std::string_view value = Name.view();
    static constexpr auto options = detail::entries_of<Options...>;
};

}  // namespace pgcraft
