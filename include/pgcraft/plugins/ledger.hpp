// The ledger kind's option pg::ledger_value and its plugins. Each run()
// hands over to a builder compiled in the generator library
// (pgcraft/kinds/ledger.hpp), so that these declarations cost an
// application nothing.
#pragma once

#include <cstdint>
#include <string_view>

#include <pgcraft/detail/option.hpp>
#include <pgcraft/fixed_string.hpp>
#include <pgcraft/kinds/ledger.hpp>
#include <pgcraft/ledger_rules.hpp>
#include <pgcraft/plugin.hpp>
#include <pgcraft/sql_type.hpp>
#include <pgcraft/types.hpp>

namespace pgcraft {

namespace detail {
/// The SQL type of a ledger's value column for C++ type T; empty when a
/// ledger does not take T (an error of the dimension, naming T).
template <class T>
inline constexpr std::string_view ledger_value_sql_type = {};
template <>
inline constexpr std::string_view ledger_value_sql_type<std::int64_t> = "bigint";
template <>
inline constexpr std::string_view ledger_value_sql_type<int> = "integer";
template <unsigned Precision, unsigned Scale>
    requires(numeric<Precision, Scale>::valid_parameters)
inline constexpr std::string_view ledger_value_sql_type<numeric<Precision, Scale>> =
    sql_type<numeric<Precision, Scale>>::name;
}  // namespace detail

/// The type of a ledger's value column: std::int64_t (bigint, the default),
/// int (integer) or pg::numeric<P, S>.
template <class T>
struct ledger_value {
    using type = T;
    static constexpr detail::option_category category = detail::option_category::ledger_value;
    static constexpr std::string_view value = detail::ledger_value_sql_type<T>;
};

namespace detail {
template <class... Options>
struct ledger_value_of {
    using type = std::int64_t;
};
template <class T, class... Options>
struct ledger_value_of<ledger_value<T>, Options...> {
    using type = T;
};
template <class First, class... Options>
struct ledger_value_of<First, Options...> : ledger_value_of<Options...> {};
}  // namespace detail

/// The ledger's table: id, entry_id, the members, value, created_at, reverses.
template <class Value = std::int64_t, class Rules = detail::ledger_rules_of<>, fixed_string Table = "ledger">
struct ledger_table {
    static constexpr std::string_view name = "ledger_table";
    static constexpr keys<"primary_key"> required_keys{};
    static constexpr keys<Table> produced_keys{};
    static constexpr std::string_view singleton_group = group::table;
    static void run(auto& context) {
        kinds::build_ledger_table(context, Table.view(), detail::ledger_value_sql_type<Value>, Rules::value);
    }
};

/// The view <table>_entries, written with INSERT, and <table>_reverse(entry uuid).
/// Rules::value (kinds::ledger_rules) says whether each write records its entry for the checks at COMMIT.
template <class Rules = detail::ledger_rules_of<>, fixed_string Table = "ledger", fixed_string View = "entries_view">
struct ledger_entries {
    static constexpr std::string_view name = "ledger_entries";
    static constexpr keys<Table> required_keys{};
    static constexpr keys<View, "rows"> produced_keys{};
    static void run(auto& context) { kinds::build_ledger_entries(context, Table.view(), View.view(), Rules::value); }
};

/// The checks of each entry at COMMIT that the ledger's rules declare
/// (pg::double_entry, pg::balances, pg::min_balance, pg::max_balance), the
/// balances table with its audit function, pg::latest's view and the
/// pg::event functions. Nothing when it declares none.
template <class Rules, fixed_string Table = "ledger", fixed_string View = "entries_view">
struct ledger_checks {
    static constexpr std::string_view name = "ledger_checks";
    static constexpr keys<Table, View, "ledger_guard"> required_keys{};
    static constexpr keys<> produced_keys{};
    static void run(auto& context) {
        if constexpr (Rules::value.checks_entries())
            kinds::build_ledger_checks(context, Table.view(), Rules::value);
        if constexpr (!Rules::value.latest.empty()) kinds::build_ledger_latest(context, Table.view(), Rules::value);
        if constexpr (!Rules::value.events.empty())
            kinds::build_ledger_events(context, Table.view(), View.view(), Rules::value);
    }
};

/// Every write other than an INSERT through the view, or the ledger's own
/// functions, fails, naming the ledger and how to correct an entry.
template <fixed_string Table = "ledger", fixed_string View = "entries_view">
struct ledger_protection {
    static constexpr std::string_view name = "ledger_protection";
    static constexpr keys<Table, View> required_keys{};
    static constexpr keys<"ledger_guard"> produced_keys{};
    static void run(auto& context) { kinds::protect_ledger(context, Table.view(), View.view()); }
};

}  // namespace pgcraft
