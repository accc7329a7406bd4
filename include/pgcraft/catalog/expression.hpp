// SQL text kept together with the columns it reads. The text keeps its
// `<column>` markers, parsed once here, so that a diff knows which objects
// depend on a column without parsing SQL again, and the renderer writes each
// reference for its context (the column, NEW.column, alias.column).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace pgcraft::catalog {

struct expression {
    /// SQL text between the column references: pieces.size() == columns_read.size() + 1.
    std::vector<std::string> pieces = {};
    /// The column each reference names, in the order they appear.
    std::vector<std::string> columns_read = {};

    /// Parses `<column>` markers (the rules of pgcraft/detail/markers.hpp).
    static expression marked(std::string_view text);
    /// SQL that reads no column of its own relation (a function call such as now()).
    static expression plain(std::string text) {
        if (text.empty()) return {};
        return {{std::move(text)}, {}};
    }

    bool empty() const noexcept { return columns_read.empty() && (pieces.empty() || pieces.front().empty()); }
    /// The columns it reads, each once, first mention first.
    std::vector<std::string> columns() const;
    /// The text with markers, as declared: what a snapshot stores.
    std::string marked_text() const;

    friend bool operator==(const expression&, const expression&) = default;
};

}  // namespace pgcraft::catalog
