// The never-defined object whose members reflection takes the addresses of.
//
// The technique (aggregate probing, a declared-only object, structured
// bindings, __PRETTY_FUNCTION__) is the public idiom described in the
// Boost.PFR documentation ("How it works") and the reflect-cpp README; this is
// our own implementation of it.
#pragma once

#include <array>
#include <cstddef>

namespace pgcraft::reflect::detail {

// Only ever used inside constant evaluation to take member addresses. If
// anything odr-uses it at run time, the linker names this variable.
template <class T>
extern const T fake_object;

template <std::size_t N>
struct field_count {};

// The declared types of a struct's members and their addresses in fake_object.
template <class... Members>
struct members {
    std::array<const void*, sizeof...(Members)> addresses;
};

}  // namespace pgcraft::reflect::detail
