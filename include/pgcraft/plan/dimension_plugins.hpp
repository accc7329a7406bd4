// A dimension's plugins within its schema: resolved, checked and ordered at
// compile time. Resolution follows the original's rule: the schema's plugins,
// then the dimension's own (pg::plugins<...>, else the kind's defaults) and
// its extra plugins, then the kind's internal plugins; a default primary key
// is put first when none of the others produces one.
#pragma once

#include <array>
#include <cstddef>
#include <string_view>
#include <type_traits>
#include <utility>

#include <pgcraft/detail/type_list.hpp>
#include <pgcraft/plan/dimension_plan.hpp>
#include <pgcraft/plan/plugin_errors.hpp>
#include <pgcraft/plan/plugin_order.hpp>
#include <pgcraft/plan/schema_traits.hpp>
#include <pgcraft/plugin.hpp>
#include <pgcraft/plugins/primary_keys.hpp>
#include <pgcraft/reflect.hpp>

namespace pgcraft::plan {

namespace detail {
using pgcraft::detail::concat;
using pgcraft::detail::type_list;

template <class Option>
struct extra_plugin {
    using type = type_list<>;
};
template <class Option>
    requires pgcraft::detail::plugin_like<Option>
struct extra_plugin<Option> {
    using type = type_list<Option>;
};

template <class Option>
struct own_plugins {
    using type = type_list<>;
    static constexpr bool given = false;
};
template <class... Plugins>
struct own_plugins<pgcraft::plugins<Plugins...>> {
    using type = type_list<Plugins...>;
    static constexpr bool given = true;
};

template <class Kind>
struct kind_plugins;
template <template <class...> class Kind, class... Options>
struct kind_plugins<Kind<Options...>> {
    using extras = concat<typename extra_plugin<Options>::type...>;
    static constexpr bool own_given = (own_plugins<Options>::given || ...);
    using own = std::conditional_t<own_given, concat<typename own_plugins<Options>::type...>,
                                   typename Kind<Options...>::default_plugins>;
    using internal = typename Kind<Options...>::internal_plugins;
};

template <class List>
struct produces_primary_key;
template <class... Plugins>
struct produces_primary_key<type_list<Plugins...>> {
    static constexpr bool value = (detail::contains(Plugins::produced_keys.list, key::primary_key) || ...);
};

template <class Schema, class Dimension>
struct resolve {
    using kind = kind_plugins<typename Dimension::dimension>;
    using before_internal = concat<typename schema_traits<Schema>::plugins, typename kind::own, typename kind::extras>;
    using type = concat<std::conditional_t<produces_primary_key<before_internal>::value, type_list<>,
                                           type_list<identity_key<"id">>>,
                        before_internal, typename kind::internal>;
};

template <class List, auto Order, class Indices>
struct reorder;
template <class... Plugins, auto Order, std::size_t... I>
struct reorder<type_list<Plugins...>, Order, std::index_sequence<I...>> {
    using type = type_list<pgcraft::detail::type_at<Order[I], Plugins...>...>;
};

template <class List, auto Selected, class Indices>
struct select;
template <class... Plugins, auto Selected, std::size_t... I>
struct select<type_list<Plugins...>, Selected, std::index_sequence<I...>> {
    using type = concat<std::conditional_t<Selected[I], type_list<pgcraft::detail::type_at<I, Plugins...>>,
                                           type_list<>>...>;
};

template <class Plugin>
consteval std::string_view key_column_of() {
    if constexpr (requires { Plugin::key_column; }) return Plugin::key_column;
    else return {};
}

template <class Plugin>
consteval std::string_view key_sql_type_of() {
    if constexpr (requires { Plugin::key_sql_type; }) return Plugin::key_sql_type;
    else return {};
}

template <class Plugin>
inline constexpr std::array<std::string_view, 0> added_columns_of{};
template <class Plugin>
    requires requires { Plugin::added_columns.list; }
inline constexpr auto added_columns_of<Plugin> = Plugin::added_columns.list;

// The columns a plugin's options name (pg::api's column lists), which the dimension must have.
template <class Plugin>
inline constexpr std::array<std::string_view, 0> named_columns_of{};
template <class Plugin>
    requires requires { Plugin::named_columns; }
inline constexpr auto named_columns_of<Plugin> = Plugin::named_columns;
}  // namespace detail

namespace detail {
template <class Schema, class Dimension, class Written>
struct plugin_facts;
template <class Schema, class Dimension, class... Plugins>
struct plugin_facts<Schema, Dimension, type_list<Plugins...>> {
    static constexpr std::size_t count = sizeof...(Plugins);
    static constexpr std::array<plugin_descriptor, count> descriptors{descriptor_of<Plugins>()...};
    static constexpr plugin_order<count> order =
        order_plugins(descriptors, schema_traits<Schema>::target_postgres_version);
    template <std::size_t I>
    using at = pgcraft::detail::type_at<I, Plugins...>;

