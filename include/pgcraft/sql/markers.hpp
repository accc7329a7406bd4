// Replacing `<column>` markers, checked at compile time, with the reference
// the context needs: the quoted column in a table constraint or index,
// NEW.column in a trigger, alias.column in a view.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <pgcraft/detail/markers.hpp>
#include <pgcraft/sql/quote.hpp>

namespace pgcraft::sql {

/// `text` with every marker replaced by reference(column name).
template <class Reference>
std::string resolve_markers(std::string_view text, Reference&& reference) {
    std::string result;
    std::size_t copied = 0;
    pgcraft::detail::for_each_marker(text, [&](pgcraft::detail::marker m) {
        result.append(text.substr(copied, m.begin - copied));
        result += reference(m.name(text));
        copied = m.end;
    });
    result.append(text.substr(copied));
    return result;
}

/// Markers become quoted column names: the form for table constraints and indexes.
inline std::string resolve_columns(std::string_view text) {
    return resolve_markers(text, [](std::string_view column) { return quote_identifier(column); });
}

/// Markers become NEW.column: the form for row triggers.
inline std::string resolve_new_row(std::string_view text) {
    return resolve_markers(text, [](std::string_view column) { return "NEW." + quote_identifier(column); });
}

/// Markers become alias.column: the form for views.
inline std::string resolve_qualified(std::string_view text, std::string_view alias) {
    return resolve_markers(text, [&](std::string_view column) {
        return quote_identifier(alias) + "." + quote_identifier(column);
    });
}

/// The columns a text's markers name, first mention first, each once.
inline std::vector<std::string> marker_columns(std::string_view text) {
    std::vector<std::string> columns;
    pgcraft::detail::for_each_marker(text, [&](pgcraft::detail::marker m) {
        const std::string name(m.name(text));
        for (const std::string& c : columns)
            if (c == name) return;
        columns.push_back(name);
    });
    return columns;
}

}  // namespace pgcraft::sql
