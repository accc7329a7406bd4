// How many fields an aggregate has, by probing aggregate initialisation.
// Not Boost.PFR's count: PFR searches up to sizeof(T) * CHAR_BIT initializers
// (about 3,000 for a 20-column dimension; we stop at 128), which made the
// 100-dimension generator 75% slower with clang and 40% (GCC) to 210% (clang)
// bigger; see benchmarks/README.md.
#pragma once

#include <climits>
#include <cstddef>
#include <type_traits>
#include <utility>

namespace pgcraft::reflect::detail {

// Converts to any type; declared only, used in unevaluated probes. By value,
// so that guaranteed elision also covers members that cannot be copied.
template <std::size_t>
struct any_field {
    template <class U>
    operator U() const noexcept;  // NOLINT: implicit on purpose
};

// Converts only to a proper base class of T: if `T{base_probe<T>{}}` works,
// the first initializer went to a base class.
template <class T>
struct base_probe {
    template <class U>
        requires(std::is_base_of_v<U, T> && !std::is_same_v<U, T>)
    operator U() const noexcept;  // NOLINT: implicit on purpose
};

template <class T, class Indices>
inline constexpr bool initializable_with = false;

template <class T, std::size_t... I>
inline constexpr bool initializable_with<T, std::index_sequence<I...>> =
    requires { T{any_field<I>{}...}; };

template <class T, std::size_t N>
inline constexpr bool initializable_with_n = initializable_with<T, std::make_index_sequence<N>>;

template <class T>
inline constexpr bool has_base_class = requires { T{base_probe<T>{}}; };

// The most initializers T could take if every member were one bit.
template <class T>
inline constexpr std::size_t max_initializers = sizeof(T) * CHAR_BIT;

inline constexpr std::size_t no_count = static_cast<std::size_t>(-1);

// When T{} works every prefix of initializers works too, so the count is the
// boundary between "works" and "does not": a binary search finds it.
template <class T, std::size_t Low, std::size_t High>
consteval std::size_t count_by_bisection() {
    if constexpr (Low == High) {
        return Low;
    } else {
        constexpr std::size_t mid = (Low + High + 1) / 2;
        if constexpr (initializable_with_n<T, mid>) {
            return count_by_bisection<T, mid, High>();
        } else {
            return count_by_bisection<T, Low, mid - 1>();
        }
    }
}

// A member that cannot be default-initialised makes short initializer lists
// fail too, so search upward for the largest count that works.
template <class T, std::size_t N>
consteval std::size_t count_greedily(std::size_t best) {
    if constexpr (N > max_initializers<T>) {
        return best;
    } else {
        return count_greedily<T, N + 1>(initializable_with_n<T, N> ? N : best);
    }
}

template <class T>
consteval std::size_t count_fields() {
    if constexpr (initializable_with_n<T, 0>) {
        constexpr std::size_t upper = max_initializers<T> < 128 ? max_initializers<T> : 128;
        return count_by_bisection<T, 0, upper>();
    } else {
        return count_greedily<T, 1>(no_count);
    }
}

}  // namespace pgcraft::reflect::detail
