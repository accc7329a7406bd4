// The generator's run-time half: the checked compile-time plans become
// catalog objects. Templates decide and check; this code builds values.
#pragma once

#include <string>
#include <vector>

#include <pgcraft/catalog/catalog.hpp>
#include <pgcraft/plan/dimension_plan.hpp>
#include <pgcraft/plan/schema_plan.hpp>
#include <pgcraft/sql/naming.hpp>
#include <pgcraft/sql/quote.hpp>

namespace pgcraft::generator {

namespace detail {
template <std::size_t N>
catalog::table table_from_plan(const plan::table_plan<N>& plan) {
    catalog::table table;
    table.name = {std::string(plan.schema), std::string(plan.table)};
    table.comment = plan.comment;
    for (const plan::column_plan& c : plan.columns) {
        table.columns.push_back({std::string(c.name), std::string(c.type), c.nullable, c.identity,
                                 std::string(c.default_sql), std::string(c.comment)});
    }
    const std::vector<std::string> key{std::string(plan.primary_key)};
    table.constraints.push_back(
        {catalog::constraint_kind::primary_key, sql::convention_name("pk", plan.table, key), key, {}, {}});
    // Columns whose SQL type is wider than their C++ type: keep every stored
    // value readable into the C++ member.
    for (const plan::column_plan& c : plan.columns) {
        if (c.min_value.empty()) continue;
        const std::vector<std::string> columns{std::string(c.name)};
        table.constraints.push_back({catalog::constraint_kind::check,
                                     sql::convention_name("ck", plan.table, columns),
                                     columns,
                                     sql::quote_identifier(c.name) + " BETWEEN " + std::string(c.min_value) +
                                         " AND " + std::string(c.max_value),
                                     {}});
    }
    return table;
}

template <class Dimension>
void add_dimension(catalog::catalog& result) {
    constexpr auto& plan = plan::table_plan_of<Dimension>;
    if (plan.schema != plan::default_schema) result.add_once(catalog::schema{std::string(plan.schema)});
    result.add(table_from_plan(plan));
}

template <class... Dimensions>
catalog::catalog build(pgcraft::detail::type_list<Dimensions...>) {
    catalog::catalog result;
    (add_dimension<Dimensions>(result), ...);
    return result;
}
}  // namespace detail

/// Every object the schema declares.
template <class Schema>
catalog::catalog build_catalog() {
    static_assert(plan::schema_is_valid<Schema>);
    return detail::build(typename plan::detail::schema_dimensions<Schema>::list{});
}

}  // namespace pgcraft::generator
