// The generator's run-time half: each dimension's plugins run, in the order
// the compiler decided, and build the catalog. Templates decide and check;
// this code builds values.
#pragma once

#include <string>
#include <type_traits>

#include <pgcraft/catalog/catalog.hpp>
#include <pgcraft/detail/type_list.hpp>
#include <pgcraft/generator/dimension_info.hpp>
#include <pgcraft/generator/plugin_context.hpp>
#include <pgcraft/constraints.hpp>
#include <pgcraft/plan/constraint_plan.hpp>
#include <pgcraft/plan/dimension_plan.hpp>
#include <pgcraft/plan/dimension_plugins.hpp>
#include <pgcraft/plan/schema_plan.hpp>
#include <pgcraft/sql/naming.hpp>

namespace pgcraft::generator {

namespace detail {
constexpr catalog::referential_action action_of(referential_action action) {
    switch (action) {
        case referential_action::restrict: return catalog::referential_action::restrict;
        case referential_action::cascade: return catalog::referential_action::cascade;
        case referential_action::set_null: return catalog::referential_action::set_null;
        case referential_action::set_default: return catalog::referential_action::set_default;
        case referential_action::no_action: break;
    }
    return catalog::referential_action::no_action;
}

template <class Texts>
std::vector<catalog::expression> expressions(const Texts& texts) {
    std::vector<catalog::expression> result;
    for (std::string_view text : texts) result.push_back(catalog::expression::marked(text));
    return result;
}

template <class Texts>
std::vector<std::string> strings(const Texts& texts) {
    return {texts.begin(), texts.end()};
}

template <class Settings, class C>
declared_constraint declare() {
    using kind = pgcraft::detail::constraint_kind;
    declared_constraint d;
    if constexpr (C::kind == kind::check) {
        d.kind = declared_kind::check;
        d.name = C::name;
        d.expression = catalog::expression::marked(C::expression);
    } else if constexpr (C::kind == kind::unique) {
        d.kind = declared_kind::unique;
        d.columns = strings(C::columns);
    } else if constexpr (C::kind == kind::index) {
        d.kind = declared_kind::index;
        d.keys = expressions(C::keys);
        d.columns = strings(C::included);
        d.unique = C::is_unique;
        d.method = C::method;
        d.where = catalog::expression::marked(C::where_clause);
    } else {
        using target = typename C::target;
        d.kind = declared_kind::foreign_key;
        d.columns = strings(C::columns);
        d.target_columns = strings(C::target_columns);
        if constexpr (requires { target::table; }) {
            d.target = {std::string(target::schema), std::string(target::table)};
        } else {
            constexpr auto& plan = plan::table_plan_of<target>;
            d.target = {std::string(plan.schema), std::string(plan.table)};
            if (d.target_columns.empty())
                d.target_columns.emplace_back(plan::dimension_plugins<Settings, target>::key_column);
        }
        d.on_delete = action_of(C::on_delete_action);
        d.on_update = action_of(C::on_update_action);
        d.indexed = C::indexed;
    }
    return d;
}

template <class Settings, class... Constraints>
std::vector<declared_constraint> declare_all(pgcraft::detail::type_list<Constraints...>) {
    return {declare<Settings, Constraints>()...};
}

/// The run-time copy of dimension D's plan.
template <class Settings, class Dimension>
dimension_info dimension_info_of() {
    constexpr auto& plan = plan::table_plan_of<Dimension>;
    dimension_info info;
    info.name = plan.dimension;
    info.table = {std::string(plan.schema), std::string(plan.table)};
    info.comment = plan.comment;
    info.renamed_from = plan.renamed_from;
    for (const plan::column_plan& c : plan.columns) {
        generator::member_column m;
        m.column.name = c.name;
        m.column.type = c.type;
        m.column.nullable = c.nullable;
        m.column.default_value = catalog::expression::marked(c.default_sql);
        m.column.generated = catalog::expression::marked(c.generated);
        m.comment = c.comment;
        if (!c.enum_type.empty()) {
            // An enum class: a type of the catalog, in the dimension's schema.
            m.column.user_type = {std::string(plan.schema), std::string(c.enum_type)};
            for (std::string_view label : c.labels()) m.enum_labels.emplace_back(label);
        }
        m.min_value = c.min_value;
        m.max_value = c.max_value;
        m.renamed_from = c.renamed_from;
        m.convert_using = catalog::expression::marked(c.convert_using);
        m.backfill = catalog::expression::marked(c.backfill);
        info.members.push_back(std::move(m));
    }
    info.constraints = detail::declare_all<Settings>(plan::constraints_of<Dimension>{});
    if constexpr (!plan.dropped_columns.empty())  // most have none: no code for them
        info.dropped_columns = {plan.dropped_columns.begin(), plan.dropped_columns.end()};
    return info;
}

template <class... Plugins>
void run_plugins(plugin_context& context, pgcraft::detail::type_list<Plugins...>) {
    (Plugins::run(context), ...);
}

/// Runs the dimension's plugins on `info` (its own, or one with other names).
template <class Settings, class Dimension>
void add_dimension(catalog::catalog& result, dimension_info info) {
    plugin_context context(std::move(info), result);
    run_plugins(context, typename plan::dimension_plugins<Settings, Dimension>::ordered{});
    context.finish();
}

template <class Extension>
void add_extension_objects(catalog::catalog& result) {
    if constexpr (requires { Extension::add_objects(result); }) Extension::add_objects(result);
}

inline void add_postgres_extension(catalog::catalog& result, std::string_view name, std::string_view schema) {
    if (!schema.empty() && schema != sql::default_schema) result.add_once(catalog::schema{std::string(schema)});
    result.add_once(catalog::extension{std::string(name), std::string(schema)});
}

template <class... PostgresExtensions>
void add_postgres_extensions(catalog::catalog& result, pgcraft::detail::type_list<PostgresExtensions...>) {
    (add_postgres_extension(result, PostgresExtensions::name, PostgresExtensions::schema), ...);
}

/// The schema's catalog, each dimension's objects added by
/// `add_one(result, std::type_identity<Dimension>{})`.
template <class Schema, class AddDimension, class... Extensions, class... Dimensions>
catalog::catalog build(AddDimension add_one, pgcraft::detail::type_list<Extensions...>,
                       pgcraft::detail::type_list<Dimensions...>) {
    catalog::catalog result;
    // First, so that the dimensions' columns can use the types they bring.
    add_postgres_extensions(result, typename plan::schema_traits<Schema>::postgres_extensions{});
    (add_one(result, std::type_identity<Dimensions>{}), ...);
    // After the dimensions, so that an extension can grant on their tables.
    (add_extension_objects<Extensions>(result), ...);
    return result;
}

template <class Settings>
struct add_declared {
    template <class Dimension>
    void operator()(catalog::catalog& result, std::type_identity<Dimension>) const {
        add_dimension<Settings, Dimension>(result, dimension_info_of<Settings, Dimension>());
    }
};
}  // namespace detail

/// Every object the schema declares.
template <class Schema>
catalog::catalog build_catalog() {
    // A mistake is reported where it is found: for an invalid schema nothing
    // is built, so that the compiler reports nothing more.
    if constexpr (plan::schema_report<Schema>::value) {
        using traits = plan::schema_traits<Schema>;
        return detail::build<Schema>(detail::add_declared<typename traits::settings>{}, typename traits::extensions{},
                                     typename traits::dimensions{});
    } else {
        return {};
    }
}

}  // namespace pgcraft::generator
