// `:name` parameters in SQL text written in declarations (a ledger event's
// query): a colon, then an identifier. `::` is a cast, and nothing inside
// '…', "…" or a dollar quote is a parameter. Read at compile time, to check
// the names, and by the generator, to replace them.
#pragma once

#include <cstddef>
#include <string_view>

#include <pgcraft/detail/markers.hpp>
#include <pgcraft/detail/sql_text.hpp>

namespace pgcraft::detail {

struct parameter {
    std::size_t begin = 0;  ///< position of ':'
    std::size_t end = 0;    ///< one past the name
    constexpr std::string_view name(std::string_view text) const { return text.substr(begin + 1, end - begin - 1); }
};

/// Calls visit(parameter) for each parameter, in order.
template <class Visit>
constexpr void for_each_parameter(std::string_view text, Visit&& visit) {
    for (std::size_t i = 0; i < text.size();) {
        const std::size_t past = skip_quoted(text, i);
        if (past == std::string_view::npos) return;
        if (past != i) {
            i = past;
            continue;
        }
        if (text[i] == ':' && i + 1 < text.size() && text[i + 1] == ':') {
            i += 2;
            continue;
        }
        if (text[i] == ':' && i + 1 < text.size() && is_identifier_start(text[i + 1])) {
            std::size_t j = i + 1;
            while (j < text.size() && is_identifier_part(text[j])) ++j;
            visit(parameter{i, j});
            i = j;
            continue;
        }
        ++i;
    }
}

}  // namespace pgcraft::detail
