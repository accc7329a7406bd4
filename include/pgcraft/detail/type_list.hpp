// A list of types, and the I-th of them without recursive templates.
#pragma once

#include <cstddef>
#include <utility>

namespace pgcraft::detail {

template <class... Ts>
struct type_list {
    static constexpr std::size_t size = sizeof...(Ts);
};

// Concatenation as an operator, so that a fold expression joins many lists
// without recursive templates: decltype((type_list<>{} + ... + lists{})).
template <class... A, class... B>
type_list<A..., B...> operator+(type_list<A...>, type_list<B...>);

// Eight lists at a time, so that joining many one-item lists (a schema's
// items, sorted into dimensions and settings) takes few steps. (Through a
// class: GCC 12 mishandles a fold directly in an alias template once that
// alias is used inside another class template's member alias.)
template <class... Lists>
struct concat_lists {
    using type = decltype((type_list<>{} + ... + Lists{}));
};
template <class... A, class... B, class... C, class... D, class... E, class... F, class... G, class... H,
          class... Rest>
struct concat_lists<type_list<A...>, type_list<B...>, type_list<C...>, type_list<D...>, type_list<E...>,
                    type_list<F...>, type_list<G...>, type_list<H...>, Rest...>
    : concat_lists<type_list<A..., B..., C..., D..., E..., F..., G..., H...>, Rest...> {};
template <class... Lists>
using concat = typename concat_lists<Lists...>::type;

template <std::size_t I, class T>
struct indexed_type {
    using type = T;
};

template <class Indices, class... Ts>
struct type_indexer;
template <std::size_t... I, class... Ts>
struct type_indexer<std::index_sequence<I...>, Ts...> : indexed_type<I, Ts>... {};

template <std::size_t I, class T>
indexed_type<I, T> select_indexed(indexed_type<I, T>);

template <std::size_t I, class... Ts>
using type_at = typename decltype(select_indexed<I>(
    type_indexer<std::index_sequence_for<Ts...>, Ts...>{}))::type;

template <std::size_t I, class List>
struct type_at_list_impl;
template <std::size_t I, class... Ts>
struct type_at_list_impl<I, type_list<Ts...>> {
    using type = type_at<I, Ts...>;
};
template <std::size_t I, class List>
using type_at_list = typename type_at_list_impl<I, List>::type;

}  // namespace pgcraft::detail
