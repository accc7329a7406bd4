// `<column>` markers in SQL text written in declarations: "<price> > 0",
// "lower(<name>)". A marker is `<`, an identifier, `>`; every other `<` is SQL
// (`<`, `<=`, `<>`, `<<`, `<@`, `<->`), and nothing inside '…', "…" or a
// dollar quote is a marker. Parsed at compile time.
#pragma once

#include <array>
#include <cstddef>
#include <string_view>

#include <pgcraft/detail/sql_text.hpp>

namespace pgcraft::detail {

struct marker {
    std::size_t begin = 0;  ///< position of '<'
    std::size_t end = 0;    ///< one past '>'
    constexpr std::string_view name(std::string_view text) const { return text.substr(begin + 1, end - begin - 2); }
};

constexpr bool is_identifier_start(char c) noexcept {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}
constexpr bool is_identifier_part(char c) noexcept {
    return is_identifier_start(c) || (c >= '0' && c <= '9');
}

// "<price" with no ">" is not a marker but a comparison: `a <b` is SQL.
enum class marker_problem { none, unterminated_quote };

/// Calls visit(marker) for each marker, in order. Returns what stopped the
/// scan early, if anything.
template <class Visit>
constexpr marker_problem for_each_marker(std::string_view text, Visit&& visit) {
    for (std::size_t i = 0; i < text.size();) {
        const std::size_t past = skip_quoted(text, i);
        if (past == std::string_view::npos) return marker_problem::unterminated_quote;
        if (past != i) {
            i = past;
            continue;
        }
        if (text[i] == '<' && i + 1 < text.size() && is_identifier_start(text[i + 1])) {
            std::size_t j = i + 1;
            while (j < text.size() && is_identifier_part(text[j])) ++j;
            if (j < text.size() && text[j] == '>') {
                visit(marker{i, j + 1});
                i = j + 1;
                continue;
            }
        }
        ++i;
    }
    return marker_problem::none;
}

constexpr std::size_t count_markers(std::string_view text) {
    std::size_t count = 0;
    for_each_marker(text, [&](marker) { ++count; });
    return count;
}

/// The markers of `Text`, a static constexpr std::string_view of TextSource.
template <class TextSource>
inline constexpr auto markers_of = [] {
    std::array<marker, count_markers(TextSource::text)> result{};
    std::size_t n = 0;
    for_each_marker(TextSource::text, [&](marker m) { result[n++] = m; });
    return result;
}();

}  // namespace pgcraft::detail
