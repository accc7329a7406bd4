// A whole schema, checked at compile time: its items, its extensions'
// dependencies, every dimension's declaration and plugins, and that no two
// dimensions claim the same table.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <type_traits>

#include <pgcraft/detail/type_list.hpp>
#include <pgcraft/plan/dimension_errors.hpp>
#include <pgcraft/plan/dimension_plan.hpp>
#include <pgcraft/plan/constraint_plan.hpp>
#include <pgcraft/plan/dimension_plugins.hpp>
#include <pgcraft/plan/plugin_errors.hpp>
#include <pgcraft/plan/schema_traits.hpp>
#include <pgcraft/schema.hpp>

namespace pgcraft::plan {

struct shared_table {
    std::size_t first = 0;
    std::size_t second = 0;
    constexpr bool found() const noexcept { return first != second; }
};

struct table_identity {
    std::string_view schema;
    std::string_view table;
};

namespace detail {
constexpr std::uint32_t identity_hash(const table_identity& t) {
    std::uint32_t hash = 2166136261u;
    for (std::string_view part : {t.schema, std::string_view{"."}, t.table})
        for (char c : part) hash = (hash ^ static_cast<unsigned char>(c)) * 16777619u;
    return hash;
}
}  // namespace detail

/// The first pair of dimensions with the same schema-qualified table name.
/// Hashes are compared first, so that a schema of hundreds of dimensions stays
/// well inside the compilers' constant-evaluation limits.
template <std::size_t N>
consteval shared_table find_shared_table(std::array<table_identity, N> tables) {
    std::array<std::uint32_t, N> hashes{};
    for (std::size_t i = 0; i < N; ++i) hashes[i] = detail::identity_hash(tables[i]);
    for (std::size_t i = 0; i < N; ++i)
        for (std::size_t j = 0; j < i; ++j)
            if (hashes[i] == hashes[j] && tables[i].schema == tables[j].schema && tables[i].table == tables[j].table)
                return {j, i};
    return {};
}

namespace detail {
template <class Dimensions>
struct dimension_tables;
template <class... Dimensions>
struct dimension_tables<pgcraft::detail::type_list<Dimensions...>> {
    template <std::size_t I>
    using at = pgcraft::detail::type_at<I, Dimensions...>;
    static constexpr shared_table shared =
        find_shared_table(std::array<table_identity, sizeof...(Dimensions)>{
            table_identity{table_plan_of<Dimensions>.schema, table_plan_of<Dimensions>.table}...});
};

template <class List, class Item>
inline constexpr bool list_contains = false;
template <class... Items, class Item>
inline constexpr bool list_contains<pgcraft::detail::type_list<Items...>, Item> = (std::is_same_v<Items, Item> || ...);

template <class Extension>
struct dependencies_of {
    using type = pgcraft::detail::type_list<>;
};
template <class Extension>
    requires requires { typename Extension::depends_on; }
struct dependencies_of<Extension> {
    using type = as_type_list<decltype(listed<typename Extension::depends_on>::extensions)>;
};

template <class Extension, class Used, class Dependencies>
struct check_dependencies;
template <class Extension, class Used, class Dependency>
struct dependency_check {
    static constexpr bool value = list_contains<Used, Dependency>;  // before the error: see plugins_check
    using reported = error::raise<std::type_identity<std::conditional_t<
        value, void, error::extension_depends_on_an_extension_the_schema_does_not_use<Extension, Dependency>>>>;
};
template <class Extension, class Used, class... Dependencies>
struct check_dependencies<Extension, Used, pgcraft::detail::type_list<Dependencies...>> {
    static constexpr bool value = (dependency_check<Extension, Used, Dependencies>::value && ...);
};

template <class Schema, class Extensions>
struct check_extensions;
template <class Schema, class... Extensions>
struct check_extensions<Schema, pgcraft::detail::type_list<Extensions...>> {
    using used = pgcraft::detail::type_list<Extensions...>;
    static constexpr bool value =
        (check_dependencies<Extensions, used, typename dependencies_of<Extensions>::type>::value && ...);
};

struct no_check {
    static constexpr bool value = true;
};

// One dimension's checks, each only if the one before passed, so that one
// mistake gives one error. All in types and constants, never inside a
// constant-evaluated function, where clang would report every caller too.
template <class Schema, class Dimension>
struct check_one_dimension {
    using settings = typename schema_traits<Schema>::settings;
    static constexpr bool declared = detail::checked_table_plan<Dimension>::check.ok();
    using plugins = std::conditional_t<declared, detail::plugins_check<settings, Dimension>, no_check>;
    static constexpr bool plugins_ok = declared && plugins::value;
    using constraints = std::conditional_t<plugins_ok, detail::constraints_check<Schema, Dimension>, no_check>;
    static constexpr bool value = plugins_ok && constraints::value;
};

template <class Schema, class Dimensions>
struct check_dimensions;
template <class Schema, class... Dimensions>
struct check_dimensions<Schema, pgcraft::detail::type_list<Dimensions...>> {
    static constexpr bool value = (check_one_dimension<Schema, Dimensions>::value && ...);
};

}  // namespace detail

// A template, so that the error below depends on the schema and is only
// instantiated for a schema that makes the mistake.
template <class... Items>
struct version_setting_text {
    static constexpr std::string_view text = "pg::postgres_version";
};

template <class Schema>
struct schema_check;

template <class... Items>
struct schema_check<schema<Items...>> {
    using traits = schema_traits<schema<Items...>>;
    static constexpr bool items_ok = traits::first_unknown_item == sizeof...(Items) && traits::versions_given <= 1;
    static constexpr bool extensions_ok =
        items_ok && std::conditional_t<items_ok, detail::check_extensions<schema<Items...>, typename traits::extensions>,
                                       detail::no_check>::value;
    static constexpr bool dimensions_ok =
        extensions_ok && std::conditional_t<extensions_ok,
                                            detail::check_dimensions<schema<Items...>, typename traits::dimensions>,
                                            detail::no_check>::value;
    // The error that names the schema's own mistake, as a type (see error::raise).
    static consteval auto report() {
        if constexpr (traits::first_unknown_item < sizeof...(Items)) {
            return std::type_identity<
                error::not_a_dimension_or_schema_setting<typename traits::template item<traits::first_unknown_item>>>{};
        } else if constexpr (traits::versions_given > 1) {
            return std::type_identity<error::schema_setting_given_twice<error::name_of<version_setting_text<Items...>>>>{};
        } else if constexpr (!dimensions_ok) {
            return std::type_identity<void>{};  // reported where it was found
        } else {
            using tables = detail::dimension_tables<typename traits::dimensions>;
            if constexpr (tables::shared.found()) {
                return std::type_identity<
                    error::two_dimensions_share_a_table<typename tables::template at<tables::shared.first>,
                                                        typename tables::template at<tables::shared.second>>>{};
            } else {
                return std::type_identity<void>{};
            }
        }
    }
    static constexpr bool value = dimensions_ok && std::is_void_v<typename decltype(report())::type>;
    using reported = error::raise<decltype(report())>;  // after the value: see plugins_check
};

/// True for a valid schema; each mistake in it is a compile error here.
template <class Schema>
inline constexpr bool schema_is_valid = schema_check<Schema>::value;

}  // namespace pgcraft::plan