    /// The plugin that produces the primary key, and its column, if it names one.
    static constexpr std::size_t key_plugin = [] {
        std::size_t found = count;
        for (std::size_t i = 0; i < count; ++i)
            if (contains(descriptors[i].produced, key::primary_key) && found == count) found = i;
        return found;
    }();
    static constexpr std::array<std::string_view, count> key_columns{key_column_of<Plugins>()...};
    static constexpr std::string_view key_column = key_plugin < count ? key_columns[key_plugin] : std::string_view{};
    static constexpr std::array<std::string_view, count> key_sql_types{key_sql_type_of<Plugins>()...};
    static constexpr std::string_view key_sql_type =
        key_plugin < count ? key_sql_types[key_plugin] : std::string_view{};

    static constexpr std::array<std::span<const std::string_view>, count> added_columns{
        std::span<const std::string_view>{added_columns_of<Plugins>}...};
    static constexpr std::array<std::span<const std::string_view>, count> named_columns{
        std::span<const std::string_view>{named_columns_of<Plugins>}...};
};
}  // namespace detail

/// What is wrong with how the plugins' columns meet the struct's members.
enum class column_problem { none, key_member_type, key_column_option, added_column_is_a_member, unknown_named_column };

struct column_check {
    column_problem problem = column_problem::none;
    std::size_t plugin = 0;
    std::size_t field = 0;
    std::string_view column;
    constexpr bool ok() const noexcept { return problem == column_problem::none; }
};

namespace detail {
template <class Schema, class Dimension>
using facts_for = plugin_facts<Schema, Dimension, typename resolve<Schema, Dimension>::type>;

/// The member that is the key column, or the field count when there is none.
template <class Facts, class Dimension>
consteval std::size_t key_member_of() {
    constexpr auto& names = reflect::field_names<Dimension>;
    for (std::size_t f = 0; f < names.size(); ++f)
        if (!Facts::key_column.empty() && names[f] == Facts::key_column) return f;
    return names.size();
}

template <class Facts, class Dimension>
consteval column_check check_plugin_columns() {
    constexpr auto& names = reflect::field_names<Dimension>;
    constexpr std::size_t key_member = key_member_of<Facts, Dimension>();
    if constexpr (key_member < names.size()) {
        using key_plugin = typename Facts::template at<Facts::key_plugin>;
        if constexpr (requires { typename key_plugin::key_member_type; }) {
            if (!std::is_same_v<reflect::field_type<Dimension, key_member>, typename key_plugin::key_member_type>)
                return {column_problem::key_member_type, Facts::key_plugin, key_member, names[key_member]};
        }
    }
    using pgcraft::detail::option_category;
    constexpr auto& options = options_of<Dimension>::entries;
    const auto& inner = column_options_of<Dimension>::inner;
    for (std::size_t o = 0; o < options.size(); ++o) {
        if (options[o].category != option_category::column || options[o].value != Facts::key_column) continue;
        for (const auto& entry : inner[o])
            if (entry.category != option_category::comment)
                return {column_problem::key_column_option, Facts::key_plugin, key_member, options[o].value};
    }
    for (std::size_t p = 0; p < Facts::count; ++p)
        for (std::string_view added : Facts::added_columns[p])
            for (std::size_t f = 0; f < names.size(); ++f)
                if (names[f] == added) return {column_problem::added_column_is_a_member, p, f, added};
    // A column a plugin names is a member, the key, a column of the kind or of a plugin.
    const auto known = [&](std::string_view column) {
        if (column == Facts::key_column) return true;
        for (std::string_view name : names)
            if (name == column) return true;
        if constexpr (requires { Dimension::dimension::reserved_columns; })
            for (std::string_view reserved : Dimension::dimension::reserved_columns)
                if (reserved == column) return true;
        for (std::size_t p = 0; p < Facts::count; ++p)
            for (std::string_view added : Facts::added_columns[p])
                if (added == column) return true;
        return false;
    };
    for (std::size_t p = 0; p < Facts::count; ++p)
        for (std::string_view named : Facts::named_columns[p])
            if (!known(named)) return {column_problem::unknown_named_column, p, names.size(), named};
    return {};
}
}  // namespace detail

/// A dimension's plugins, resolved and ordered, with their checks.
template <class Schema, class Dimension>
struct dimension_plugins : detail::facts_for<typename schema_traits<Schema>::settings, Dimension> {
    using facts = detail::facts_for<typename schema_traits<Schema>::settings, Dimension>;
    /// In the order they were written (after resolution).
    using written = typename detail::resolve<typename schema_traits<Schema>::settings, Dimension>::type;
    /// In the order they run.
    using ordered =
        typename detail::reorder<written, facts::order.order, std::make_index_sequence<facts::count>>::type;

