// A whole schema, checked at compile time: its items (the dimensions it drops
// on purpose among them), its extensions' dependencies, every dimension's
// declaration and plugins, and that no two dimensions claim the same table.
#pragma once

#include <array>
#include <span>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <type_traits>

#include <pgcraft/detail/type_list.hpp>
#include <pgcraft/sql/naming.hpp>
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
    return sql::name_hash(t.table, sql::name_hash(".", sql::name_hash(t.schema)));
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

/// A table or view a dimension makes: its table, or one it derives from its
/// table's name (`suffix`, such as "_current").
struct relation_identity {
    std::string_view schema;
    std::string_view table;
    std::string_view suffix;
    std::size_t dimension = 0;
};

/// Two relations of one name, by their positions.
struct shared_relation {
    std::size_t first = 0;
    std::size_t second = 0;
    constexpr bool found() const noexcept { return first != second; }
};

namespace detail {
constexpr bool same_relation(const relation_identity& a, const relation_identity& b) {
    if (a.schema != b.schema || a.table.size() + a.suffix.size() != b.table.size() + b.suffix.size()) return false;
    auto at = [](const relation_identity& r, std::size_t i) {
        return i < r.table.size() ? r.table[i] : r.suffix[i - r.table.size()];
    };
    for (std::size_t i = 0; i < a.table.size() + a.suffix.size(); ++i)
        if (at(a, i) != at(b, i)) return false;
    return true;
}
}  // namespace detail

/// The first pair of relations of different dimensions with one schema-qualified
/// name (hashes first, as in find_shared_table).
template <std::size_t N>
consteval shared_relation find_shared_relation(std::array<relation_identity, N> relations) {
    std::array<std::uint32_t, N> hashes{};
    for (std::size_t i = 0; i < N; ++i)
        hashes[i] = sql::name_hash(relations[i].suffix,
                                   detail::identity_hash({relations[i].schema, relations[i].table}));
    for (std::size_t i = 0; i < N; ++i)
        for (std::size_t j = 0; j < i; ++j)
            if (hashes[i] == hashes[j] && relations[i].dimension != relations[j].dimension &&
                detail::same_relation(relations[i], relations[j]))
                return {j, i};
    return {};
}

/// The first dimension renamed from (pg::renamed_from) the name of a table or
/// view another dimension makes now, and that other dimension.
template <std::size_t N, std::size_t R>
consteval shared_relation find_renamed_onto(std::array<table_identity, N> previous,
                                            const std::array<relation_identity, R>& relations) {
    for (std::size_t d = 0; d < N; ++d) {
        if (previous[d].table.empty()) continue;
        const relation_identity old{previous[d].schema, previous[d].table, {}, d};
        for (const relation_identity& r : relations)
            if (r.dimension != d && detail::same_relation(old, r)) return {d, r.dimension};
    }
    return {};
}

namespace detail {
template <class Dimension>
constexpr std::span<const std::string_view> derived_relations_of() {
    if constexpr (requires { Dimension::dimension::derived_relations; }) return Dimension::dimension::derived_relations;
    else return {};
}

template <class Dimensions>
struct dimension_tables;
template <class... Dimensions>
struct dimension_tables<pgcraft::detail::type_list<Dimensions...>> {
    template <std::size_t I>
    using at = pgcraft::detail::type_at<I, Dimensions...>;
    static constexpr shared_table shared =
        find_shared_table(std::array<table_identity, sizeof...(Dimensions)>{
            table_identity{table_plan_of<Dimensions>.schema, table_plan_of<Dimensions>.table}...});

