// What every declaration option says about itself, so that a dimension's
// options can be read as a constexpr array instead of searched as types.
#pragma once

#include <array>
#include <concepts>
#include <string_view>

namespace pgcraft::detail {

enum class option_category {
    not_an_option,
    schema,
    table_name,
    comment,
    column,
    default_value,
    column_type,
};

struct option_entry {
    option_category category = option_category::not_an_option;
    std::string_view value;
};

template <class Option>
consteval option_entry entry_of() {
    if constexpr (requires {
                      { Option::category } -> std::convertible_to<option_category>;
                      { Option::value } -> std::convertible_to<std::string_view>;
                  }) {
        return {Option::category, Option::value};
    } else {
        return {};
    }
}

template <class... Options>
inline constexpr std::array<option_entry, sizeof...(Options)> entries_of{entry_of<Options>()...};

}  // namespace pgcraft::detail
