// The enumerators of a scoped enum, read at compile time: their names (in
// ascending value order) and their values. No macros, no registration.
//
// How: every value of a bounded range is passed, all at once, as one pack of
// non-type template arguments to a function whose __PRETTY_FUNCTION__ then
// lists them. Both GCC 12 and clang 14 print a value that is an enumerator by
// its qualified name and any other value as a cast:
//   GCC:   [with auto ...PgcraftProbe = {(ns::e)0, ns::e::pending, ns::e::shipped}]
//   clang: [PgcraftProbe = <(ns::e)0, ns::e::pending, ns::e::shipped>]
// (they differ in how the cast names a type, e.g. a local enum is
// "(f::e)4" on GCC and "(e)4" on clang, which is why only the enumerator
// spelling, "...::name", is relied on). One instantiation per enum, however
// many values are probed.
//
// Limits, by construction of the technique:
// - Only values in [enum_probe_min, enum_probe_max] (within the underlying
//   type's range) are probed; an enumerator outside it is not seen. For an
//   underlying type of 8 bits or bool the whole range is probed.
// - Enumerators with the same value (aliases) are one value: both compilers
//   print the first declared name, which is the only one listed.
// Neither case can be detected by probing values: nothing in C++20 counts the
// enumerators of an enum.
#pragma once

#include <array>
#include <cstddef>
#include <limits>
#include <string_view>
#include <type_traits>
#include <utility>

#include <pgcraft/reflect/detail/pretty_name.hpp>