    // Every table and view the dimensions make, the derived ones included.
    static constexpr std::size_t relation_count = ((1 + derived_relations_of<Dimensions>().size()) + ... + 0);
    static constexpr std::array<relation_identity, relation_count> relations = [] {
        std::array<relation_identity, relation_count> result{};
        std::size_t n = 0;
        std::size_t d = 0;
        ([&] {
            constexpr auto& plan = table_plan_of<Dimensions>;
            result[n++] = {plan.schema, plan.table, {}, d};
            for (std::string_view suffix : derived_relations_of<Dimensions>()) result[n++] = {plan.schema, plan.table, suffix, d};
            ++d;
        }(), ...);
        return result;
    }();
    static constexpr shared_relation shared_name = find_shared_relation(relations);
    static constexpr shared_relation renamed_onto = find_renamed_onto(
        std::array<table_identity, sizeof...(Dimensions)>{
            table_identity{table_plan_of<Dimensions>.schema, table_plan_of<Dimensions>.renamed_from}...},
        relations);
    template <std::size_t Relation>
    using dimension_of = at<relations[Relation].dimension>;
};

template <class Tables, std::size_t Relation>
struct relation_table_text {
    static constexpr std::string_view text = Tables::relations[Relation].table;
};
template <class Tables, std::size_t Relation>
struct relation_suffix_text {
    static constexpr std::string_view text = Tables::relations[Relation].suffix;
};

template <class Tables>
struct renamed_from_text {
    static constexpr std::string_view text = table_plan_of<typename Tables::template at<Tables::renamed_onto.first>>.renamed_from;
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
    static constexpr bool value = list_contains<Used, Dependency>;
};
// The error, in a class of its own (see plugins_report).
template <class Extension, class Used, class Dependency>
struct dependency_report {
    using type = error::raise<std::type_identity<
        std::conditional_t<dependency_check<Extension, Used, Dependency>::value, void,
                           error::extension_depends_on_an_extension_the_schema_does_not_use<Extension, Dependency>>>>;
};
template <class Extension, class Used, class... Dependencies>
struct check_dependencies<Extension, Used, pgcraft::detail::type_list<Dependencies...>> {
    static constexpr bool value = (dependency_check<Extension, Used, Dependencies>::value && ...);
    using reports = pgcraft::detail::type_list<typename dependency_report<Extension, Used, Dependencies>::type...>;
};

template <class Schema, class Extensions>
struct check_extensions;
template <class Schema, class... Extensions>
struct check_extensions<Schema, pgcraft::detail::type_list<Extensions...>> {
    using used = pgcraft::detail::type_list<Extensions...>;
    static constexpr bool value =
        (check_dependencies<Extensions, used, typename dependencies_of<Extensions>::type>::value && ...);
    using reports =
        pgcraft::detail::type_list<typename check_dependencies<Extensions, used,
                                                               typename dependencies_of<Extensions>::type>::reports...>;
};

struct no_check {
    static constexpr bool value = true;
};
struct no_reports {
    using reports = void;
};

// One dimension's checks, each only if the one before passed, so that one
// mistake gives one error. All in types and constants, never inside a
// constant-evaluated function, where clang would report every caller too.
template <class Schema, class Dimension>
struct check_one_dimension {
    using settings = typename schema_traits<Schema>::settings;
    static constexpr bool declared = detail::declaration_check<Dimension>::check.ok();
    using plugins = std::conditional_t<declared, detail::plugins_check<settings, Dimension>, no_check>;
    static constexpr bool plugins_ok = declared && plugins::value;
    using constraints = std::conditional_t<plugins_ok, detail::constraints_check<Schema, Dimension>, no_check>;
    static constexpr bool value = plugins_ok && constraints::value;
};

// The error of a dimension's first failed check, if any.
template <class Schema, class Dimension>
struct dimension_report {
    using checked = check_one_dimension<Schema, Dimension>;
    struct none {
        using type = void;
    };
    struct declaration_failed {
        using type = typename checked_table_plan<Dimension>::reported;
    };
    struct plugins_failed {
        using type = typename plugins_report<typename checked::settings, Dimension>::type;
    };
    struct constraints_failed {
        using type = typename constraints_report<Schema, Dimension>::type;
    };
    using type = typename std::conditional_t<
        checked::value, none,
        std::conditional_t<!checked::declared, declaration_failed,
                           std::conditional_t<!checked::plugins_ok, plugins_failed, constraints_failed>>>::type;
};

template <class Schema, class Dimensions>
struct check_dimensions;
template <class Schema, class... Dimensions>
struct check_dimensions<Schema, pgcraft::detail::type_list<Dimensions...>> {
    static constexpr bool value = (check_one_dimension<Schema, Dimensions>::value && ...);
};

}  // namespace detail

/// What is wrong with the schema's pg::allow_drop items, by their positions
/// among them (and the dimension's, for one that is still in the schema).
struct dimension_drop_check {
    enum class problem { none, empty, given_twice, still_in_schema };
    problem found = problem::none;
    std::size_t drop = 0;
    std::size_t dimension = 0;
    constexpr bool ok() const noexcept { return found == problem::none; }
};

namespace detail {
template <class Dimensions>
struct dimension_names;
template <class... Dimensions>
struct dimension_names<pgcraft::detail::type_list<Dimensions...>> {
    static constexpr std::array<std::string_view, sizeof...(Dimensions)> value{reflect::type_name<Dimensions>...};
};

template <class Traits, std::size_t Drop>
struct dropped_dimension_text {
    static constexpr std::string_view text = Traits::dropped_dimensions[Drop];
};
}  // namespace detail

