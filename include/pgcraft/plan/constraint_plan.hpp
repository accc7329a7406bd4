// A dimension's constraints within its schema, checked at compile time: every
// <marker> and column name is a column of the dimension (its members and the
// columns its plugins add), and every foreign key references a primary key or
// unique columns of a dimension in the same schema, with the same SQL types.
#pragma once

#include <array>
#include <cstddef>
#include <span>
#include <string_view>
#include <type_traits>
#include <utility>

#include <pgcraft/constraints.hpp>
#include <pgcraft/detail/markers.hpp>
#include <pgcraft/detail/sql_text.hpp>
#include <pgcraft/detail/type_list.hpp>
#include <pgcraft/sql/naming.hpp>
#include <pgcraft/plan/constraint_errors.hpp>
#include <pgcraft/plan/dimension_errors.hpp>
#include <pgcraft/plan/dimension_plan.hpp>
#include <pgcraft/plan/dimension_plugins.hpp>
#include <pgcraft/plan/schema_traits.hpp>

namespace pgcraft::plan {

/// A column of a dimension's table: a member's, or one a plugin adds.
struct column_ref {
    std::string_view name;
    std::string_view type;  ///< empty where a plugin does not say
    bool nullable = false;  ///< a plugin's columns and the key are NOT NULL
};

namespace detail {
using pgcraft::detail::concat;
using pgcraft::detail::type_list;

template <class Plugins, class Dimension>
consteval auto all_columns() {
    constexpr auto& plan = table_plan_of<Dimension>;
    constexpr bool separate_key = !Plugins::has_key_member && !Plugins::key_column.empty();
    constexpr std::size_t added = [] {
        std::size_t n = 0;
        for (const auto& columns : Plugins::added_columns) n += columns.size();
        return n;
    }();
    std::array<column_ref, plan.columns.size() + added + (separate_key ? 1 : 0)> result{};
    std::size_t n = 0;
    if constexpr (separate_key) result[n++] = {Plugins::key_column, Plugins::key_sql_type};
    for (const column_plan& c : plan.columns)
        result[n++] = {c.name, c.name == Plugins::key_column ? Plugins::key_sql_type : c.type,
                       c.name != Plugins::key_column && c.nullable};
    for (const auto& columns : Plugins::added_columns)
        for (std::string_view name : columns) result[n++] = {name, {}};
    return result;
}

template <class Option>
struct constraint_of {
    using type = type_list<>;
};
template <class Option>
    requires requires { Option::kind; requires Option::category == pgcraft::detail::option_category::constraint; }
struct constraint_of<Option> {
    using type = type_list<Option>;
};

template <class Kind>
struct kind_constraints;
template <template <class...> class Kind, class... Options>
struct kind_constraints<Kind<Options...>> {
    using type = concat<typename constraint_of<Options>::type...>;
};
}  // namespace detail

/// Every column of the dimension's table, in table order.
template <class Settings, class Dimension>
inline constexpr auto columns_of = detail::all_columns<dimension_plugins<Settings, Dimension>, Dimension>();

/// The dimension's constraint options, in the order written.
template <class Dimension>
using constraints_of = typename detail::kind_constraints<typename Dimension::dimension>::type;

enum class constraint_problem {
    none,
    not_one_expression,
    unknown_check_column,
    unknown_index_column,
    unknown_predicate_column,
    unknown_unique_column,
    unknown_generated_column,
    unknown_foreign_key_column,
    target_not_in_schema,
    target_column_unknown,
    target_not_unique,
    column_counts_differ,
    column_types_differ,
    name_too_long,
    index_without_keys,
    spaced_marker,
    duplicate_name,
    generated_reads_generated,
    set_null_on_not_null,
    target_is_history_unique,
    bad_access_method,
    not_supported_by_kind,  ///< a kind that takes checks only (EAV) was given another constraint or a generated column
    unknown_convert_using_column,  ///< a pg::convert_using marker names no column of the previous version
    unknown_backfill_column,
    renamed_from_current_column,  ///< a column renamed from the name of a column the dimension has now
    allow_drop_current_column,    ///< a pg::allow_drop of a column a plugin adds
};

struct constraint_check {
    constraint_problem problem = constraint_problem::none;
    std::size_t constraint = 0;  ///< position among the dimension's constraints
    std::string_view label;      ///< the check's name or expression, the index's first key, the generated column
    std::string_view column;
    std::string_view column_type;
    std::string_view target_column;
    std::string_view target_type;
    constexpr bool ok() const noexcept { return problem == constraint_problem::none; }
};

namespace detail {
constexpr constraint_check failed(constraint_problem problem, std::size_t constraint, std::string_view label = {},
                                  std::string_view column = {}, std::string_view column_type = {},
                                  std::string_view target_column = {}, std::string_view target_type = {}) {
    return {problem, constraint, label, column, column_type, target_column, target_type};
}

template <std::size_t N>
constexpr const column_ref* find_column(const std::array<column_ref, N>& columns, std::string_view name) {
    for (const column_ref& c : columns)
        if (c.name == name) return &c;
    return nullptr;
}

/// The first marker of `text` that names no column, or an empty view.
template <std::size_t N>
constexpr std::string_view unknown_marker(const std::array<column_ref, N>& columns, std::string_view text) {
    std::string_view unknown;
    pgcraft::detail::for_each_marker(text, [&](pgcraft::detail::marker m) {
        if (unknown.empty() && !find_column(columns, m.name(text))) unknown = m.name(text);
    });
    return unknown;
}

/// `< price >`: what looks like a marker written with spaces, which would be
/// passed to the server as a comparison. Empty if there is none.
constexpr std::string_view spaced_marker(std::string_view text) {
    for (std::size_t i = 0; i < text.size();) {
        const std::size_t past = pgcraft::detail::skip_quoted(text, i);
        if (past == std::string_view::npos) return {};
        if (past != i) {
            i = past;
            continue;
        }
        if (text[i] == '<') {
            std::size_t j = i + 1;
            while (j < text.size() && text[j] == ' ') ++j;
            const std::size_t name = j;
            while (j < text.size() && pgcraft::detail::is_identifier_part(text[j])) ++j;
            const std::size_t name_end = j;
            while (j < text.size() && text[j] == ' ') ++j;
            const bool spaced = name > i + 1 || j > name_end;
            if (spaced && name_end > name && pgcraft::detail::is_identifier_start(text[name]) && j < text.size() &&
                text[j] == '>')
                return text.substr(i, j + 1 - i);
        }
        ++i;
    }
    return {};
}

/// The columns by the names the previous version gave them.
template <std::size_t N, std::size_t M>
constexpr std::array<column_ref, N> previous_columns(std::array<column_ref, N> columns,
                                                     const std::array<column_plan, M>& members) {
    for (const column_plan& m : members)
        if (!m.renamed_from.empty())
            for (column_ref& c : columns)
                if (c.name == m.name) c.name = m.renamed_from;
    return columns;
}

template <class Dimension>
constexpr std::span<const std::string_view> reserved_columns_of() {
    if constexpr (requires { Dimension::dimension::reserved_columns; }) return Dimension::dimension::reserved_columns;
    else return {};
}

/// The first problem with a member's migration options (pg::renamed_from,
/// pg::convert_using, pg::backfill), whose markers need every column.
template <class Dimension, std::size_t N>
constexpr constraint_check check_migration_options(const column_plan& c, const std::array<column_ref, N>& columns,
                                                   const std::array<column_ref, N>& previous, bool checks_only) {
    if (checks_only && !c.convert_using.empty())
        return failed(constraint_problem::not_supported_by_kind, 0, "pg::convert_using", c.name);
    if (checks_only && !c.backfill.empty())
        return failed(constraint_problem::not_supported_by_kind, 0, "pg::backfill", c.name);
    // Both versions would have a column of that name: which one the old one became is unclear.
    if (!c.renamed_from.empty()) {
        bool taken = find_column(columns, c.renamed_from) != nullptr;
        for (std::string_view reserved : reserved_columns_of<Dimension>()) taken = taken || reserved == c.renamed_from;
        if (taken) return failed(constraint_problem::renamed_from_current_column, 0, c.name, c.renamed_from);
    }
    for (std::string_view text : {c.convert_using, c.backfill})
        if (auto m = spaced_marker(text); !m.empty()) return failed(constraint_problem::spaced_marker, 0, m);
    if (auto u = unknown_marker(previous, c.convert_using); !u.empty())
        return failed(constraint_problem::unknown_convert_using_column, 0, c.name, u);
    if (auto u = unknown_marker(columns, c.backfill); !u.empty())
        return failed(constraint_problem::unknown_backfill_column, 0, c.name, u);
    return {};
}

template <class List, class Item>
inline constexpr bool in_list = false;
template <class... Items, class Item>
inline constexpr bool in_list<type_list<Items...>, Item> = (std::is_same_v<Items, Item> || ...);

// Whether `columns` is the target's key or the exact column set of one of its
// pg::unique constraints.
template <class Settings, class Target, std::size_t N>
consteval bool is_unique_in(std::span<const std::string_view, N> columns) {
    using plugins = dimension_plugins<Settings, Target>;
    if (columns.size() == 1 && columns[0] == plugins::key_column) return true;
    bool found = false;
    [&]<class... Cs>(type_list<Cs...>) {
        ([&] {
            if constexpr (Cs::kind == pgcraft::detail::constraint_kind::unique) {
                if (Cs::columns.size() != columns.size()) return;
                bool all = true;
                for (std::string_view want : columns) {
                    bool present = false;
                    for (std::string_view have : Cs::columns) present = present || have == want;
                    all = all && present;
                }
                found = found || all;
            }
        }(), ...);
    }(constraints_of<Target>{});
    return found;
}

template <class Dimension>
inline constexpr bool checks_only = false;
template <class Dimension>
    requires requires { Dimension::dimension::checks_only; }
inline constexpr bool checks_only<Dimension> = Dimension::dimension::checks_only;

template <class Schema, class Dimension, class C>
consteval constraint_check check_one(std::size_t index) {
    using settings = typename schema_traits<Schema>::settings;
    constexpr auto& columns = columns_of<settings, Dimension>;
    using kind = pgcraft::detail::constraint_kind;
    if constexpr (checks_only<Dimension> && C::kind != kind::check) {
        return failed(constraint_problem::not_supported_by_kind, index, C::value);
    } else if constexpr (C::kind == kind::check) {
        const std::string_view label = C::named ? C::name : C::expression;
        // PostgreSQL would cut a longer name with only a NOTICE.
        if (C::name.size() > sql::max_identifier_bytes) return failed(constraint_problem::name_too_long, index, C::name);
        if (!one_expression(C::expression)) return failed(constraint_problem::not_one_expression, index, C::expression);
        if (auto m = spaced_marker(C::expression); !m.empty()) return failed(constraint_problem::spaced_marker, index, m);
        if (auto u = unknown_marker(columns, C::expression); !u.empty())
            return failed(constraint_problem::unknown_check_column, index, label, u);
    } else if constexpr (C::kind == kind::unique) {
        for (std::string_view name : C::columns)
            if (!find_column(columns, name)) return failed(constraint_problem::unknown_unique_column, index, {}, name);
    } else if constexpr (C::kind == kind::index) {
        const std::string_view label = C::keys.empty() ? std::string_view{} : C::keys[0];
        if (C::keys.empty()) return failed(constraint_problem::index_without_keys, index, C::value);
        if (!C::method.empty() && !pgcraft::detail::is_plain_identifier(C::method))
            return failed(constraint_problem::bad_access_method, index, C::method);
        for (std::string_view key : C::keys) {
            if (!one_expression(key)) return failed(constraint_problem::not_one_expression, index, key);
            if (auto m = spaced_marker(key); !m.empty()) return failed(constraint_problem::spaced_marker, index, m);
            if (auto u = unknown_marker(columns, key); !u.empty())
                return failed(constraint_problem::unknown_index_column, index, label, u);
        }
        for (std::string_view name : C::included)
            if (!find_column(columns, name)) return failed(constraint_problem::unknown_index_column, index, label, name);
        if (!C::where_clause.empty()) {
            if (!one_expression(C::where_clause))
                return failed(constraint_problem::not_one_expression, index, C::where_clause);
            if (auto m = spaced_marker(C::where_clause); !m.empty())
                return failed(constraint_problem::spaced_marker, index, m);
            if (auto u = unknown_marker(columns, C::where_clause); !u.empty())
                return failed(constraint_problem::unknown_predicate_column, index, label, u);
        }
    } else if constexpr (C::kind == kind::foreign_key) {
        for (std::string_view name : C::columns)
            if (!find_column(columns, name)) return failed(constraint_problem::unknown_foreign_key_column, index, {}, name);
        // SET NULL on a NOT NULL column fails at the first delete or update it is for.
        if (C::on_delete_action == referential_action::set_null || C::on_update_action == referential_action::set_null)
            for (std::string_view name : C::columns)
                if (!find_column(columns, name)->nullable)
                    return failed(constraint_problem::set_null_on_not_null, index, {}, name);
        using target = typename C::target;
        if constexpr (requires { target::table; }) {  // a table by name: nothing more to check here
            if (C::target_columns.size() != C::columns.size()) return failed(constraint_problem::column_counts_differ, index);
        } else if constexpr (!in_list<typename schema_traits<Schema>::dimensions, target>) {
            return failed(constraint_problem::target_not_in_schema, index);
        } else {
            using target_plugins = dimension_plugins<settings, target>;
            constexpr auto& target_columns = columns_of<settings, target>;
            constexpr std::array<std::string_view, 1> key{target_plugins::key_column};
            const std::span<const std::string_view> referenced =
                C::target_columns.empty() ? std::span<const std::string_view>{key}
                                          : std::span<const std::string_view>{C::target_columns};
            if (referenced.size() != C::columns.size()) return failed(constraint_problem::column_counts_differ, index);
            for (std::string_view name : referenced)
                if (!find_column(target_columns, name))
                    return failed(constraint_problem::target_column_unknown, index, {}, {}, {}, name);
            if constexpr (C::target_columns.empty()) {
            } else if (!is_unique_in<settings, target>(std::span<const std::string_view, C::target_columns.size()>{
                           C::target_columns})) {
                return failed(constraint_problem::target_not_unique, index, {}, {}, {}, C::target_columns[0]);
            }
            // An append-only dimension's unique columns are unique among live
            // entities only (a partial index), which a foreign key cannot reference.
            if constexpr (!C::target_columns.empty() && target::dimension::kind == dimension_kind::append_only)
                if (!(C::target_columns.size() == 1 && C::target_columns[0] == target_plugins::key_column))
                    return failed(constraint_problem::target_is_history_unique, index, {}, {}, {}, C::target_columns[0]);
            for (std::size_t i = 0; i < referenced.size(); ++i) {
                const column_ref* mine = find_column(columns, C::columns[i]);
                const column_ref* theirs = find_column(target_columns, referenced[i]);
                if (mine->type != theirs->type)
                    return failed(constraint_problem::column_types_differ, index, {}, mine->name, mine->type,
                            theirs->name, theirs->type);
            }
        }
    }
    return {};
}

template <class C>
constexpr std::string_view explicit_name() {
    if constexpr (C::kind == pgcraft::detail::constraint_kind::check) return C::name;
    else return {};
}

template <class Schema, class Dimension, class... Cs, std::size_t... I>
consteval constraint_check check_all(type_list<Cs...>, std::index_sequence<I...>) {
    constraint_check result{};
    ((result = result.ok() ? check_one<Schema, Dimension, Cs>(I) : result), ...);
    return result;
}
}  // namespace detail

/// The first problem with the dimension's constraints and generated columns.
template <class Schema, class Dimension>
consteval constraint_check check_constraints() {
    using settings = typename schema_traits<Schema>::settings;
    constexpr auto& columns = columns_of<settings, Dimension>;
    // Only a member with migration options is looked at: most have none.
    for (const column_plan& c : table_plan_of<Dimension>.columns) {
        if (c.renamed_from.empty() && c.convert_using.empty() && c.backfill.empty()) continue;
        const auto previous = detail::previous_columns(columns, table_plan_of<Dimension>.columns);
        if (auto check = detail::check_migration_options<Dimension>(c, columns, previous, detail::checks_only<Dimension>);
            !check.ok())
            return check;
    }
    // Members and the kind's columns are checked with the declaration; the plugins' are known here.
    if constexpr (!table_plan_of<Dimension>.dropped_columns.empty())
        for (std::string_view dropped : table_plan_of<Dimension>.dropped_columns)
            if (detail::find_column(columns, dropped))
                return detail::failed(constraint_problem::allow_drop_current_column, 0, dropped);
    for (const column_plan& c : table_plan_of<Dimension>.columns) {
        if (c.generated.empty()) continue;
        if (detail::checks_only<Dimension>)
            return detail::failed(constraint_problem::not_supported_by_kind, 0, "pg::generated", c.name);
        if (auto u = detail::unknown_marker(columns, c.generated); !u.empty())
            return detail::failed(constraint_problem::unknown_generated_column, 0, c.name, u);
        if (auto m = detail::spaced_marker(c.generated); !m.empty())
            return detail::failed(constraint_problem::spaced_marker, 0, m);
        // PostgreSQL computes generated columns from the row as written, not from one another.
        std::string_view reads_generated;
        pgcraft::detail::for_each_marker(c.generated, [&](pgcraft::detail::marker m) {
            for (const column_plan& other : table_plan_of<Dimension>.columns)
                if (other.name == m.name(c.generated) && !other.generated.empty() && reads_generated.empty())
                    reads_generated = other.name;
        });
        if (!reads_generated.empty())
            return detail::failed(constraint_problem::generated_reads_generated, 0, c.name, reads_generated);
    }
    using all = constraints_of<Dimension>;
    // Two constraints of one table cannot share a name.
    constexpr auto names = []<class... Cs>(pgcraft::detail::type_list<Cs...>) {
        return std::array<std::string_view, sizeof...(Cs) + 1>{detail::explicit_name<Cs>()..., {}};
    }(all{});
    for (std::size_t i = 0; i < all::size; ++i)
        for (std::size_t j = 0; j < i; ++j)
            if (!names[i].empty() && names[i] == names[j])
                return detail::failed(constraint_problem::duplicate_name, i, names[i]);
    return detail::check_all<Schema, Dimension>(all{}, std::make_index_sequence<all::size>{});
}

namespace detail {
template <class Schema, class Dimension>
struct constraint_result {
    static constexpr constraint_check value = check_constraints<Schema, Dimension>();
};
template <class Result>
struct label_text {
    static constexpr std::string_view text = Result::value.label;
};
template <class Result>
struct column_text {
    static constexpr std::string_view text = Result::value.column;
};
template <class Result>
struct column_type_text {
    static constexpr std::string_view text = Result::value.column_type;
};
template <class Result>
struct target_column_text {
    static constexpr std::string_view text = Result::value.target_column;
};
template <class Result>
struct target_type_text {
    static constexpr std::string_view text = Result::value.target_type;
};

// The compile error that names a failed constraint check, as a type (see error::raise).
template <class Schema, class Dimension>
consteval auto report_constraints() {
    using result = constraint_result<Schema, Dimension>;
    constexpr constraint_check c = result::value;
    using error::name_of;
    using p = constraint_problem;
    if constexpr (c.ok()) {
        return std::type_identity<void>{};
    } else if constexpr (c.problem == p::not_one_expression) {
        return std::type_identity<error::sql_text_is_not_one_expression<Dimension, name_of<label_text<result>>>>{};
    } else if constexpr (c.problem == p::unknown_check_column) {
        return std::type_identity<error::unknown_column_in_check<Dimension, name_of<label_text<result>>,
                                                     name_of<column_text<result>>>>{};
    } else if constexpr (c.problem == p::unknown_index_column) {
        return std::type_identity<error::unknown_column_in_index<Dimension, name_of<label_text<result>>,
                                                     name_of<column_text<result>>>>{};
    } else if constexpr (c.problem == p::unknown_predicate_column) {
        return std::type_identity<error::unknown_column_in_index_predicate<Dimension, name_of<label_text<result>>,
                                                               name_of<column_text<result>>>>{};
    } else if constexpr (c.problem == p::unknown_unique_column) {
        return std::type_identity<error::unknown_column_in_unique<Dimension, name_of<column_text<result>>>>{};
    } else if constexpr (c.problem == p::unknown_generated_column) {
        return std::type_identity<error::unknown_column_in_generated_column<Dimension, name_of<label_text<result>>,
                                                                name_of<column_text<result>>>>{};
    } else if constexpr (c.problem == p::unknown_convert_using_column) {
        return std::type_identity<error::unknown_column_in_convert_using<Dimension, name_of<label_text<result>>,
                                                                         name_of<column_text<result>>>>{};
    } else if constexpr (c.problem == p::unknown_backfill_column) {
        return std::type_identity<error::unknown_column_in_backfill<Dimension, name_of<label_text<result>>,
                                                                    name_of<column_text<result>>>>{};
    } else if constexpr (c.problem == p::renamed_from_current_column) {
        return std::type_identity<error::column_renamed_from_a_column_the_dimension_has<
            Dimension, name_of<label_text<result>>, name_of<column_text<result>>>>{};
    } else if constexpr (c.problem == p::allow_drop_current_column) {
        return std::type_identity<
            error::allow_drop_names_a_column_the_dimension_has<Dimension, name_of<label_text<result>>>>{};
    } else if constexpr (c.problem == p::duplicate_name) {
        return std::type_identity<error::two_constraints_share_a_name<Dimension, name_of<label_text<result>>>>{};
    } else if constexpr (c.problem == p::spaced_marker) {
        return std::type_identity<error::marker_written_with_spaces<Dimension, name_of<label_text<result>>>>{};
    } else if constexpr (c.problem == p::generated_reads_generated) {
        return std::type_identity<error::generated_column_reads_a_generated_column<Dimension, name_of<label_text<result>>,
                                                                                   name_of<column_text<result>>>>{};
    } else if constexpr (c.problem == p::set_null_on_not_null) {
        return std::type_identity<error::set_null_on_a_not_null_column<Dimension, name_of<column_text<result>>>>{};
    } else if constexpr (c.problem == p::name_too_long) {
        return std::type_identity<error::constraint_name_longer_than_63_bytes<Dimension, name_of<label_text<result>>>>{};
    } else if constexpr (c.problem == p::index_without_keys) {
        return std::type_identity<error::index_has_no_keys<Dimension>>{};
    } else if constexpr (c.problem == p::bad_access_method) {
        return std::type_identity<error::index_access_method_is_not_an_identifier<Dimension, name_of<label_text<result>>>>{};
    } else if constexpr (c.problem == p::not_supported_by_kind) {
        return std::type_identity<error::constraint_not_supported_by_this_kind<Dimension, name_of<label_text<result>>>>{};
    } else if constexpr (c.problem == p::unknown_foreign_key_column) {
        return std::type_identity<error::unknown_column_in_foreign_key<Dimension, name_of<column_text<result>>>>{};
    } else {
        using constraint = pgcraft::detail::type_at_list<c.constraint, constraints_of<Dimension>>;
        using target = typename constraint::target;
        if constexpr (c.problem == p::target_not_in_schema) {
            return std::type_identity<error::foreign_key_target_is_not_in_the_schema<Dimension, target>>{};
        } else if constexpr (c.problem == p::target_column_unknown) {
            return std::type_identity<error::foreign_key_target_column_unknown<Dimension, target,
                                                                   name_of<target_column_text<result>>>>{};
        } else if constexpr (c.problem == p::target_is_history_unique) {
            return std::type_identity<error::foreign_key_to_a_unique_of_a_history_dimension<
                Dimension, target, name_of<target_column_text<result>>>>{};
        } else if constexpr (c.problem == p::target_not_unique) {
            return std::type_identity<error::foreign_key_target_is_not_unique<Dimension, target,
                                                                  name_of<target_column_text<result>>>>{};
        } else if constexpr (c.problem == p::column_counts_differ) {
            return std::type_identity<error::foreign_key_column_counts_differ<Dimension, target>>{};
        } else {
            return std::type_identity<error::foreign_key_column_types_differ<
                          Dimension, name_of<column_text<result>>, name_of<column_type_text<result>>, target,
                          name_of<target_column_text<result>>, name_of<target_type_text<result>>>>{};
        }
    }
}
template <class Schema, class Dimension>
struct constraints_check {
    static constexpr bool value = constraint_result<Schema, Dimension>::value.ok();
};
// The error, in a class of its own (see plugins_report).
template <class Schema, class Dimension>
struct constraints_report {
    // Only a failed check has its report instantiated: the valid ones cost nothing more.
    struct report_type {
        using type = decltype(report_constraints<Schema, Dimension>());
    };
    using type = error::raise<typename std::conditional_t<constraints_check<Schema, Dimension>::value,
                                                          std::type_identity<std::type_identity<void>>, report_type>::type>;
};
}  // namespace detail

/// True when the dimension's constraints are sound; otherwise a compile error here.
template <class Schema, class Dimension>
inline constexpr bool constraints_are_valid =
    (sizeof(typename detail::constraints_report<Schema, Dimension>::type*) > 0) &&
    detail::constraints_check<Schema, Dimension>::value;

}  // namespace pgcraft::plan