namespace pgcraft::reflect::detail {

/// The values probed for enumerators, clipped to the underlying type's range.
// The error enum_has_no_enumerator_in_probed_range (plan/dimension_errors.hpp) quotes these.
inline constexpr long long enum_probe_min = -128;
inline constexpr long long enum_probe_max = 255;

template <class E>
consteval bool scoped_enum_check() {
    if constexpr (std::is_enum_v<E>) return !std::is_convertible_v<E, std::underlying_type_t<E>>;
    else return false;
}

template <class E>
struct enum_probe_range {
    using underlying = std::underlying_type_t<E>;
    static constexpr long long first = [] {
        if constexpr (std::is_signed_v<underlying>) {
            const long long lowest = static_cast<long long>(std::numeric_limits<underlying>::min());
            return lowest > enum_probe_min ? lowest : enum_probe_min;
        } else {
            return 0LL;
        }
    }();
    static constexpr long long last = [] {
        const auto highest = static_cast<unsigned long long>(std::numeric_limits<underlying>::max());
        return highest < static_cast<unsigned long long>(enum_probe_max) ? static_cast<long long>(highest)
                                                                         : enum_probe_max;
    }();
    static constexpr std::size_t count = static_cast<std::size_t>(last - first + 1);
};

// Return type `auto`: see signature_of_address. The pack's name is the marker
// the parser looks for.
template <auto... PgcraftProbe>
consteval auto signature_of_values() {
    return std::string_view{__PRETTY_FUNCTION__};
}

template <class E, long long First, std::size_t... I>
consteval auto signature_of_enum_range(std::index_sequence<I...>) {
    using underlying = std::underlying_type_t<E>;
    return signature_of_values<static_cast<E>(static_cast<underlying>(First + static_cast<long long>(I)))...>();
}

template <class E, long long First, std::size_t Count>
consteval auto enum_signature() {
    return signature_of_enum_range<E, First>(std::make_index_sequence<Count>{});
}

// The enumerator's name if `element` prints one ("ns::e::pending"), else
// empty: a cast such as "(ns::e)3", "(ns::e)-3" or "(ns::e)false".
constexpr std::string_view enumerator_label(std::string_view element) noexcept {
    std::size_t begin = element.size();
    while (begin > 0 && is_identifier_char(element[begin - 1])) --begin;
    if (begin == element.size() || (element[begin] >= '0' && element[begin] <= '9')) return {};
    if (begin < 2 || element[begin - 1] != ':' || element[begin - 2] != ':') return {};
    return element.substr(begin);
}

inline constexpr std::size_t not_understood = static_cast<std::size_t>(-1);

// If `text` from `at` holds the decimal spelling of `value` ("-3", "200"),
// the position just after it; else 0.
constexpr std::size_t after_decimal(const char* text, std::size_t size, std::size_t at, long long value) noexcept {
    unsigned long long magnitude =
        value < 0 ? 0ULL - static_cast<unsigned long long>(value) : static_cast<unsigned long long>(value);
    std::size_t digits = 1;
    for (unsigned long long rest = magnitude / 10; rest != 0; rest /= 10) ++digits;
    const std::size_t length = digits + (value < 0 ? 1 : 0);
    if (at + length > size) return 0;
    if (value < 0 && text[at] != '-') return 0;
    for (std::size_t i = at + length; i > at + length - digits; --i, magnitude /= 10)
        if (text[i - 1] != static_cast<char>('0' + magnitude % 10)) return 0;
    return at + length;
}

// Calls visit(i, label) for the i-th value listed in the signature (the
// value first + i), label empty when that value is not an enumerator.
// Returns how many values were listed, or not_understood.
//
// Reading every character is slow in constant evaluation (clang 14 most of
// all), and most values are casts. So once one cast has been read in full,
// the spelling "(type)" is known, and each following value is first tried as
// exactly that text followed by its own number and a separator: a value whose
// text ends in ")number" cannot be an enumerator, which ends in "::name".
template <class Visit>
constexpr std::size_t for_each_probed_value(std::string_view signature, long long first, Visit visit) {
    constexpr std::string_view marker = "PgcraftProbe = ";
    std::size_t pos = signature.find(marker);
    if (pos == std::string_view::npos) return not_understood;
    const char* text = signature.data();
    const std::size_t size = signature.size();
    pos += marker.size();
    if (pos >= size || (text[pos] != '{' && text[pos] != '<')) return not_understood;
    ++pos;
    if (pos < size && (text[pos] == '}' || text[pos] == '>')) return 0;  // nothing probed
    std::size_t count = 0;
    std::size_t cast_length = 0;  // of "(type)", once known
    while (pos < size) {
        const long long value = first + static_cast<long long>(count);
        std::size_t end = 0;
        if (cast_length != 0 && pos + cast_length < size && text[pos] == '(' && text[pos + cast_length - 1] == ')')
            end = after_decimal(text, size, pos + cast_length, value);
        if (end != 0 && end < size && (text[end] == ',' || text[end] == '}' || text[end] == '>')) {
            visit(count++, std::string_view{});
        } else {
            // The value read in full, to the comma or bracket that ends it.
            int depth = 0;
            for (end = pos; end < size; ++end) {
                const char c = text[end];
                if (c == '(' || c == '<' || c == '{' || c == '[') ++depth;
                else if (depth == 0 && (c == ',' || c == ')' || c == '>' || c == '}' || c == ']')) break;
                else if (c == ')' || c == '>' || c == '}' || c == ']') --depth;
            }
            if (end == size) return not_understood;
            const std::string_view element = signature.substr(pos, end - pos);
            const std::string_view label = enumerator_label(element);
            if (label.empty() && cast_length == 0) {
                for (std::size_t close = 0; close < element.size(); ++close)
                    if (element[close] == ')' && after_decimal(text, size, pos + close + 1, value) == end)
                        cast_length = close + 1;
            }
            visit(count++, label);
        }
        if (text[end] != ',') return count;
        pos = end + 1;
        while (pos < size && text[pos] == ' ') ++pos;
    }
    return not_understood;
}

// Where the labels are in the signature: one reading of it, for up to
// Count labels. The storage below then copies just them.
template <std::size_t Count>
struct enum_scan {
    std::size_t listed = 0;  ///< values listed in the signature: must be Count
    std::size_t labels = 0;
    std::size_t chars = 0;
    std::array<std::size_t, Count> begins{};     ///< of each label, in the signature
    std::array<std::size_t, Count> sizes{};
    std::array<std::size_t, Count> positions{};  ///< among the probed values: value = first + position
};

template <std::size_t Count>
constexpr enum_scan<Count> scan_enum_signature(std::string_view signature, long long first) {
    enum_scan<Count> scan;
    scan.listed = for_each_probed_value(signature, first, [&](std::size_t position, std::string_view label) {
        if (label.empty() || scan.labels == Count) return;
        scan.begins[scan.labels] = static_cast<std::size_t>(label.data() - signature.data());
        scan.sizes[scan.labels] = label.size();
        scan.positions[scan.labels] = position;
        ++scan.labels;
        scan.chars += label.size();
    });
    return scan;
}

template <std::size_t Labels, std::size_t Chars>
struct enum_storage {
    std::array<char, Chars + 1> chars{};
    std::array<std::size_t, Labels> offsets{};
};

template <class E, long long First, std::size_t Count>
struct enum_reflection {
    static constexpr enum_scan<Count> scan = scan_enum_signature<Count>(enum_signature<E, First, Count>(), First);
    static_assert(scan.listed == Count, "pgcraft: this compiler prints enum values in a way pgcraft cannot read");

