// Which SQL type a C++ member type is stored as. A customisation point:
// specialise pgcraft::sql_type<T> for a type of your own.
#pragma once

#include <chrono>
#include <concepts>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>

#include <pgcraft/detail/constexpr_text.hpp>
#include <pgcraft/types.hpp>

namespace pgcraft {

/// Specialise with `static constexpr std::string_view name` (the SQL type).
/// Where the SQL type holds values the C++ type cannot, also give `min_value`
/// and `max_value` (SQL literals): the column then gets a CHECK so that every
/// stored value reads back into the C++ type.
template <class T>
struct sql_type {};

template <class T>
concept has_sql_type = requires {
    { sql_type<T>::name } -> std::convertible_to<std::string_view>;
};

template <class T>
concept has_sql_range = requires {
    { sql_type<T>::min_value } -> std::convertible_to<std::string_view>;
    { sql_type<T>::max_value } -> std::convertible_to<std::string_view>;
};

namespace detail {
template <std::string_view const& Name>
struct named_sql_type {
    static constexpr std::string_view name = Name;
};

// An integer stored in a wider SQL type, with a CHECK for the C++ range.
template <class Integer, std::string_view const& Name>
struct ranged_sql_type {
    static constexpr std::string_view name = Name;
    static constexpr auto min_storage = decimal_of(std::numeric_limits<Integer>::min());
    static constexpr auto max_storage = decimal_of(std::numeric_limits<Integer>::max());
    static constexpr std::string_view min_value = min_storage.view();
    static constexpr std::string_view max_value = max_storage.view();
};

inline constexpr std::string_view smallint = "smallint";
inline constexpr std::string_view integer = "integer";
inline constexpr std::string_view bigint = "bigint";
inline constexpr std::string_view numeric_20 = "numeric(20,0)";
inline constexpr std::string_view numeric_39 = "numeric(39,0)";  ///< holds every 128-bit value

// Picks the SQL integer type for a C++ integer type by its size and sign.
template <class Integer>
consteval auto integer_sql_type() {
    constexpr auto bits = std::numeric_limits<Integer>::digits + (std::is_signed_v<Integer> ? 1 : 0);
    if constexpr (std::is_signed_v<Integer>) {
        if constexpr (bits < 16) return ranged_sql_type<Integer, smallint>{};
        else if constexpr (bits == 16) return named_sql_type<smallint>{};
        else if constexpr (bits == 32) return named_sql_type<integer>{};
        else if constexpr (bits == 64) return named_sql_type<bigint>{};
        else return ranged_sql_type<Integer, numeric_39>{};  // GNU mode's __int128
    } else {
        // Unsigned values go to the next wider type: PostgreSQL has no unsigned
        // integers, and a uint32 above 2^31 would not fit in integer.
        if constexpr (bits < 16) return ranged_sql_type<Integer, smallint>{};
        else if constexpr (bits == 16) return ranged_sql_type<Integer, integer>{};
        else if constexpr (bits == 32) return ranged_sql_type<Integer, bigint>{};
        else if constexpr (bits == 64) return ranged_sql_type<Integer, numeric_20>{};
        else return ranged_sql_type<Integer, numeric_39>{};  // GNU mode's unsigned __int128
    }
}

template <class T>
inline constexpr bool is_character = std::is_same_v<T, char> || std::is_same_v<T, wchar_t> ||
                                     std::is_same_v<T, char8_t> || std::is_same_v<T, char16_t> ||
                                     std::is_same_v<T, char32_t>;
}  // namespace detail

template <std::integral Integer>
    requires(!std::is_same_v<Integer, bool> && !detail::is_character<Integer>)
struct sql_type<Integer> : decltype(detail::integer_sql_type<Integer>()) {};

template <>
struct sql_type<bool> {
    static constexpr std::string_view name = "boolean";
};
template <>
struct sql_type<float> {
    static constexpr std::string_view name = "real";
};
template <>
struct sql_type<double> {
    static constexpr std::string_view name = "double precision";
};
template <>
struct sql_type<std::string> {
    static constexpr std::string_view name = "text";
};
template <std::size_t Length>
    requires(varchar<Length>::valid_parameters)
struct sql_type<varchar<Length>> {
    static constexpr auto storage = detail::parameterised_type("varchar", Length);
    static constexpr std::string_view name = storage.view();
};
template <unsigned Precision, unsigned Scale>
    requires(numeric<Precision, Scale>::valid_parameters)
struct sql_type<numeric<Precision, Scale>> {
    static constexpr auto storage = detail::parameterised_type("numeric", Precision, Scale);
    static constexpr std::string_view name = storage.view();
};
template <>
struct sql_type<uuid> {
    static constexpr std::string_view name = "uuid";
};
template <>
struct sql_type<jsonb> {
    static constexpr std::string_view name = "jsonb";
};
template <>
struct sql_type<json> {
    static constexpr std::string_view name = "json";
};
template <>
struct sql_type<bytea> {
    static constexpr std::string_view name = "bytea";
};
template <class Duration>
struct sql_type<std::chrono::sys_time<Duration>> {
    static constexpr std::string_view name =
        std::is_same_v<Duration, std::chrono::days> ? std::string_view{"date"} : std::string_view{"timestamptz"};
};
template <class Duration>
struct sql_type<std::chrono::local_time<Duration>> {
    static constexpr std::string_view name =
        std::is_same_v<Duration, std::chrono::days> ? std::string_view{"date"} : std::string_view{"timestamp"};
};
template <class Rep, class Period>
struct sql_type<std::chrono::duration<Rep, Period>> {
    static constexpr std::string_view name = "interval";
};

/// How a member type becomes a column: std::optional<T> is a nullable T,
/// everything else is NOT NULL.
template <class Member>
struct column_type_traits {
    using value_type = Member;
    static constexpr bool nullable = false;
};
template <class Value>
struct column_type_traits<std::optional<Value>> {
    using value_type = Value;
    static constexpr bool nullable = true;
};

}  // namespace pgcraft
