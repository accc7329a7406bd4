// How pgcraft reports a mistake in a declaration: by instantiating a class
// template named after the mistake, whose arguments are the dimension and the
// culprit. Both GCC 12 and clang 14 print those arguments readably, e.g.
//   pgcraft::error::column_option_names_unknown_column<app::products, pgcraft::error::name<'p','r','i','s'>>
// while a string template argument would show as numbers on clang 14.
#pragma once

#include <cstddef>
#include <string_view>
#include <utility>

namespace pgcraft::error {

/// A name carried as characters so that the compiler prints it readably.
template <char... Chars>
struct name {};

template <class...>
inline constexpr bool always_false = false;

namespace detail {
template <class TextSource, class Indices>
struct name_from;
template <class TextSource, std::size_t... I>
struct name_from<TextSource, std::index_sequence<I...>> {
    using type = name<TextSource::text[I]...>;
};
}  // namespace detail

/// Instantiates the error class `Error` (void: none) by completing it in a
/// type, not in a constant expression, so that its failed static_assert is
/// the only error the compiler reports.
template <class Error>
struct instantiate {
    using type = decltype(sizeof(Error));
};
template <>
struct instantiate<void> {
    using type = void;
};

/// The error a check's report names, instantiated.
template <class Report>
using raise = typename instantiate<typename Report::type>::type;

/// name<...> of `TextSource::text`, a static constexpr std::string_view.
template <class TextSource>
using name_of = typename detail::name_from<TextSource, std::make_index_sequence<TextSource::text.size()>>::type;

}  // namespace pgcraft::error
