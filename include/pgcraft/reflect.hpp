// Compile-time reflection of a plain aggregate struct: the number of fields,
// their names and types, and the struct's own name. No macros.
#pragma once

#include <array>
#include <cstddef>
#include <string_view>
#include <type_traits>
#include <utility>

#include <pgcraft/reflect/detail/bind_members.hpp>
#include <pgcraft/reflect/detail/fake_object.hpp>
#include <pgcraft/reflect/detail/field_count.hpp>
#include <pgcraft/reflect/detail/pretty_name.hpp>
#include <pgcraft/detail/type_list.hpp>

namespace pgcraft::reflect {

namespace detail {

template <class Members>
inline constexpr bool has_reference_member = false;
template <class... Members>
inline constexpr bool has_reference_member<members<Members...>> = (std::is_reference_v<Members> || ...);

// Each check reports once and then counts zero fields, so that one mistake
// gives one error rather than a cascade.
// GCC prints "{anonymous}::S" and "f()::S", clang "(anonymous namespace)::S"
// and "f()::S": such types have no linkage, so the declared-only object that
// reflection needs can never exist.
constexpr bool has_linkage(std::string_view signature) noexcept {
    return signature.find("{anonymous}") == std::string_view::npos &&
           signature.find("(anonymous namespace)") == std::string_view::npos &&
           signature.find(")::") == std::string_view::npos;
}

template <class T>
consteval std::size_t checked_field_count() {
    if constexpr (!has_linkage(signature_of_type<T>())) {
        static_assert(has_linkage(signature_of_type<T>()),
                      "pgcraft: a dimension struct must be declared at namespace scope, outside any anonymous "
                      "namespace: local and anonymous-namespace types cannot be reflected");
        return 0;
    } else if constexpr (!std::is_class_v<T> || std::is_union_v<T>) {
        static_assert(std::is_class_v<T> && !std::is_union_v<T>, "pgcraft: a dimension must be a struct");
        return 0;
    } else if constexpr (!std::is_aggregate_v<T>) {
        static_assert(std::is_aggregate_v<T>,
                      "pgcraft: a dimension must be an aggregate struct: no user-declared constructors, "
                      "no virtual functions, no private or protected data members");
        return 0;
    } else if constexpr (has_base_class<T>) {
        static_assert(!has_base_class<T>,
                      "pgcraft: a dimension struct must not have base classes; declare every column "
                      "as a member of the struct itself");
        return 0;
    } else {
        constexpr std::size_t count = count_fields<T>();
        constexpr bool countable = count != no_count;
        static_assert(countable,
                      "pgcraft: the fields of this struct cannot be counted: reference members are not "
                      "supported (store the value, or an id, instead)");
        constexpr bool within_limit = !countable || count <= max_fields;
        static_assert(within_limit,
                      "pgcraft: a dimension struct has more fields than pgcraft supports (64), or a C array "
                      "member, which counts once per element (use std::array)");
        if constexpr (!countable || !within_limit) {
            return 0;
        } else {
            constexpr bool references = has_reference_member<decltype(bind_members<T>(field_count<count>{}))>;
            static_assert(!references,
                          "pgcraft: reference members are not supported in a dimension struct (store the "
                          "value, or an id, instead)");
            return references ? 0 : count;
        }
    }
}

template <class T>
inline constexpr std::size_t count_v = checked_field_count<T>();

// C arrays are brace-elided by the count probe (int a[3] counts as three), so
// the structured binding then fails naming the struct; bit-fields fail where
// their address is taken. Both lines carry a comment saying so.
template <class T>
inline constexpr auto bound_v = bind_members<T>(field_count<count_v<T>>{});

template <class T, std::size_t I>
inline constexpr auto name_storage_v = [] {
    constexpr std::string_view name =
        last_identifier(signature_of_address<address_wrapper{bound_v<T>.addresses[I]}>());
    return store<name.size()>(name);
}();

template <class T>
inline constexpr auto type_name_storage_v = [] {
    constexpr std::string_view name = unqualified_type_name(signature_of_type<T>());
    return store<name.size()>(name);
}();

template <class Members>
struct member_types;
template <class... Members>
struct member_types<members<Members...>> {
    template <std::size_t I>
    using at = std::remove_cv_t<pgcraft::detail::type_at<I, Members...>>;
};

template <class T, class Indices>
inline constexpr std::array<std::string_view, 0> names_v{};
template <class T, std::size_t... I>
inline constexpr std::array<std::string_view, sizeof...(I)> names_v<T, std::index_sequence<I...>>{
    name_storage_v<T, I>.view()...};

// Self-check: if a compiler changes how it prints signatures, fail loudly
// instead of producing wrong names.
struct calibration_probe {
    int first_member;
    double second_member;
};
}  // namespace detail

/// Number of fields of the aggregate struct T.
template <class T>
inline constexpr std::size_t field_count = detail::count_v<T>;

/// Field names of T, in declaration order.
template <class T>
inline constexpr std::array<std::string_view, field_count<T>> field_names =
    detail::names_v<T, std::make_index_sequence<field_count<T>>>;

/// Declared type (without const) of field I of T.
template <class T, std::size_t I>
using field_type = typename detail::member_types<std::remove_cv_t<decltype(detail::bound_v<T>)>>::template at<I>;

/// The struct's own name without namespaces: "products" for app::products.
template <class T>
inline constexpr std::string_view type_name = detail::type_name_storage_v<T>.view();

static_assert(field_names<detail::calibration_probe>[1] == "second_member",
              "pgcraft: this compiler prints member names in a way pgcraft cannot read");
static_assert(type_name<detail::calibration_probe> == "calibration_probe",
              "pgcraft: this compiler prints type names in a way pgcraft cannot read");

}  // namespace pgcraft::reflect
