// A dimension struct, read at compile time into a constexpr plan of its
// table: names, column types, defaults, comments. Every mistake in the
// declaration is found here and reported as one compile error.
#pragma once

#include <array>
#include <span>
#include <cstddef>
#include <string_view>
#include <type_traits>
#include <utility>

#include <pgcraft/column.hpp>
#include <pgcraft/detail/markers.hpp>
#include <pgcraft/detail/parameters.hpp>
#include <pgcraft/detail/option.hpp>
#include <pgcraft/reflect/detail/enum_names.hpp>
#include <pgcraft/detail/sql_text.hpp>
#include <pgcraft/detail/type_list.hpp>
#include <pgcraft/dimension.hpp>
#include <pgcraft/plan/dimension_errors.hpp>
#include <pgcraft/reflect.hpp>
#include <pgcraft/sql/naming.hpp>
#include <pgcraft/sql_type.hpp>

namespace pgcraft::plan {

/// One column of a planned table. Empty views mean "none".
struct column_plan {
    std::string_view name;
    /// The SQL type as written in DDL. For an enum column: the enum type's
    /// name, unqualified and unquoted, the same text as enum_type.
    std::string_view type;
    bool nullable = false;
    std::string_view default_sql;
    std::string_view comment;
    std::string_view generated;  ///< the expression, with <markers>, of a generated column
    std::string_view min_value;  ///< with max_value: a CHECK keeping values in the C++ type's range
    std::string_view max_value;
    /// A member of `enum class` type (or std::optional of one) is a column of
    /// a PostgreSQL enum type, `CREATE TYPE <schema>.<enum_type> AS ENUM (labels...)`:
    /// enum_type is the C++ enum's own name without namespaces or enclosing
    /// classes ("order_status" for app::order_status), to be created in the
    /// table's schema (table_plan::schema); empty when the column is not an
    /// enum (also when pg::column_type<...> gives its type).
    std::string_view enum_type;
    /// Its labels, enum_label_count of them: the enumerators' names in
    /// ascending value order, so that PostgreSQL sorts the values as C++
    /// compares them. Each label is 1 to 63 bytes. Null when enum_type is empty.
    const std::string_view* enum_labels = nullptr;
    std::size_t enum_label_count = 0;
    std::string_view renamed_from;   ///< pg::renamed_from: the column's name in the previous version
    std::string_view convert_using;  ///< pg::convert_using: with <markers> of the previous version's columns
    std::string_view backfill;       ///< pg::backfill: with <markers>