    static constexpr std::size_t key_member = detail::key_member_of<facts, Dimension>();
    static constexpr bool has_key_member = key_member < reflect::field_count<Dimension>;
    static constexpr column_check columns = detail::check_plugin_columns<facts, Dimension>();
};

namespace detail {
template <class Dimension, std::size_t Field>
struct member_name_text {
    static constexpr std::string_view text = reflect::field_names<Dimension>[Field];
};
template <bool Ok, class Dimension, std::size_t Field>
struct lazy_member_name {
    using type = void;
};
template <class Dimension, std::size_t Field>
struct lazy_member_name<false, Dimension, Field> {
    using type = error::name_of<member_name_text<Dimension, Field>>;
};
template <class Plugins>
struct order_key_text {
    static constexpr std::string_view text = Plugins::order.key;
};
template <class Plugins>
struct column_check_text {
    static constexpr std::string_view text = Plugins::columns.column;
};

// The compile error that names a failed plugin check, as a type (see error::raise).
template <class Schema, class Dimension>
consteval auto report_plugins() {
    using plugins = dimension_plugins<Schema, Dimension>;
    constexpr auto& order = plugins::order;
    using error::name_of;
    if constexpr (order.problem == plugin_problem::singleton_clash) {
        return std::type_identity<error::two_plugins_in_one_singleton_group<
                      Dimension, typename plugins::template at<order.first>,
                      typename plugins::template at<order.second>, name_of<order_key_text<plugins>>>>{};
    } else if constexpr (order.problem == plugin_problem::needs_newer_postgres) {
        using plugin = typename plugins::template at<order.first>;
        return std::type_identity<error::plugin_needs_newer_postgres<
                      Dimension, plugin, std::integral_constant<int, plugins::descriptors[order.first].min_postgres_version>,
                      std::integral_constant<int, schema_traits<Schema>::target_postgres_version>>>{};
    } else if constexpr (order.problem == plugin_problem::duplicate_producer) {
        return std::type_identity<error::two_plugins_produce_one_key<Dimension, typename plugins::template at<order.first>,
                                                         typename plugins::template at<order.second>,
                                                         name_of<order_key_text<plugins>>>>{};
    } else if constexpr (order.problem == plugin_problem::missing_producer) {
        return std::type_identity<error::no_plugin_produces_required_key<Dimension, typename plugins::template at<order.first>,
                                                             name_of<order_key_text<plugins>>>>{};
    } else if constexpr (order.problem == plugin_problem::cycle) {
        using in_cycle =
            typename select<typename plugins::written, order.in_cycle, std::make_index_sequence<plugins::count>>::type;
        return std::type_identity<error::plugins_require_each_other_in_a_cycle<Dimension, in_cycle>>{};
    } else {
        constexpr column_check check = plugins::columns;
        // A named column that is unknown is no member: it has no member name.
        using column_name = typename lazy_member_name<check.ok() || check.problem == column_problem::unknown_named_column,
                                                      Dimension, check.field>::type;
        if constexpr (check.problem == column_problem::key_member_type) {
            using key_plugin = typename plugins::template at<check.plugin>;
            return std::type_identity<error::primary_key_member_has_wrong_type<Dimension, column_name,
                                                                   reflect::field_type<Dimension, check.field>,
                                                                   typename key_plugin::key_member_type>>{};
        } else if constexpr (check.problem == column_problem::key_column_option) {
            return std::type_identity<error::primary_key_column_takes_only_a_comment<Dimension, column_name>>{};
        } else if constexpr (check.problem == column_problem::unknown_named_column) {
            return std::type_identity<error::plugin_names_a_column_the_dimension_does_not_have<
                          Dimension, typename plugins::template at<check.plugin>, name_of<column_check_text<plugins>>>>{};
        } else if constexpr (check.problem == column_problem::added_column_is_a_member) {
            return std::type_identity<error::plugin_adds_a_column_the_struct_already_has<
                          Dimension, typename plugins::template at<check.plugin>, column_name>>{};
        } else {
            return std::type_identity<void>{};
        }
    }
}
template <class Settings, class Dimension>
struct plugins_check {
    static constexpr bool value =
        dimension_plugins<Settings, Dimension>::order.ok() && dimension_plugins<Settings, Dimension>::columns.ok();
};
// The error, in a class of its own: clang takes a class with a failed member
// as failed, and would report every reader of a value beside it.
template <class Settings, class Dimension>
struct plugins_report {
    // Only a failed check has its report instantiated: the valid ones cost nothing more.
    struct report_type {
        using type = decltype(report_plugins<Settings, Dimension>());
    };
    using type = error::raise<typename std::conditional_t<plugins_check<Settings, Dimension>::value,
                                                          std::type_identity<std::type_identity<void>>, report_type>::type>;
};
}  // namespace detail

/// True when the dimension's plugins are sound; otherwise a compile error here.
template <class Schema, class Dimension>
inline constexpr bool plugins_are_valid =
    (sizeof(typename detail::plugins_report<typename schema_traits<Schema>::settings, Dimension>::type*) > 0) &&
    detail::plugins_check<typename schema_traits<Schema>::settings, Dimension>::value;

}  // namespace pgcraft::plan
