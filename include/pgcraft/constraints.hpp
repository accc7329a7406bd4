// Constraints and indexes declared on a dimension, written among its kind's
// options. SQL text refers to columns as `<column>` markers, which the
// compiler checks against the dimension's columns (its members and the
// columns its plugins add); plain column lists are column names.
//
//   pg::check<"<price> > 0">                              named ck__<table>__price
//   pg::check<"price_positive", "<price> > 0">            named as given
//   pg::unique<"vendor_id", "sku">                        uq__<table>__vendor_id_sku
//   pg::index<"lower(<name>)">                            ix__<table>__name
//   pg::index<"<tags>">::using_method<"gin">
//   pg::unique_index<"lower(<email>)">::where<"<active>">::include<"name">
//   pg::foreign_key<"vendor_id">::references<vendors>     to vendors' primary key
//   pg::foreign_key<"a", "b">::references<other, "x", "y">::on_delete<pg::cascade>
//   pg::foreign_key<"code">::references_table<"ref", "currencies", "code">
//
// Member pointers (&products::sku) cannot name columns here: these options
// are written inside the struct, where the struct is still incomplete.
#pragma once

#include <array>
#include <cstddef>
#include <string_view>

#include <pgcraft/detail/option.hpp>
#include <pgcraft/fixed_string.hpp>

namespace pgcraft {

namespace detail {
template <fixed_string... Texts>
struct texts {
    static constexpr std::array<std::string_view, sizeof...(Texts)> list{Texts.view()...};
};

enum class constraint_kind { check, unique, index, foreign_key };

template <constraint_kind Kind>
struct constraint_option {
    static constexpr option_category category = option_category::constraint;
    static constexpr constraint_kind kind = Kind;
};
}  // namespace detail

/// CHECK (expression). One argument: the expression, named by the convention.
/// Two: the name, then the expression.
namespace detail {
// The default of check's second argument: no text a user writes, so that
// check<"name", ""> is a named check with an empty expression (an error),
// not an unnamed check of "name".
inline constexpr fixed_string<2> no_expression{"\0"};
}  // namespace detail

template <fixed_string First, fixed_string Second = detail::no_expression>
struct check : detail::constraint_option<detail::constraint_kind::check> {
    static constexpr bool named = Second.view() != detail::no_expression.view();
    static constexpr std::string_view name = named ? First.view() : std::string_view{};
    static constexpr std::string_view expression = named ? Second.view() : First.view();
    static constexpr std::string_view value = expression;
};

/// UNIQUE (columns).
template <fixed_string... Columns>
struct unique : detail::constraint_option<detail::constraint_kind::unique> {
    static_assert(sizeof...(Columns) > 0, "pgcraft: pg::unique<...> needs at least one column");
    static constexpr std::array<std::string_view, sizeof...(Columns)> columns{Columns.view()...};
    static constexpr std::string_view value = "pg::unique";
};

/// What ON DELETE / ON UPDATE does to referencing rows.
enum class referential_action { no_action, restrict, cascade, set_null, set_default };
inline constexpr referential_action no_action = referential_action::no_action;
inline constexpr referential_action restrict = referential_action::restrict;
inline constexpr referential_action cascade = referential_action::cascade;
inline constexpr referential_action set_null = referential_action::set_null;
inline constexpr referential_action set_default = referential_action::set_default;

namespace detail {
template <bool Unique, class Keys, class Method, class Where, class Include>
struct index_declaration : constraint_option<constraint_kind::index> {
    static constexpr bool is_unique = Unique;
    static constexpr auto keys = Keys::list;
    static constexpr std::string_view method = Method::list.empty() ? std::string_view{} : Method::list[0];
    static constexpr std::string_view where_clause = Where::list.empty() ? std::string_view{} : Where::list[0];
    static constexpr auto included = Include::list;
    static constexpr std::string_view value = Unique ? "pg::unique_index" : "pg::index";

    /// The access method: btree (the default), hash, gin, gist, spgist, brin.
    template <fixed_string Name>
    using using_method = index_declaration<Unique, Keys, texts<Name>, Where, Include>;
    /// A partial index: only the rows where the predicate holds.
    template <fixed_string Predicate>
    using where = index_declaration<Unique, Keys, Method, texts<Predicate>, Include>;
    /// Columns stored in the index but not part of its key.
    template <fixed_string... Columns>
    using include = index_declaration<Unique, Keys, Method, Where, texts<Columns...>>;
};

template <class Local, class Target, class TargetColumns, referential_action OnDelete, referential_action OnUpdate,
          bool Indexed>
struct foreign_key_declaration : constraint_option<constraint_kind::foreign_key> {
    static constexpr auto columns = Local::list;
    using target = Target;
    static constexpr auto target_columns = TargetColumns::list;  ///< empty: the target's primary key
    static constexpr referential_action on_delete_action = OnDelete;
    static constexpr referential_action on_update_action = OnUpdate;
    static constexpr bool indexed = Indexed;
    static constexpr std::string_view value = "pg::foreign_key";

    template <referential_action Action>
    using on_delete = foreign_key_declaration<Local, Target, TargetColumns, Action, OnUpdate, Indexed>;
    template <referential_action Action>
    using on_update = foreign_key_declaration<Local, Target, TargetColumns, OnDelete, Action, Indexed>;
    /// No index on the referencing columns (pgcraft makes one by default).
    using without_index = foreign_key_declaration<Local, Target, TargetColumns, OnDelete, OnUpdate, false>;
};

/// A table outside the schema's dimensions, by name.
template <fixed_string Schema, fixed_string Table>
struct raw_table {
    static constexpr std::string_view schema = Schema.view();
    static constexpr std::string_view table = Table.view();
};

template <fixed_string... Columns>
struct foreign_key_start {
    /// To another dimension of the schema: its primary key, or the named columns.
    template <class Dimension, fixed_string... TargetColumns>
    using references = foreign_key_declaration<texts<Columns...>, Dimension, texts<TargetColumns...>,
                                               no_action, no_action, true>;
    /// To a table by name, for tables pgcraft does not declare.
    template <fixed_string Schema, fixed_string Table, fixed_string... TargetColumns>
    using references_table = foreign_key_declaration<texts<Columns...>, raw_table<Schema, Table>,
                                                     texts<TargetColumns...>, no_action, no_action, true>;
};
}  // namespace detail

/// An index on key expressions ("<sku>", "lower(<name>)", "<name> text_pattern_ops").
template <fixed_string... Keys>
using index = detail::index_declaration<false, detail::texts<Keys...>, detail::texts<>, detail::texts<>,
                                        detail::texts<>>;

template <fixed_string... Keys>
using unique_index = detail::index_declaration<true, detail::texts<Keys...>, detail::texts<>, detail::texts<>,
                                               detail::texts<>>;

/// FOREIGN KEY (columns); continue with ::references<...> or ::references_table<...>.
template <fixed_string... Columns>
using foreign_key = detail::foreign_key_start<Columns...>;

}  // namespace pgcraft
