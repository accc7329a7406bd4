// Names read from __PRETTY_FUNCTION__, which both GCC and clang spell out.
#pragma once

#include <array>
#include <cstddef>
#include <string_view>

namespace pgcraft::reflect::detail {

// Wraps a member address: clang 14 takes a class-type template argument where
// it rejects the raw pointer.
template <class Pointer>
struct address_wrapper {
    Pointer pointer;
};
template <class Pointer>
address_wrapper(Pointer) -> address_wrapper<Pointer>;

// Return type `auto`: with an explicit string_view return type GCC appends
// "; std::string_view = ..." to the signature, which would fool the parser.
template <auto Address>
consteval auto signature_of_address() {
    return std::string_view{__PRETTY_FUNCTION__};
}

template <class T>
consteval auto signature_of_type() {
    return std::string_view{__PRETTY_FUNCTION__};
}

constexpr bool is_identifier_char(char c) noexcept {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

// GCC: "... {(& fake_object<ns::S>.ns::S::price)}]"; clang: "... {&fake_object.price}]".
// The member name is the last identifier in the signature.
constexpr std::string_view last_identifier(std::string_view signature) noexcept {
    std::size_t end = signature.size();
    while (end > 0 && !is_identifier_char(signature[end - 1])) --end;
    std::size_t begin = end;
    while (begin > 0 && is_identifier_char(signature[begin - 1])) --begin;
    return signature.substr(begin, end - begin);
}

// GCC: "[with T = ns::S]"; clang: "[T = ns::S]". Returns "S": the name without
// namespaces (and without template arguments, should there be any).
constexpr std::string_view unqualified_type_name(std::string_view signature) noexcept {
    constexpr std::string_view marker = "T = ";
    std::size_t begin = signature.rfind(marker);
    if (begin == std::string_view::npos) return {};
    begin += marker.size();
    std::size_t end = begin;
    int depth = 0;
    while (end < signature.size()) {
        const char c = signature[end];
        if (c == '<') ++depth;
        if (c == '>') --depth;
        if (depth == 0 && (c == ']' || c == ';')) break;
        ++end;
    }
    std::string_view qualified = signature.substr(begin, end - begin);
    if (const std::size_t angle = qualified.find('<'); angle != std::string_view::npos) {
        qualified = qualified.substr(0, angle);
    }
    if (const std::size_t colons = qualified.rfind("::"); colons != std::string_view::npos) {
        qualified = qualified.substr(colons + 2);
    }
    return qualified;
}

// A name copied out of the signature, so that only the name, not the whole
// signature, is kept in the program.
template <std::size_t N>
struct stored_name {
    std::array<char, N + 1> chars{};
    constexpr std::string_view view() const noexcept { return {chars.data(), N}; }
};

template <std::size_t N>
consteval stored_name<N> store(std::string_view name) {
    stored_name<N> result;
    for (std::size_t i = 0; i < N; ++i) result.chars[i] = name[i];
    return result;
}

}  // namespace pgcraft::reflect::detail