/// The first problem with the dimensions a schema drops on purpose: each is
/// named once, by a struct name, and is no longer one of the schema's.
template <class Dimensions, std::size_t N>
consteval dimension_drop_check check_dimension_drops(const std::array<std::string_view, N>& dropped) {
    using problem = dimension_drop_check::problem;
    if constexpr (N == 0) {
        return {};  // the dimensions' names are not even looked at
    } else {
        constexpr auto& names = detail::dimension_names<Dimensions>::value;
        for (std::size_t i = 0; i < N; ++i) {
            if (dropped[i].empty()) return {problem::empty, i, 0};
            for (std::size_t j = 0; j < i; ++j)
                if (dropped[j] == dropped[i]) return {problem::given_twice, i, 0};
            for (std::size_t d = 0; d < names.size(); ++d)
                if (names[d] == dropped[i]) return {problem::still_in_schema, i, d};
        }
        return {};
    }
}

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
    static constexpr dimension_drop_check drops =
        check_dimension_drops<typename traits::dimensions>(traits::dropped_dimensions);
    static constexpr bool items_ok =
        traits::first_unknown_item == sizeof...(Items) && traits::versions_given <= 1 && drops.ok();
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
        } else if constexpr (drops.found == dimension_drop_check::problem::empty) {
            return std::type_identity<error::allow_drop_of_a_dimension_names_none<
                error::name_of<detail::dropped_dimension_text<traits, drops.drop>>>>{};
        } else if constexpr (drops.found == dimension_drop_check::problem::given_twice) {
            return std::type_identity<error::allow_drop_of_a_dimension_given_twice<
                error::name_of<detail::dropped_dimension_text<traits, drops.drop>>>>{};
        } else if constexpr (drops.found == dimension_drop_check::problem::still_in_schema) {
            return std::type_identity<error::allow_drop_names_a_dimension_of_the_schema<
                pgcraft::detail::type_at_list<drops.dimension, typename traits::dimensions>>>{};
        } else if constexpr (!dimensions_ok) {
            return std::type_identity<void>{};  // reported where it was found
        } else {
            using tables = detail::dimension_tables<typename traits::dimensions>;
            if constexpr (tables::shared.found()) {
                return std::type_identity<
                    error::two_dimensions_share_a_table<typename tables::template at<tables::shared.first>,
                                                        typename tables::template at<tables::shared.second>>>{};
            } else if constexpr (tables::shared_name.found()) {
                // Name the relation by the one that derives it (a suffix), if either does.
                constexpr std::size_t a = tables::shared_name.first;
                constexpr std::size_t b = tables::shared_name.second;
                constexpr std::size_t named = tables::relations[b].suffix.empty() ? a : b;
                return std::type_identity<error::two_dimensions_make_one_relation_name<
                    typename tables::template dimension_of<a>, typename tables::template dimension_of<b>,
                    error::name_of<detail::relation_table_text<tables, named>>,
                    error::name_of<detail::relation_suffix_text<tables, named>>>>{};
            } else if constexpr (tables::renamed_onto.found()) {
                return std::type_identity<error::dimension_renamed_from_another_dimensions_table<
                    typename tables::template at<tables::renamed_onto.first>,
                    typename tables::template at<tables::renamed_onto.second>,
                    error::name_of<detail::renamed_from_text<tables>>>>{};
            } else {
                return std::type_identity<void>{};
            }
        }
    }
    static constexpr bool value = dimensions_ok && std::is_void_v<typename decltype(report())::type>;
};

namespace detail {
template <class Schema, class Dimensions>
struct dimension_reports;
template <class Schema, class... Dimensions>
struct dimension_reports<Schema, pgcraft::detail::type_list<Dimensions...>> {
    using type = pgcraft::detail::type_list<typename dimension_report<Schema, Dimensions>::type...>;
};
}  // namespace detail

/// Every mistake of the schema, each raised as its one named error; `value`
/// is whether there were none. The values above raise nothing, so that on
/// clang the only follow-on of an error is the one reader of this `value`.
template <class Schema>
struct schema_report {
    using traits = typename schema_check<Schema>::traits;
    using extensions = typename std::conditional_t<schema_check<Schema>::items_ok,
                                                   detail::check_extensions<Schema, typename traits::extensions>,
                                                   detail::no_reports>::reports;
    using dimensions = typename std::conditional_t<schema_check<Schema>::extensions_ok,
                                                   detail::dimension_reports<Schema, typename traits::dimensions>,
                                                   std::type_identity<void>>::type;
    using schema = error::raise<decltype(schema_check<Schema>::report())>;
    static constexpr bool value = schema_check<Schema>::value;
};

/// True for a valid schema; each mistake in it is a compile error here.
template <class Schema>
inline constexpr bool schema_is_valid = schema_report<Schema>::value;

}  // namespace pgcraft::plan
