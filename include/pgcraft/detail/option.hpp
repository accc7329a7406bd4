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
    plugin,       ///< a plugin given directly: an extra plugin of the dimension
    plugin_list,  ///< pg::plugins<...>
    schema_setting,
    constraint,  ///< pg::check, pg::unique, pg::index, pg::foreign_key
    generated,   ///< pg::generated, a column option
    renamed_from,   ///< pg::renamed_from, a dimension or column option
    convert_using,  ///< pg::convert_using, a column option
    backfill,       ///< pg::backfill, a column option
    allow_drop,     ///< pg::allow_drop, a dimension option or a schema item
    ledger_value,   ///< pg::ledger_value, an option of pg::ledger
    double_entry,   ///< pg::double_entry, an option of pg::ledger
    balances,       ///< pg::balances, an option of pg::ledger
    min_balance,    ///< pg::min_balance, an option of pg::ledger
    max_balance,    ///< pg::max_balance, an option of pg::ledger
    latest,         ///< pg::latest, an option of pg::ledger
    idempotency_key,  ///< pg::idempotency_key, an option of pg::ledger
    event,          ///< pg::event, an option of pg::ledger
    direction,      ///< pg::direction, an option of pg::ledger
    group_limits,   ///< pg::group_limits, an option of pg::ledger
};

/// How the option is written, for messages: "pg::in_schema".
constexpr std::string_view spelling(option_category category) {
    switch (category) {
        case option_category::schema: return "pg::in_schema";
        case option_category::table_name: return "pg::table_name";
        case option_category::comment: return "pg::comment";
        case option_category::column: return "pg::column";
        case option_category::default_value: return "pg::sql_default";
        case option_category::column_type: return "pg::column_type";
        case option_category::plugin: return "a plugin";
        case option_category::plugin_list: return "pg::plugins";
        case option_category::schema_setting: return "a schema setting";
        case option_category::constraint: return "a constraint";
        case option_category::generated: return "pg::generated";
        case option_category::renamed_from: return "pg::renamed_from";
        case option_category::convert_using: return "pg::convert_using";
        case option_category::backfill: return "pg::backfill";
        case option_category::allow_drop: return "pg::allow_drop";
        case option_category::ledger_value: return "pg::ledger_value";
        case option_category::double_entry: return "pg::double_entry";
        case option_category::balances: return "pg::balances";
        case option_category::min_balance: return "pg::min_balance";
        case option_category::max_balance: return "pg::max_balance";
        case option_category::latest: return "pg::latest";
        case option_category::idempotency_key: return "pg::idempotency_key";
        case option_category::event: return "pg::event";
        case option_category::direction: return "pg::direction";
        case option_category::group_limits: return "pg::group_limits";
        case option_category::not_an_option: break;
    }
    return "not an option";
}

struct option_entry {
    option_category category = option_category::not_an_option;
    std::string_view value;
};

// A plugin given as an option; the full concept lives in pgcraft/plugin.hpp.
template <class Option>
concept plugin_like = requires {
    { Option::name } -> std::convertible_to<std::string_view>;
    Option::required_keys;
    Option::produced_keys;
};

template <class Option>
consteval option_entry entry_of() {
    if constexpr (plugin_like<Option>) {
        return {option_category::plugin, Option::name};
    } else if constexpr (requires {
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
