// A string literal usable as a template argument: pg::check<"price_positive", ...>.
#pragma once

#include <cstddef>
#include <string_view>

namespace pgcraft {

template <std::size_t N>
struct fixed_string {
    char chars[N]{};

    constexpr fixed_string(const char (&text)[N]) noexcept {
        for (std::size_t i = 0; i < N; ++i) chars[i] = text[i];
    }

    static constexpr std::size_t size() noexcept { return N - 1; }

    constexpr std::string_view view() const noexcept { return {chars, N - 1}; }
    constexpr operator std::string_view() const noexcept { return view(); }
};

}  // namespace pgcraft
