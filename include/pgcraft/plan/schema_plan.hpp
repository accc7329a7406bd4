// A schema's dimensions, checked together: every dimension plans cleanly and
// no two of them claim the same table.
#pragma once

#include <array>
#include <cstddef>
#include <string_view>

#include <pgcraft/plan/dimension_errors.hpp>
#include <pgcraft/plan/dimension_plan.hpp>
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

/// The first pair of dimensions with the same schema-qualified table name.
template <std::size_t N>
consteval shared_table find_shared_table(std::array<table_identity, N> tables) {
    for (std::size_t i = 0; i < N; ++i)
        for (std::size_t j = 0; j < i; ++j)
            if (tables[i].schema == tables[j].schema && tables[i].table == tables[j].table) return {j, i};
    return {};
}

namespace detail {
template <class Schema>
struct schema_dimensions;
template <class... Dimensions>
struct schema_dimensions<schema<Dimensions...>> {
    using list = pgcraft::detail::type_list<Dimensions...>;
    template <std::size_t I>
    using at = pgcraft::detail::type_at<I, Dimensions...>;
    static constexpr shared_table shared =
        find_shared_table(std::array<table_identity, sizeof...(Dimensions)>{
            table_identity{table_plan_of<Dimensions>.schema, table_plan_of<Dimensions>.table}...});
};

template <class Schema>
consteval bool check_schema() {
    using dims = schema_dimensions<Schema>;
    if constexpr (dims::shared.found()) {
        return sizeof(error::two_dimensions_share_a_table<typename dims::template at<dims::shared.first>,
                                                          typename dims::template at<dims::shared.second>>) == 0;
    }
    return true;
}
}  // namespace detail

/// True for a valid schema; a mistake in it is a compile error here.
template <class Schema>
inline constexpr bool schema_is_valid = detail::check_schema<Schema>();

}  // namespace pgcraft::plan
