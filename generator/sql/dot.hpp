// Graphviz's quoted IDs, for the generator's two graphs (erd, plugins).
// Internal to the generator library.
#pragma once

#include <string>
#include <string_view>

namespace pgcraft::sql {

/// `text` as a Graphviz double-quoted ID: quotes and backslashes escaped.
inline std::string dot_quoted(std::string_view text) {
    std::string quoted = "\"";
    for (char c : text) {
        if (c == '"' || c == '\\') quoted += '\\';
        quoted += c;
    }
    return quoted + "\"";
}

}  // namespace pgcraft::sql
