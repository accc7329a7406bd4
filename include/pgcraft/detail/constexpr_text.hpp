// Small compile-time text: SQL type names such as "varchar(32)" built from
// template arguments, and integers as decimal text.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

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

template <std::size_t Capacity = 24>
constexpr constexpr_text<Capacity> decimal(std::intmax_t number) {
    constexpr_text<Capacity> text;
    const bool negative = number < 0;
    // Written so that the most negative value does not overflow.
    const std::uintmax_t magnitude =
        negative ? static_cast<std::uintmax_t>(-(number + 1)) + 1 : static_cast<std::uintmax_t>(number);
    text.append(magnitude, negative);
    return text;
}

template <std::size_t Capacity = 24>
constexpr constexpr_text<Capacity> decimal_unsigned(std::uintmax_t number) {
    constexpr_text<Capacity> text;
    text.append(number);
    return text;
}

}  // namespace pgcraft::detail
