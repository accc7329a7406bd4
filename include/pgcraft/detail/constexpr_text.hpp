// Small compile-time text: SQL type names such as "varchar(32)" built from
// template arguments, and integers as decimal text.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <type_traits>

namespace pgcraft::detail {

template <std::size_t Capacity>
struct constexpr_text {
    std::array<char, Capacity + 1> chars{};
    std::size_t length = 0;

    constexpr constexpr_text& append(std::string_view text) {
        for (char c : text) chars[length++] = c;
        return *this;
    }
    constexpr constexpr_text& append(std::uintmax_t number, bool negative = false) {
        char digits[24]{};
        std::size_t count = 0;
        do {
            digits[count++] = static_cast<char>('0' + number % 10);
            number /= 10;
        } while (number != 0);
        if (negative) chars[length++] = '-';
        while (count > 0) chars[length++] = digits[--count];
        return *this;
    }
    constexpr std::string_view view() const noexcept { return {chars.data(), length}; }
};

// "name(a)" or "name(a,b)".
template <std::size_t Capacity = 48>
constexpr constexpr_text<Capacity> parameterised_type(std::string_view name, std::uintmax_t first) {
    constexpr_text<Capacity> text;
    text.append(name).append("(").append(first).append(")");
    return text;
}

template <std::size_t Capacity = 48>
constexpr constexpr_text<Capacity> parameterised_type(std::string_view name, std::uintmax_t first,
                                                      std::uintmax_t second) {
    constexpr_text<Capacity> text;
    text.append(name).append("(").append(first).append(",").append(second).append(")");
    return text;
}

// Any integer, as decimal text: also the 128-bit ones of GNU mode, which
// std::intmax_t cannot hold. Written so that the most negative value does not overflow.
template <std::size_t Capacity = 48, class Integer>
constexpr constexpr_text<Capacity> decimal_of(Integer number) {
    using magnitude_type = std::make_unsigned_t<Integer>;
    const bool negative = number < 0;
    magnitude_type magnitude = negative ? static_cast<magnitude_type>(-(number + 1)) + 1u
                                        : static_cast<magnitude_type>(number);
    char digits[48]{};
    std::size_t count = 0;
    do {
        digits[count++] = static_cast<char>('0' + static_cast<int>(magnitude % 10u));
        magnitude /= 10u;
    } while (magnitude != 0);
    constexpr_text<Capacity> text;
    if (negative) text.append("-");
    while (count > 0) text.chars[text.length++] = digits[--count];
    return text;
}

}  // namespace pgcraft::detail
