// Boost.Hana sequences of types, for the generator's translation unit only:
// the schema's items sorted into dimensions and settings. Never included by
// <pgcraft/model.hpp>, never used per dimension or per column (type lists and
// constexpr arrays do those; see benchmarks/README.md for what Hana cost there).
#pragma once

#include <type_traits>
#include <utility>

#include <boost/hana/bool.hpp>
#include <boost/hana/concat.hpp>
#include <boost/hana/filter.hpp>
#include <boost/hana/flatten.hpp>
#include <boost/hana/transform.hpp>
#include <boost/hana/tuple.hpp>
#include <boost/hana/type.hpp>
#include <boost/hana/unpack.hpp>

#include <pgcraft/detail/type_list.hpp>

namespace pgcraft::plan::detail {
namespace hana = boost::hana;

/// A Hana sequence of types as a type_list: what the pack-matching checks
/// take, and what error messages that name plugin lists show.
template <class Sequence>
using as_type_list =
    typename decltype(hana::unpack(std::declval<std::remove_cvref_t<Sequence>>(),
                                   hana::template_<pgcraft::detail::type_list>))::type;

/// The type a hana::type stands for.
template <class HanaType>
using type_of = typename std::remove_cvref_t<HanaType>::type;

}  // namespace pgcraft::plan::detail