    static constexpr auto storage = [] {
        constexpr std::string_view signature = enum_signature<E, First, Count>();
        enum_storage<scan.labels, scan.chars> result;
        std::size_t offset = 0;
        for (std::size_t label = 0; label < scan.labels; ++label) {
            result.offsets[label] = offset;
            for (std::size_t i = 0; i < scan.sizes[label]; ++i)
                result.chars[offset++] = signature[scan.begins[label] + i];
        }
        return result;
    }();

    template <std::size_t... I>
    static constexpr std::array<std::string_view, scan.labels> make_labels(std::index_sequence<I...>) {
        return {std::string_view{storage.chars.data() + storage.offsets[I], scan.sizes[I]}...};
    }
    template <std::size_t... I>
    static constexpr std::array<E, scan.labels> make_values(std::index_sequence<I...>) {
        using underlying = std::underlying_type_t<E>;
        return {static_cast<E>(static_cast<underlying>(First + static_cast<long long>(scan.positions[I])))...};
    }
    static constexpr std::array<std::string_view, scan.labels> labels =
        make_labels(std::make_index_sequence<scan.labels>{});
    static constexpr std::array<E, scan.labels> values = make_values(std::make_index_sequence<scan.labels>{});
};

template <class E>
using enum_reflection_of = enum_reflection<E, enum_probe_range<E>::first, enum_probe_range<E>::count>;

// GCC: "[with T = ns::outer<int>::status]", clang: "[T = ns::outer<int>::status]".
// Returns "status": the last name, after any namespaces, classes and their
// template arguments.
constexpr std::string_view unqualified_enum_name(std::string_view signature) noexcept {
    constexpr std::string_view marker = "T = ";
    std::size_t begin = signature.rfind(marker);
    if (begin == std::string_view::npos) return {};
    begin += marker.size();
    std::size_t name_begin = begin;
    int depth = 0;
    for (std::size_t pos = begin; pos < signature.size(); ++pos) {
        const char c = signature[pos];
        if (c == '(' || c == '<' || c == '{') ++depth;
        else if (c == ')' || c == '>' || c == '}') --depth;
        else if (depth == 0 && (c == ']' || c == ';')) return signature.substr(name_begin, pos - name_begin);
        else if (depth == 0 && c == ':' && pos + 1 < signature.size() && signature[pos + 1] == ':') {
            name_begin = pos + 2;
            ++pos;
        }
    }
    return {};
}

template <class E>
inline constexpr auto enum_name_storage_v = [] {
    constexpr std::string_view name = unqualified_enum_name(signature_of_type<E>());
    return store<name.size()>(name);
}();

// Self-check over a small range: if a compiler changes how it prints values,
// fail loudly instead of producing wrong labels.
namespace calibration {
enum class enum_probe : signed char { first_label = -1, second_label = 2, alias_label = 2 };
using reflected = enum_reflection<enum_probe, -2, 6>;
static_assert(reflected::labels.size() == 2 && reflected::labels[0] == "first_label" &&
                  reflected::labels[1] == "second_label" && reflected::values[0] == enum_probe::first_label &&
                  reflected::values[1] == enum_probe::second_label,
              "pgcraft: this compiler prints enum values in a way pgcraft cannot read");
static_assert(enum_name_storage_v<enum_probe>.view() == "enum_probe",
              "pgcraft: this compiler prints enum type names in a way pgcraft cannot read");
}  // namespace calibration

}  // namespace pgcraft::reflect::detail

namespace pgcraft::reflect {

/// A scoped enum (`enum class` or `enum struct`): not implicitly convertible to its underlying type.
template <class E>
concept scoped_enum = detail::scoped_enum_check<E>();

/// The enum's own name, without namespaces or enclosing classes: "order_status" for app::order_status.
template <scoped_enum E>
inline constexpr std::string_view enum_name = detail::enum_name_storage_v<E>.view();

/// The names of E's enumerators in ascending value order (one per value: an
/// alias is not listed). Only values in detail::enum_probe_min ..
/// enum_probe_max are seen; see the top of this header.
template <scoped_enum E>
inline constexpr auto& enum_labels = detail::enum_reflection_of<E>::labels;

/// The values of those enumerators, in the same order: enum_values<E>[i] is named enum_labels<E>[i].
template <scoped_enum E>
inline constexpr auto& enum_values = detail::enum_reflection_of<E>::values;

}  // namespace pgcraft::reflect