    constexpr std::span<const std::string_view> labels() const noexcept { return {enum_labels, enum_label_count}; }
};

template <std::size_t ColumnCount, std::size_t DroppedCount = 0>
struct table_plan {
    std::string_view dimension;  ///< the struct's name, for messages
    std::string_view schema;
    std::string_view table;
    std::string_view comment;
    std::string_view renamed_from;  ///< pg::renamed_from: the table's name in the previous version
    std::array<column_plan, ColumnCount> columns;  ///< one per member; plugins add the key and others
    /// pg::allow_drop: columns of the previous version that are dropped on purpose.
    std::array<std::string_view, DroppedCount> dropped_columns;
};

/// What is wrong with a dimension declaration, as a value: unit tests assert
/// on it without a failing build.
enum class dimension_problem {
    none,
    not_an_option,
    option_given_twice,
    unknown_column,
    column_options_given_twice,
    not_a_column_option,
    default_not_one_expression,
    no_sql_type,
    bad_name,
    bad_member_name,
    bad_type_parameters,
    bad_column_type,
    reserved_column,
    default_refers_to_column,
    reserved_schema,
    plain_enum,         ///< an unscoped enum member: use enum class
    enum_without_labels,  ///< an enum class with no enumerator in the probed range
    enum_name_too_long,   ///< the enum's name or one of its labels is longer than 63 bytes
    bad_renamed_from,     ///< pg::renamed_from: empty, longer than 63 bytes, or the name it has now
    renamed_from_shared,  ///< two columns renamed from one name
    convert_using_not_one_expression,
    backfill_not_one_expression,
    bad_allow_drop,             ///< pg::allow_drop: empty or longer than 63 bytes
    allow_drop_given_twice,
    allow_drop_current_column,  ///< pg::allow_drop of a member or of a column the kind reserves
    allow_drop_renamed_column,  ///< pg::allow_drop of the name a column is renamed from
    unsupported_ledger_value,   ///< pg::ledger_value of a type a ledger does not take
    ledger_rule_unknown_member,   ///< pg::double_entry or pg::balances names no member
    balance_group_optional,       ///< pg::balances names an optional member: a group's key is never NULL
    balance_group_reserved,       ///< pg::balances names a member called like a column of the balances table
    limit_without_balances,       ///< pg::min_balance or pg::max_balance without pg::balances
    limit_unknown_marker,         ///< a limit's condition names a column that is not one of the balances' members
    event_given_twice,            ///< two pg::event of one name
    event_name_reserved,          ///< a pg::event named like a function the ledger makes (t_reverse, t_commit, …)
    event_bad_name,               ///< a pg::event's name is not an identifier
    event_unknown_column,         ///< a pg::event's query names, as a marker, a column the ledger's legs do not have
    event_without_value,          ///< a pg::event's query does not name <value>
    event_unknown_parameter,      ///< a pg::event's query reads a :parameter it does not declare
    event_parameter_without_sql_type,  ///< a pg::param of a C++ type pgcraft maps to no SQL type
    direction_not_debit_credit,   ///< pg::direction names a member that is not an enum class of debit and credit
};

struct dimension_check {
    dimension_problem problem = dimension_problem::none;
    std::size_t option = 0;  ///< position among the kind's options
    std::size_t field = 0;   ///< position among the struct's fields
    std::string_view name;   ///< the offending name, where there is one
    constexpr bool ok() const noexcept { return problem == dimension_problem::none; }
};

using sql::default_schema;
using sql::max_identifier_bytes;

namespace detail {
using pgcraft::detail::option_category;
using pgcraft::detail::option_entry;

template <class Kind>
struct kind_options;
template <template <class...> class Kind, class... Options>
struct kind_options<Kind<Options...>> {
    static constexpr auto entries = pgcraft::detail::entries_of<Options...>;
    template <std::size_t I>
    using at = pgcraft::detail::type_at<I, Options...>;
};

template <class T>
using options_of = kind_options<typename T::dimension>;

template <class Option>
inline constexpr std::array<option_entry, 0> column_entries{};
template <fixed_string Name, class... Inner>
inline constexpr auto column_entries<column<Name, Inner...>> = column<Name, Inner...>::options;

/// What the SQL side knows about one member type. Computed once per type,
/// however many dimensions use it.
struct member_facts {
    bool nullable = false;
    bool mapped = false;
    bool plain_enum = false;  ///< an unscoped enum without a sql_type<E>
    bool bad_parameters = false;  ///< varchar<0>, numeric<0, 0>: parameters PostgreSQL refuses
    std::string_view type;
    std::string_view min_value;
    std::string_view max_value;
    std::string_view enum_type;  ///< an enum class without a sql_type<E>: its name
    const std::string_view* enum_labels = nullptr;
    std::size_t enum_label_count = 0;
};

// A specialisation of sql_type<E> wins over the enum mapping, so that an
// application can store an enum as text or as its integer instead.
// Unscoped enums are not mapped: they convert silently to and from int (and
// are often flag sets), and probing values that are not enumerators of one
// without a fixed underlying type is not a constant expression in newer clang.
template <class Member>
consteval member_facts facts_of_member() {
    using traits = column_type_traits<std::remove_cv_t<Member>>;
    using value = typename traits::value_type;
    member_facts facts{};
    facts.nullable = traits::nullable;
    facts.mapped = has_sql_type<value>;
    if constexpr (has_sql_type<value>) {
        facts.type = sql_type<value>::name;
    } else if constexpr (reflect::scoped_enum<value>) {
        facts.mapped = true;
        facts.type = reflect::enum_name<value>;
        facts.enum_type = reflect::enum_name<value>;
        facts.enum_labels = reflect::enum_labels<value>.data();
        facts.enum_label_count = reflect::enum_labels<value>.size();
    } else if constexpr (std::is_enum_v<value>) {
        facts.plain_enum = true;
    }
    if constexpr (requires { value::valid_parameters; }) facts.bad_parameters = !value::valid_parameters;
    if constexpr (has_sql_range<value>) {
        facts.min_value = sql_type<value>::min_value;
        facts.max_value = sql_type<value>::max_value;
    }
    return facts;
}

// The enum's name if it is too long, else its first label that is.
constexpr std::string_view overlong_enum_name(const member_facts& facts) {
    if (facts.enum_type.size() > max_identifier_bytes) return facts.enum_type;
    for (std::size_t i = 0; i < facts.enum_label_count; ++i)
        if (facts.enum_labels[i].size() > max_identifier_bytes) return facts.enum_labels[i];
    return {};
}

template <class Members>
struct members_facts;
template <class... Members>
struct members_facts<pgcraft::reflect::detail::members<Members...>> {
    static constexpr std::array<member_facts, sizeof...(Members)> value{facts_of_member<Members>()...};
};

/// One member_facts per field of T, by one pack expansion over its member types.
template <class T>
inline constexpr auto& facts_of =
    members_facts<std::remove_cv_t<decltype(reflect::detail::bound_v<T>)>>::value;

template <class T, class Indices>
struct column_option_tables;
template <class T, std::size_t... I>
struct column_option_tables<T, std::index_sequence<I...>> {
    // For each of the kind's options, its inner column options (empty if it is not a column).
    static constexpr std::array<std::span<const option_entry>, sizeof...(I)> inner{
        std::span<const option_entry>{column_entries<typename options_of<T>::template at<I>>}...};
};

template <class T>
using column_options_of = column_option_tables<T, std::make_index_sequence<options_of<T>::entries.size()>>;

constexpr std::string_view single_option(std::span<const option_entry> entries, option_category category,
                                         std::string_view fallback) {
    for (const option_entry& entry : entries)
        if (entry.category == category) return entry.value;
    return fallback;
}

constexpr std::size_t count_of(std::span<const option_entry> entries, option_category category) {
    std::size_t n = 0;
    for (const option_entry& entry : entries) n += entry.category == category ? 1 : 0;
    return n;
}

template <class T>
inline constexpr bool is_ledger = T::dimension::kind == dimension_kind::ledger;

constexpr bool is_valid_name(std::string_view name) {
    return !name.empty() && name.size() <= max_identifier_bytes;
}

constexpr bool one_expression(std::string_view text) {
    return pgcraft::detail::single_expression_problem(text) == pgcraft::detail::sql_text_problem::none;
}

template <class T>
consteval std::string_view schema_of() {
    return single_option(options_of<T>::entries, option_category::schema, default_schema);
}
template <class T>
consteval std::string_view table_of() {
    return single_option(options_of<T>::entries, option_category::table_name, reflect::type_name<T>);
}

/// The problem with the kind's option `o`, a pg::allow_drop: what it names
/// must be a column the dimension no longer has (`reserved`: the columns its
/// kind keeps; the ones its plugins add are known with the schema, see
/// check_constraints). Not a template: a dimension without the option costs
/// nothing more.
constexpr dimension_check check_allow_drop(std::span<const option_entry> options,
                                           std::span<const std::span<const option_entry>> inner,
                                           std::span<const std::string_view> names,
                                           std::span<const std::string_view> reserved, std::size_t o) {
    const std::string_view dropped = options[o].value;
    if (!is_valid_name(dropped)) return {dimension_problem::bad_allow_drop, o, 0, dropped};
    for (std::size_t f = 0; f < names.size(); ++f)
        if (names[f] == dropped) return {dimension_problem::allow_drop_current_column, o, f, dropped};
    for (std::string_view column : reserved)
        if (column == dropped) return {dimension_problem::allow_drop_current_column, o, 0, dropped};
    // A renamed column keeps its values: it cannot be dropped as well.
    for (std::size_t p = 0; p < options.size(); ++p) {
        if (options[p].category != option_category::column ||
            single_option(inner[p], option_category::renamed_from, {}) != dropped)
            continue;
        for (std::size_t f = 0; f < names.size(); ++f)
            if (names[f] == options[p].value) return {dimension_problem::allow_drop_renamed_column, o, f, dropped};
    }
    return {};
}
}  // namespace detail

namespace detail {
constexpr bool is_ledger_option(option_category c) {
    return c == option_category::ledger_value || c == option_category::double_entry ||
           c == option_category::balances || c == option_category::min_balance || c == option_category::max_balance ||
           c == option_category::latest || c == option_category::idempotency_key || c == option_category::event ||
           c == option_category::direction || c == option_category::group_limits;
}

/// The functions a ledger makes, as t_<suffix>: no event may take one of their names.
inline constexpr std::string_view ledger_function_suffixes[] = {"reverse", "commit", "audit_balances",
                                                                "entries_insert", "immutable"};

template <class T, class Indices>
struct ledger_option_tables;
template <class T, std::size_t... I>
struct ledger_option_tables<T, std::index_sequence<I...>> {
    // For each of the kind's options, the members it names and its condition (a limit's).
    static constexpr std::array<std::span<const std::string_view>, sizeof...(I)> members{
        std::span<const std::string_view>{pgcraft::detail::named_members_of<typename options_of<T>::template at<I>>}...};
    static constexpr std::array<std::string_view, sizeof...(I)> conditions{
        pgcraft::detail::limit_condition_of<typename options_of<T>::template at<I>>()...};
    static constexpr std::array<std::string_view, sizeof...(I)> queries{
        pgcraft::detail::event_query_of<typename options_of<T>::template at<I>>()...};
    static constexpr std::array<std::string_view, sizeof...(I)> scopes{
        pgcraft::detail::scope_of<typename options_of<T>::template at<I>>()...};
    static constexpr std::array<std::span<const kinds::event_parameter>, sizeof...(I)> parameters{
        std::span<const kinds::event_parameter>{
            pgcraft::detail::event_parameters_of<typename options_of<T>::template at<I>>}...};
};

/// The first problem with a ledger's events: names, markers, parameters.
template <class T, class Tables>
consteval dimension_check check_ledger_events() {
    constexpr auto& options = options_of<T>::entries;
    constexpr auto& names = reflect::field_names<T>;
    for (std::size_t o = 0; o < options.size(); ++o) {
        if (options[o].category != option_category::event) continue;
        if (!is_valid_name(options[o].value)) return {dimension_problem::event_bad_name, o, 0, options[o].value};
        for (std::string_view own : ledger_function_suffixes)
            if (options[o].value == own) return {dimension_problem::event_name_reserved, o, 0, options[o].value};
        for (std::size_t p = 0; p < o; ++p)
            if (options[p].category == option_category::event && options[p].value == options[o].value)
                return {dimension_problem::event_given_twice, o, 0, options[o].value};
        for (const kinds::event_parameter& parameter : Tables::parameters[o])
            if (parameter.type.empty())
                return {dimension_problem::event_parameter_without_sql_type, o, 0, parameter.name};
        // The query's markers name the legs' columns, among them value; a scope's name the legs' columns too.
        bool value = false;
        for (int part = 0; part < 2; ++part) {
            const std::string_view text = part == 0 ? Tables::queries[o] : Tables::scopes[o];
            std::string_view unknown;
            pgcraft::detail::for_each_marker(text, [&](pgcraft::detail::marker m) {
                const std::string_view column = m.name(text);
                bool known = column == "value";
                if (part == 0) value = value || known;
                for (std::string_view member : names) known = known || member == column;
                if (!known && unknown.empty()) unknown = column;
            });
            if (!unknown.empty()) return {dimension_problem::event_unknown_column, o, 0, unknown};
            std::string_view undeclared;
            pgcraft::detail::for_each_parameter(text, [&](pgcraft::detail::parameter p) {
                bool declared = false;
                for (const kinds::event_parameter& parameter : Tables::parameters[o])
                    declared = declared || parameter.name == p.name(text);
                if (!declared && undeclared.empty()) undeclared = p.name(text);
            });
            if (!undeclared.empty()) return {dimension_problem::event_unknown_parameter, o, 0, undeclared};
        }
        if (!value) return {dimension_problem::event_without_value, o, 0, options[o].value};
    }
    return {};
}

/// The columns of <table>_balances besides the group's members.
inline constexpr std::string_view balances_columns[] = {"debits", "credits", "balance", "legs", "updated_at"};

/// The first problem with a ledger's rules: members they name, limits without balances.
template <class T>
consteval dimension_check check_ledger_rules() {
    constexpr auto& options = options_of<T>::entries;
    constexpr auto& names = reflect::field_names<T>;
    constexpr auto& facts = facts_of<T>;
    using tables = ledger_option_tables<T, std::make_index_sequence<options.size()>>;
    std::size_t balances = options.size();
    for (std::size_t o = 0; o < options.size(); ++o) {
        if (options[o].category == option_category::balances) balances = o;
        for (std::string_view member : tables::members[o]) {
            std::size_t field = names.size();
            for (std::size_t f = 0; f < names.size(); ++f)
                if (names[f] == member) field = f;
            if (field == names.size()) return {dimension_problem::ledger_rule_unknown_member, o, 0, member};
            if (options[o].category == option_category::direction) {
                const member_facts& f = facts[field];
                const bool debit_credit = !f.nullable && f.enum_label_count == 2 &&
                                          ((f.enum_labels[0] == "debit" && f.enum_labels[1] == "credit") ||
                                           (f.enum_labels[0] == "credit" && f.enum_labels[1] == "debit"));
                if (!debit_credit) return {dimension_problem::direction_not_debit_credit, o, field, member};
            }
            if (options[o].category != option_category::balances) continue;
            if (facts[field].nullable) return {dimension_problem::balance_group_optional, o, field, member};
            for (std::string_view column : balances_columns)
                if (column == member) return {dimension_problem::balance_group_reserved, o, field, member};
        }
    }
    for (std::size_t o = 0; o < options.size(); ++o) {
        if (options[o].category != option_category::min_balance && options[o].category != option_category::max_balance &&
            options[o].category != option_category::group_limits)
            continue;
        if (balances == options.size()) return {dimension_problem::limit_without_balances, o, 0, {}};
        std::string_view unknown;
        pgcraft::detail::for_each_marker(tables::conditions[o], [&](pgcraft::detail::marker m) {
            bool found = false;
            for (std::string_view member : tables::members[balances]) found = found || member == m.name(tables::conditions[o]);
            if (!found && unknown.empty()) unknown = m.name(tables::conditions[o]);
        });
        if (!unknown.empty()) return {dimension_problem::limit_unknown_marker, o, 0, unknown};
    }
    return check_ledger_events<T, tables>();
}
}  // namespace detail

/// Checks a dimension declaration; the first problem found wins.
template <class T>
consteval dimension_check check_dimension() {
    using namespace detail;
    constexpr auto& options = options_of<T>::entries;
    constexpr auto& names = reflect::field_names<T>;
    constexpr auto& facts = facts_of<T>;
    const auto& inner = column_options_of<T>::inner;

    for (std::size_t o = 0; o < options.size(); ++o) {
        const option_category c = options[o].category;
        if (c != option_category::schema && c != option_category::table_name && c != option_category::comment &&
            c != option_category::column && c != option_category::plugin && c != option_category::plugin_list &&
            c != option_category::constraint && c != option_category::renamed_from &&
            c != option_category::allow_drop && !(is_ledger_option(c) && is_ledger<T>))
            return {dimension_problem::not_an_option, o, 0, {}};
        if (c == option_category::ledger_value && options[o].value.empty())
            return {dimension_problem::unsupported_ledger_value, o, 0, {}};
        // Plugins and constraints are checked with the schema, where all columns are known.
        if (c == option_category::plugin || c == option_category::constraint) continue;
        for (std::size_t p = 0; p < o; ++p) {
            if (options[p].category != c) continue;
            // pg::column and pg::allow_drop are given once for each name; pg::event is checked with the ledger's rules.
            if (c == option_category::event) continue;
            if (c != option_category::column && c != option_category::allow_drop)
                return {dimension_problem::option_given_twice, o, 0, options[o].value};
            if (options[p].value == options[o].value)
                return {c == option_category::column ? dimension_problem::column_options_given_twice
                                                     : dimension_problem::allow_drop_given_twice,
                        o, 0, options[o].value};
        }
    }
    for (std::size_t o = 0; o < options.size(); ++o) {
        if (options[o].category == option_category::schema || options[o].category == option_category::table_name) {
            if (!is_valid_name(options[o].value)) return {dimension_problem::bad_name, o, 0, options[o].value};
        }
        if (options[o].category == option_category::renamed_from &&
            (!is_valid_name(options[o].value) || options[o].value == table_of<T>()))
            return {dimension_problem::bad_renamed_from, o, 0, options[o].value};
        if (options[o].category != option_category::column) continue;
        const std::string_view column_name = options[o].value;
        std::size_t field = names.size();
        for (std::size_t f = 0; f < names.size(); ++f)
            if (names[f] == column_name) field = f;
        if (field == names.size()) return {dimension_problem::unknown_column, o, 0, column_name};
        for (std::size_t i = 0; i < inner[o].size(); ++i) {
            const option_category c = inner[o][i].category;
            if (c != option_category::default_value && c != option_category::comment &&
                c != option_category::column_type && c != option_category::generated &&
                c != option_category::renamed_from && c != option_category::convert_using &&
                c != option_category::backfill)
                return {dimension_problem::not_a_column_option, o, field, column_name};
            if ((c == option_category::generated && !single_option(inner[o], option_category::default_value, {}).empty()))
                return {dimension_problem::not_a_column_option, o, field, column_name};
            for (std::size_t j = 0; j < i; ++j)
                if (inner[o][j].category == c) return {dimension_problem::not_a_column_option, o, field, column_name};
            if (c == option_category::column_type && !pgcraft::detail::is_type_name(inner[o][i].value))
                return {dimension_problem::bad_column_type, o, field, column_name};
            // A default is computed without the row: it cannot read a column.
            if (c == option_category::default_value && pgcraft::detail::count_markers(inner[o][i].value) > 0)
                return {dimension_problem::default_refers_to_column, o, field, column_name};
            if ((c == option_category::default_value || c == option_category::generated) &&
                pgcraft::detail::single_expression_problem(inner[o][i].value) != pgcraft::detail::sql_text_problem::none)
                return {dimension_problem::default_not_one_expression, o, field, column_name};
            if (c == option_category::convert_using && !one_expression(inner[o][i].value))
                return {dimension_problem::convert_using_not_one_expression, o, field, column_name};
            if (c == option_category::backfill && !one_expression(inner[o][i].value))
                return {dimension_problem::backfill_not_one_expression, o, field, column_name};
            if (c == option_category::renamed_from &&
                (!is_valid_name(inner[o][i].value) || inner[o][i].value == column_name))
                return {dimension_problem::bad_renamed_from, o, field, column_name};
        }
        // One column of the previous version cannot become two of this one.
        const std::string_view old_name = single_option(inner[o], option_category::renamed_from, {});
        for (std::size_t p = 0; p < o && !old_name.empty(); ++p)
            if (options[p].category == option_category::column &&
                single_option(inner[p], option_category::renamed_from, {}) == old_name)
                return {dimension_problem::renamed_from_shared, o, field, column_name};
    }
    // Only a dimension with pg::allow_drop has this code: most have none.
    if constexpr (count_of(options, option_category::allow_drop) > 0) {
        std::span<const std::string_view> reserved;
        if constexpr (requires { T::dimension::reserved_columns; }) reserved = T::dimension::reserved_columns;
        for (std::size_t o = 0; o < options.size(); ++o)
            if (options[o].category == option_category::allow_drop)
                if (auto check = check_allow_drop(options, inner, names, reserved, o); !check.ok()) return check;
    }
    if constexpr (requires { T::dimension::reserved_columns; })
        for (std::size_t f = 0; f < names.size(); ++f)
            for (std::string_view reserved : T::dimension::reserved_columns)
                if (names[f] == reserved) return {dimension_problem::reserved_column, 0, f, names[f]};
    if constexpr (is_ledger<T>)
        if (auto check = check_ledger_rules<T>(); !check.ok()) return check;
    if (schema_of<T>().starts_with("pg_")) return {dimension_problem::reserved_schema, 0, 0, schema_of<T>()};
    if (!is_valid_name(reflect::type_name<T>) && single_option(options, option_category::table_name, {}).empty())
        return {dimension_problem::bad_name, 0, 0, reflect::type_name<T>};
    for (std::size_t f = 0; f < names.size(); ++f) {
        if (!is_valid_name(names[f])) return {dimension_problem::bad_member_name, 0, f, names[f]};
        bool explicit_type = false;
        for (std::size_t o = 0; o < options.size(); ++o)
            if (options[o].category == option_category::column && options[o].value == names[f])
                explicit_type = !single_option(inner[o], option_category::column_type, {}).empty();
        if (explicit_type) continue;
        if (facts[f].bad_parameters) return {dimension_problem::bad_type_parameters, 0, f, names[f]};
        if (facts[f].plain_enum) return {dimension_problem::plain_enum, 0, f, names[f]};
        if (!facts[f].mapped) return {dimension_problem::no_sql_type, 0, f, names[f]};
        if (!facts[f].enum_type.empty()) {
            if (facts[f].enum_label_count == 0) return {dimension_problem::enum_without_labels, 0, f, names[f]};
            if (!overlong_enum_name(facts[f]).empty())
                return {dimension_problem::enum_name_too_long, 0, f, overlong_enum_name(facts[f])};
        }
    }
    return {};
}

namespace detail {
template <class T, std::size_t Option>
struct option_value_text {
    static constexpr std::string_view text = options_of<T>::entries[Option].value;
};
// The name the failed check names (only instantiated for a failed check).
template <class T>
struct check_name_text {
    static constexpr std::string_view text = check_dimension<T>().name;
};
template <class T, std::size_t Option>
struct option_spelling_text {
    static constexpr std::string_view text = pgcraft::detail::spelling(options_of<T>::entries[Option].category);
};
template <class T, std::size_t Field>
struct field_name_text {
    static constexpr std::string_view text = reflect::field_names<T>[Field];
};
template <class T, std::size_t Field>
struct overlong_enum_name_text {
    static constexpr std::string_view text = overlong_enum_name(facts_of<T>[Field]);
};
// The value of a pg::column's inner option of `Category`.
template <class T, std::size_t Option, option_category Category>
struct column_option_text {
    static constexpr std::string_view text = single_option(column_options_of<T>::inner[Option], Category, {});
};
template <class T, std::size_t Option>
using declared_column_type_text = column_option_text<T, Option, option_category::column_type>;
template <option_category Category>
struct spelling_text {
    static constexpr std::string_view text = pgcraft::detail::spelling(Category);
};
template <class T>
struct table_text {
    static constexpr std::string_view text = table_of<T>();
};
template <class T>
struct schema_name_text {
    static constexpr std::string_view text = schema_of<T>();
};
template <class T>
struct type_name_text {
    static constexpr std::string_view text = reflect::type_name<T>;
};

// The compile error that names a failed check, as a type. Naming it here
// instantiates nothing; the holder below instantiates it outside any constant
// evaluation, so that the compiler reports that one error and nothing else.
template <class T, dimension_problem p, std::size_t Option, std::size_t Field>
consteval auto report() {
    using error::name_of;
    if constexpr (p == dimension_problem::not_an_option)
        return std::type_identity<error::not_an_option_of_this_dimension_kind<T, typename options_of<T>::template at<Option>>>{};
    else if constexpr (p == dimension_problem::option_given_twice)
        return std::type_identity<error::option_given_twice<T, name_of<option_spelling_text<T, Option>>>>{};
    else if constexpr (p == dimension_problem::unknown_column)
        return std::type_identity<error::column_option_names_unknown_column<T, name_of<option_value_text<T, Option>>>>{};
    else if constexpr (p == dimension_problem::column_options_given_twice)
        return std::type_identity<error::column_options_given_twice<T, name_of<option_value_text<T, Option>>>>{};
    else if constexpr (p == dimension_problem::not_a_column_option)
        return std::type_identity<error::not_a_column_option<T, name_of<option_value_text<T, Option>>>>{};
    else if constexpr (p == dimension_problem::default_not_one_expression)
        return std::type_identity<error::default_is_not_one_sql_expression<T, name_of<option_value_text<T, Option>>>>{};
    else if constexpr (p == dimension_problem::reserved_column)
        return std::type_identity<error::member_is_a_column_the_kind_adds<T, name_of<field_name_text<T, Field>>>>{};
    else if constexpr (p == dimension_problem::reserved_schema)
        return std::type_identity<error::schema_name_is_reserved_by_postgres<T, name_of<schema_name_text<T>>>>{};
    else if constexpr (p == dimension_problem::default_refers_to_column)
        return std::type_identity<error::default_refers_to_a_column<T, name_of<option_value_text<T, Option>>>>{};
    else if constexpr (p == dimension_problem::bad_column_type)
        return std::type_identity<error::column_type_is_not_a_type_name<T, name_of<option_value_text<T, Option>>,
                                                                      name_of<declared_column_type_text<T, Option>>>>{};
    else if constexpr (p == dimension_problem::no_sql_type)
        return std::type_identity<error::member_type_has_no_sql_type<T, name_of<field_name_text<T, Field>>, reflect::field_type<T, Field>>>{};
    else if constexpr (p == dimension_problem::bad_type_parameters)
        return std::type_identity<error::member_type_parameters_out_of_range<
            T, name_of<field_name_text<T, Field>>, typename column_type_traits<reflect::field_type<T, Field>>::value_type>>{};
    else if constexpr (p == dimension_problem::plain_enum)
        return std::type_identity<error::member_is_a_plain_enum_use_enum_class<
            T, name_of<field_name_text<T, Field>>, typename column_type_traits<reflect::field_type<T, Field>>::value_type>>{};
    else if constexpr (p == dimension_problem::enum_without_labels)
        return std::type_identity<error::enum_has_no_enumerator_in_probed_range<
            T, name_of<field_name_text<T, Field>>, typename column_type_traits<reflect::field_type<T, Field>>::value_type>>{};
    else if constexpr (p == dimension_problem::enum_name_too_long)
        return std::type_identity<error::enum_name_or_label_longer_than_63_bytes<
            T, name_of<field_name_text<T, Field>>, typename column_type_traits<reflect::field_type<T, Field>>::value_type,
            name_of<overlong_enum_name_text<T, Field>>>>{};
    else if constexpr (p == dimension_problem::bad_renamed_from) {
        if constexpr (options_of<T>::entries[Option].category == option_category::renamed_from)
            return std::type_identity<error::renamed_from_is_not_a_valid_previous_name<
                T, name_of<table_text<T>>, name_of<option_value_text<T, Option>>>>{};
        else
            return std::type_identity<error::renamed_from_is_not_a_valid_previous_name<
                T, name_of<option_value_text<T, Option>>,
                name_of<column_option_text<T, Option, option_category::renamed_from>>>>{};
    } else if constexpr (p == dimension_problem::renamed_from_shared)
        return std::type_identity<error::two_columns_renamed_from_one_name<
            T, name_of<option_value_text<T, Option>>, name_of<column_option_text<T, Option, option_category::renamed_from>>>>{};
    else if constexpr (p == dimension_problem::convert_using_not_one_expression)
        return std::type_identity<error::column_option_is_not_one_sql_expression<
            T, name_of<option_value_text<T, Option>>, name_of<spelling_text<option_category::convert_using>>>>{};
    else if constexpr (p == dimension_problem::backfill_not_one_expression)
        return std::type_identity<error::column_option_is_not_one_sql_expression<
            T, name_of<option_value_text<T, Option>>, name_of<spelling_text<option_category::backfill>>>>{};
    else if constexpr (p == dimension_problem::bad_allow_drop)
        return std::type_identity<
            error::allow_drop_name_is_empty_or_longer_than_63_bytes<T, name_of<option_value_text<T, Option>>>>{};
    else if constexpr (p == dimension_problem::allow_drop_given_twice)
        return std::type_identity<error::allow_drop_given_twice<T, name_of<option_value_text<T, Option>>>>{};
    else if constexpr (p == dimension_problem::allow_drop_current_column)
        return std::type_identity<
            error::allow_drop_names_a_column_the_dimension_has<T, name_of<option_value_text<T, Option>>>>{};
    else if constexpr (p == dimension_problem::allow_drop_renamed_column)
        return std::type_identity<error::allow_drop_names_a_renamed_column<T, name_of<field_name_text<T, Field>>,
                                                                           name_of<option_value_text<T, Option>>>>{};
    else if constexpr (p == dimension_problem::unsupported_ledger_value)
        return std::type_identity<
            error::ledger_value_type_is_not_supported<T, typename options_of<T>::template at<Option>::type>>{};
    else if constexpr (p == dimension_problem::ledger_rule_unknown_member)
        return std::type_identity<error::ledger_rule_names_unknown_member<
            T, typename options_of<T>::template at<Option>, name_of<check_name_text<T>>>>{};
    else if constexpr (p == dimension_problem::balance_group_optional)
        return std::type_identity<error::balances_group_member_is_optional<
            T, typename options_of<T>::template at<Option>, name_of<field_name_text<T, Field>>>>{};
    else if constexpr (p == dimension_problem::balance_group_reserved)
        return std::type_identity<error::balances_group_member_is_a_balances_column<
            T, typename options_of<T>::template at<Option>, name_of<field_name_text<T, Field>>>>{};
    else if constexpr (p == dimension_problem::limit_without_balances)
        return std::type_identity<error::balance_limit_without_balances<T, typename options_of<T>::template at<Option>>>{};
    else if constexpr (p == dimension_problem::limit_unknown_marker)
        return std::type_identity<error::balance_limit_condition_names_unknown_group_member<
            T, typename options_of<T>::template at<Option>, name_of<check_name_text<T>>>>{};
    else if constexpr (p == dimension_problem::direction_not_debit_credit)
        return std::type_identity<error::ledger_direction_is_not_an_enum_of_debit_and_credit<
            T, name_of<field_name_text<T, Field>>>>{};
    else if constexpr (p == dimension_problem::event_name_reserved)
        return std::type_identity<error::ledger_event_named_like_a_function_of_the_ledger<T, name_of<check_name_text<T>>>>{};
    else if constexpr (p == dimension_problem::event_given_twice)
        return std::type_identity<error::two_ledger_events_share_a_name<T, name_of<check_name_text<T>>>>{};
    else if constexpr (p == dimension_problem::event_bad_name)
        return std::type_identity<error::name_is_empty_or_longer_than_63_bytes<T, name_of<check_name_text<T>>>>{};
    else if constexpr (p == dimension_problem::event_unknown_column)
        return std::type_identity<error::ledger_event_names_unknown_column<
            T, name_of<option_value_text<T, Option>>, name_of<check_name_text<T>>>>{};
    else if constexpr (p == dimension_problem::event_without_value)
        return std::type_identity<error::ledger_event_does_not_name_value<T, name_of<option_value_text<T, Option>>>>{};
    else if constexpr (p == dimension_problem::event_unknown_parameter)
        return std::type_identity<error::ledger_event_reads_undeclared_parameter<
            T, name_of<option_value_text<T, Option>>, name_of<check_name_text<T>>>>{};
    else if constexpr (p == dimension_problem::event_parameter_without_sql_type)
        return std::type_identity<error::ledger_event_parameter_has_no_sql_type<
            T, name_of<option_value_text<T, Option>>, name_of<check_name_text<T>>>>{};
    else if constexpr (p == dimension_problem::bad_member_name)
        return std::type_identity<error::name_is_empty_or_longer_than_63_bytes<T, name_of<field_name_text<T, Field>>>>{};
    else if constexpr (p == dimension_problem::bad_name) {
        if constexpr (!is_valid_name(reflect::type_name<T>) && table_of<T>() == reflect::type_name<T>)
            return std::type_identity<error::name_is_empty_or_longer_than_63_bytes<T, name_of<type_name_text<T>>>>{};
        else
            return std::type_identity<error::name_is_empty_or_longer_than_63_bytes<T, name_of<option_value_text<T, Option>>>>{};
    } else
        return std::type_identity<void>{};
}



template <class T>
consteval auto make_table_plan() {
    constexpr auto& names = reflect::field_names<T>;
    constexpr auto& options = options_of<T>::entries;
    constexpr auto& facts = facts_of<T>;
    const auto& inner = column_options_of<T>::inner;
    constexpr std::size_t dropped = count_of(options, option_category::allow_drop);
    table_plan<names.size(), dropped> plan{};
    plan.dimension = reflect::type_name<T>;
    plan.schema = schema_of<T>();
    plan.table = table_of<T>();
    plan.comment = single_option(options, option_category::comment, {});
    plan.renamed_from = single_option(options, option_category::renamed_from, {});
    if constexpr (dropped > 0) {
        std::size_t d = 0;
        for (const option_entry& o : options)
            if (o.category == option_category::allow_drop) plan.dropped_columns[d++] = o.value;
    }
    for (std::size_t f = 0; f < names.size(); ++f) {
        std::span<const option_entry> column_options;
        for (std::size_t o = 0; o < options.size(); ++o)
            if (options[o].category == option_category::column && options[o].value == names[f])
                column_options = inner[o];
        const std::string_view explicit_type = single_option(column_options, option_category::column_type, {});
        column_plan& column = plan.columns[f];
        column.name = names[f];
        column.type = explicit_type.empty() ? facts[f].type : explicit_type;
        column.nullable = facts[f].nullable;
        column.default_sql = single_option(column_options, option_category::default_value, {});
        column.comment = single_option(column_options, option_category::comment, {});
        column.generated = single_option(column_options, option_category::generated, {});
        column.renamed_from = single_option(column_options, option_category::renamed_from, {});
        column.convert_using = single_option(column_options, option_category::convert_using, {});
        column.backfill = single_option(column_options, option_category::backfill, {});
        if (explicit_type.empty()) {
            column.min_value = facts[f].min_value;
            column.max_value = facts[f].max_value;
            column.enum_type = facts[f].enum_type;
            column.enum_labels = facts[f].enum_labels;
            column.enum_label_count = facts[f].enum_label_count;
        }
    }
    return plan;
}

template <class T, bool Ok>
consteval auto plan_if() {
    if constexpr (Ok) return make_table_plan<T>();
    else return table_plan<0>{};
}

template <class T>
struct declaration_check {
    static constexpr dimension_check check = check_dimension<T>();
};
template <class T>
struct checked_table_plan {
    static constexpr dimension_check check = declaration_check<T>::check;
    static constexpr auto value = plan_if<T, check.ok()>();  // before the error: see plugins_report
    // Only a failed check has its report instantiated: the valid ones cost nothing more.
    struct report_type {
        using type = decltype(report<T, check.problem, check.option, check.field>());
    };
    using reported = error::raise<typename std::conditional_t<check.ok(), std::type_identity<std::type_identity<void>>,
                                                              report_type>::type>;
};
}  // namespace detail

/// The table plan of dimension struct T; a mistake in T is a compile error here.
template <dimension_struct T>
inline constexpr auto table_plan_of = detail::checked_table_plan<T>::value;

}  // namespace pgcraft::plan
