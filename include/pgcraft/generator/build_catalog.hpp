// The generator's run-time half: each dimension's plugins run, in the order
// the compiler decided, and build the catalog. Templates decide and check;
// this code builds values.
#pragma once

#include <string>

#include <pgcraft/catalog/catalog.hpp>
#include <pgcraft/detail/type_list.hpp>
#include <pgcraft/generator/plugin_context.hpp>
#include <pgcraft/plan/dimension_plan.hpp>
#include <pgcraft/plan/dimension_plugins.hpp>
#include <pgcraft/plan/schema_plan.hpp>

namespace pgcraft::generator {

/// The run-time copy of dimension D's plan.
template <class Dimension>
dimension_info dimension_info_of() {
    constexpr auto& plan = plan::table_plan_of<Dimension>;
    dimension_info info;
    info.name = plan.dimension;
    info.table = {std::string(plan.schema), std::string(plan.table)};
    info.comment = plan.comment;
    for (const plan::column_plan& c : plan.columns) {
        info.members.push_back({{std::string(c.name), std::string(c.type), c.nullable, false,
                                 std::string(c.default_sql), std::string(c.comment)},
                                std::string(c.min_value),
                                std::string(c.max_value)});
    }
    return info;
}

namespace detail {
template <class... Plugins>
void run_plugins(plugin_context& context, pgcraft::detail::type_list<Plugins...>) {
    (Plugins::run(context), ...);
}

template <class Schema, class Dimension>
void add_dimension(catalog::catalog& result) {
    plugin_context context(dimension_info_of<Dimension>(), result);
    run_plugins(context, typename plan::dimension_plugins<Schema, Dimension>::ordered{});
    context.finish();
}

template <class Extension>
void add_extension_objects(catalog::catalog& result) {
    if constexpr (requires { Extension::add_objects(result); }) Extension::add_objects(result);
}

template <class Schema, class... Extensions, class... Dimensions>
catalog::catalog build(pgcraft::detail::type_list<Extensions...>, pgcraft::detail::type_list<Dimensions...>) {
    catalog::catalog result;
    (add_dimension<typename plan::schema_traits<Schema>::settings, Dimensions>(result), ...);
    // After the dimensions, so that an extension can grant on their tables.
    (add_extension_objects<Extensions>(result), ...);
    return result;
}
}  // namespace detail

/// Every object the schema declares.
template <class Schema>
catalog::catalog build_catalog() {
    static_assert(plan::schema_is_valid<Schema>, "pgcraft: the schema has mistakes; see the errors above");
    using traits = plan::schema_traits<Schema>;
    return detail::build<Schema>(typename traits::extensions{}, typename traits::dimensions{});
}

}  // namespace pgcraft::generator
