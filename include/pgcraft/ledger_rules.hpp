// The rules a ledger can declare over its entries, checked by the database:
//
//   struct payments {
//       using dimension = pg::ledger<pg::double_entry<"currency">,
//                                    pg::balances<"account", "currency">,
//                                    pg::min_balance<0, "<account> <> 'world'">>;
//       std::string account;
//       std::string currency;
//   };
//
// A value is a debit when positive and a credit when negative (the signed
// value rule), unless pg::direction names a member that says which. The rules are checked once per entry, at COMMIT, so that an
// entry may be written leg by leg within its transaction.
#pragma once

#include <array>
#include <cstddef>
#include <span>
#include <string_view>
#include <type_traits>

#include <pgcraft/detail/option.hpp>
#include <pgcraft/fixed_string.hpp>
#include <pgcraft/sql_type.hpp>

namespace pgcraft {

namespace detail {
// An option of a ledger that names members: its category, its spelling for
// messages, and the members, which the declaration's check finds in the struct.
template <option_category Category, fixed_string... Members>
struct member_rule {
    static constexpr option_category category = Category;
    static constexpr std::string_view value = spelling(Category);
    static constexpr std::array<std::string_view, sizeof...(Members)> members{Members.view()...};
};

template <option_category Category, long long Bound, fixed_string Where>
struct balance_limit_option {
    static constexpr option_category category = Category;
    static constexpr std::string_view value = spelling(Category);
    static constexpr long long bound = Bound;
    static constexpr std::string_view where = Where.view();
};
}  // namespace detail

/// Each entry's debits equal its credits (its values sum to zero), per
/// Currency when a member is named, checked at COMMIT. A leg cannot join
/// an entry that an earlier transaction committed.
template <fixed_string... Currency>
struct double_entry : detail::member_rule<detail::option_category::double_entry, Currency...> {
    static_assert(sizeof...(Currency) <= 1,
                  "pgcraft: pg::double_entry takes at most one member: the currency its sums are kept apart by");
};

/// A table <table>_balances with one row per group of these members (debits,
/// credits, balance = debits - credits, legs), updated in the transaction that
/// writes the entries, so that a balance is one key lookup.
template <fixed_string First, fixed_string... More>
struct balances : detail::member_rule<detail::option_category::balances, First, More...> {};

/// Debits and credits told by a member instead of the value's sign: an enum
/// class whose enumerators are `debit` and `credit`. Values are then
/// magnitudes (at least zero); a reversal repeats a leg's value on the other
/// side.
template <fixed_string Member>
struct direction : detail::member_rule<detail::option_category::direction, Member> {};

/// No entry may take a group's balance below Bound. Where, if given, is a
/// condition on the group's members (as <markers>) that says which groups
/// the limit applies to. Race-free: balance rows are locked, in one order.
template <long long Bound, fixed_string Where = "">
struct min_balance : detail::balance_limit_option<detail::option_category::min_balance, Bound, Where> {};

/// No entry may take a group's balance above Bound (see pg::min_balance).
template <long long Bound, fixed_string Where = "">
struct max_balance : detail::balance_limit_option<detail::option_category::max_balance, Bound, Where> {};

/// A table <table>_limits (the balances' key, minimum, maximum) where the
/// application sets a group's own limits; a NULL leaves the declared one
/// (pg::min_balance, pg::max_balance), and a group's own limit applies
/// whatever their conditions say. Read by the checks at COMMIT.
struct group_limits : detail::member_rule<detail::option_category::group_limits> {};

/// A view <table>_latest: the latest leg of each group of these members,
/// deterministic even among legs of one transaction (the greatest id wins),
/// served by an index on the members and id.
template <fixed_string First, fixed_string... More>
struct latest : detail::member_rule<detail::option_category::latest, First, More...> {};

/// The member that makes writing an entry idempotent: the first entry with a
/// key is written; a replay of its legs with the same key (from another
/// transaction, or after it failed) writes nothing and returns the legs
/// stored; a leg with the same key that is not one of them is refused.
template <fixed_string Member>
struct idempotency_key : detail::member_rule<detail::option_category::idempotency_key, Member> {};

namespace kinds {
/// A parameter of a ledger event as the generator reads it.
struct event_parameter {
    std::string_view name;
    std::string_view type;  ///< its SQL type; empty when pgcraft maps none to the C++ type (a compile error)
};
/// A ledger event as the generator reads it.
struct ledger_event {
    std::string_view name;
    std::string_view query;
    std::span<const event_parameter> parameters;
    std::string_view scope;  ///< a reconciliation's scope (a condition on the legs), or empty: a plain event
};
}  // namespace kinds

namespace detail {
template <class T>
consteval std::string_view event_parameter_type() {
    if constexpr (has_sql_type<T>) return sql_type<T>::name;
    else return {};
}
}  // namespace detail

/// A parameter of a pg::event: its name, and its C++ type, which gives its SQL type.
template <fixed_string Name, class T>
struct param {
    static constexpr std::string_view name = Name.view();
    using type = T;
};

namespace detail {
template <fixed_string Name, fixed_string Query, fixed_string Scope, class... Params>
struct event_option {
    static constexpr option_category category = option_category::event;
    static constexpr std::string_view value = Name.view();
    static constexpr std::string_view query = Query.view();
    static constexpr std::string_view scope = Scope.view();
    static constexpr std::array<kinds::event_parameter, sizeof...(Params)> parameters{
        kinds::event_parameter{Params::name, event_parameter_type<typename Params::type>()}...};
};
}  // namespace detail

/// An SQL function <table>_<Name>(parameters…) that writes one entry and
/// returns its legs. Query is a SELECT whose rows are the legs: its output
/// columns are named with <markers> of the ledger's members and value
/// (`SELECT 'revenue' AS <account>, -:amount AS <value> UNION ALL …`), and
/// :name is a parameter. Both are checked at compile time.
template <fixed_string Name, fixed_string Query, class... Params>
struct event : detail::event_option<Name, Query, "", Params...> {};

/// An SQL function <table>_<Name>(parameters…) that brings the balances
/// of a scope to what Desired says they should be, in one entry of the
/// differences, and returns its legs. Scope is a condition on the legs
/// (<markers> of their columns, :parameters) that picks the legs it
/// covers, an invoice's say; Desired is a SELECT of the balances wanted, one
/// row per key: its <markers> name the key's columns and <value>. A key of
/// the scope that Desired no longer gives is brought to zero. Runs under
/// a lock on the scope (its parameters), so that two runs never both post.
template <fixed_string Name, fixed_string Scope, fixed_string Desired, class... Params>
struct reconciliation : detail::event_option<Name, Desired, Scope, Params...> {};

namespace kinds {
/// A balance limit as the generator reads it.
struct balance_limit {
    bool declared = false;
    long long bound = 0;
    std::string_view where;  ///< a condition with <markers>, or empty: every group
};
/// What a ledger's options declare, as one value for the generator.
struct ledger_rules {
    bool double_entry = false;
    std::string_view currency;                 ///< the member its sums are kept apart by, or empty
    std::span<const std::string_view> groups;  ///< pg::balances' members; empty: no balances
    balance_limit minimum, maximum;
    std::span<const std::string_view> latest;  ///< pg::latest's members; empty: no latest view
    std::string_view idempotency_key;          ///< its member, or empty
    std::span<const ledger_event> events;
    std::string_view direction;  ///< pg::direction's member, or empty: the value's sign tells
    bool group_limits = false;   ///< pg::group_limits: a table of each group's own limits
    constexpr bool checks_entries() const noexcept {
        return double_entry || !groups.empty() || !idempotency_key.empty();
    }
};
}  // namespace kinds

namespace detail {
template <class Option>
inline constexpr std::array<std::string_view, 0> named_members_of{};
template <class Option>
    requires requires { Option::members; }
inline constexpr auto named_members_of<Option> = Option::members;

template <class Option>
inline constexpr std::array<kinds::event_parameter, 0> event_parameters_of{};
template <class Option>
    requires requires { Option::parameters; }
inline constexpr auto event_parameters_of<Option> = Option::parameters;

template <class Option>
consteval std::string_view event_query_of() {
    if constexpr (requires { Option::query; }) return Option::query;
    else return {};
}

template <class Option>
consteval std::string_view limit_condition_of() {
    if constexpr (requires { Option::where; }) return Option::where;
    else return {};
}

template <class... Options>
consteval kinds::ledger_rules rules_of() {
    kinds::ledger_rules rules;
    [[maybe_unused]] auto read = [&]<class Option>(std::type_identity<Option>) {
        if constexpr (requires { Option::category; }) {
            if constexpr (Option::category == option_category::double_entry) {
                rules.double_entry = true;
                if constexpr (Option::members.size() == 1) rules.currency = Option::members[0];
            } else if constexpr (Option::category == option_category::balances) {
                rules.groups = named_members_of<Option>;
            } else if constexpr (Option::category == option_category::min_balance) {
                rules.minimum = {true, Option::bound, Option::where};
            } else if constexpr (Option::category == option_category::max_balance) {
                rules.maximum = {true, Option::bound, Option::where};
            } else if constexpr (Option::category == option_category::latest) {
                rules.latest = named_members_of<Option>;
            } else if constexpr (Option::category == option_category::idempotency_key) {
                rules.idempotency_key = Option::members[0];
            } else if constexpr (Option::category == option_category::direction) {
                rules.direction = Option::members[0];
            } else if constexpr (Option::category == option_category::group_limits) {
                rules.group_limits = true;
            }
        }
    };
    (read(std::type_identity<Options>{}), ...);
    return rules;
}

template <class Option>
consteval std::string_view scope_of() {
    if constexpr (requires { Option::scope; }) return Option::scope;
    else return {};
}

template <class Option>
consteval std::size_t is_event() {
    if constexpr (requires { Option::category; }) return Option::category == option_category::event ? 1 : 0;
    else return 0;
}

// The events among a ledger's options, in the order written.
template <class... Options>
struct ledger_events_of {
    static constexpr std::size_t count = (is_event<Options>() + ... + 0);
    static constexpr std::array<kinds::ledger_event, count> value = [] {
        std::array<kinds::ledger_event, count> events{};
        std::size_t n = 0;
        [[maybe_unused]] auto add = [&]<class Option>(std::type_identity<Option>) {
            if constexpr (is_event<Option>() == 1)
                events[n++] = {Option::value, Option::query, std::span<const kinds::event_parameter>{Option::parameters},
                               scope_of<Option>()};
        };
        (add(std::type_identity<Options>{}), ...);
        return events;
    }();
};

/// The rules of a ledger's options, as a constant the plugins pass on.
template <class... Options>
struct ledger_rules_of {
    static constexpr kinds::ledger_rules value = [] {
        kinds::ledger_rules rules = rules_of<Options...>();
        rules.events = ledger_events_of<Options...>::value;
        return rules;
    }();
};
}  // namespace detail

}  // namespace pgcraft
