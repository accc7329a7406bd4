// describe<Schema>(): the entry a generator's command line runs. Included by
// the schema's translation unit only.
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <pgcraft/detail/type_list.hpp>
#include <pgcraft/generator/build_catalog.hpp>
#include <pgcraft/generator/build_changes.hpp>
#include <pgcraft/generator/entry.hpp>
#include <pgcraft/generator/plugin_report.hpp>
#include <pgcraft/plan/dimension_plan.hpp>
#include <pgcraft/plan/dimension_plugins.hpp>
#include <pgcraft/plan/schema_traits.hpp>

namespace pgcraft::generator {

namespace detail {
inline std::vector<std::string> to_strings(std::span<const std::string_view> keys) {
    return {keys.begin(), keys.end()};
}

template <class Schema, class Dimension>
dimension_plugin_report report_dimension() {
    using plugins = plan::dimension_plugins<Schema, Dimension>;
    constexpr auto& plan = plan::table_plan_of<Dimension>;
    dimension_plugin_report report{std::string(plan.dimension),
                                   std::string(plan.schema) + "." + std::string(plan.table),
                                   {}};
    for (std::size_t i = 0; i < plugins::count; ++i) {
        const plan::plugin_descriptor& d = plugins::descriptors[plugins::order.order[i]];
        report.plugins.push_back({std::string(d.name), to_strings(d.required), to_strings(d.produced),
                                  std::string(d.singleton_group), d.min_postgres_version});
    }
    return report;
}

template <class Schema, class... Dimensions>
std::vector<dimension_plugin_report> report_all(pgcraft::detail::type_list<Dimensions...>) {
    return {report_dimension<typename plan::schema_traits<Schema>::settings, Dimensions>()...};
}

template <class Extension>
void collect_commands(std::vector<const pgcraft::command*>& commands) {
    if constexpr (requires { Extension::commands; })
        for (const pgcraft::command& c : Extension::commands) commands.push_back(&c);
}

template <class... Extensions>
std::vector<const pgcraft::command*> commands_of(pgcraft::detail::type_list<Extensions...>) {
    std::vector<const pgcraft::command*> commands;
    (collect_commands<Extensions>(commands), ...);
    return commands;
}
}  // namespace detail

/// Each dimension's plugins in run order.
template <class Schema>
std::vector<dimension_plugin_report> plugin_reports() {
    return detail::report_all<Schema>(typename plan::schema_traits<Schema>::dimensions{});
}

template <class Schema>
generator_entry describe(std::string name) {
    return {std::move(name), &build_catalog<Schema>, &plugin_reports<Schema>,
            detail::commands_of(typename plan::schema_traits<Schema>::extensions{}), &build_declared_changes<Schema>};
}

}  // namespace pgcraft::generator
