// Identifiers and literals as PostgreSQL reads them. An identifier is quoted
// exactly when it must be: the same rule as the server's quote_ident().
#pragma once

#include <string>
#include <string_view>

#include <pgcraft/catalog/identity.hpp>
#include <pgcraft/sql/detail/keywords.hpp>

namespace pgcraft::sql {

/// True when `name` can be written bare: lower-case letters, digits, `_` and
/// `$`, not starting with a digit or `$`, and not a keyword that needs quotes.
/// (The server's quote_ident() also quotes a `$`; the bare form reads the same.)
constexpr bool is_bare_identifier(std::string_view name) noexcept {
    if (name.empty()) return false;
    if (!((name[0] >= 'a' && name[0] <= 'z') || name[0] == '_')) return false;
    for (char c : name)
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '$')) return false;
    return !detail::is_keyword_needing_quotes(name);
}

/// `name` as an SQL identifier: bare when it can be, else in double quotes
/// with embedded quotes doubled, so no name can end the identifier early.
inline std::string quote_identifier(std::string_view name) {
    if (is_bare_identifier(name)) return std::string(name);
    std::string quoted = "\"";
    for (char c : name) {
        if (c == '"') quoted += '"';
        quoted += c;
    }
    quoted += '"';
    return quoted;
}

/// `schema.name`, each part quoted as needed.
inline std::string quote_qualified(const catalog::qualified_name& name) {
    return quote_identifier(name.schema) + "." + quote_identifier(name.name);
}

/// `text` as a string literal, read the same whatever standard_conforming_strings
/// says: quotes are doubled, and text with a backslash is written as E'…' with
/// the backslashes doubled, as the server's own quote_literal() does.
inline std::string quote_literal(std::string_view text) {
    const bool escape = text.find('\\') != std::string_view::npos;
    std::string quoted = escape ? "E'" : "'";
    for (char c : text) {
        if (c == '\'' || (escape && c == '\\')) quoted += c;
        quoted += c;
    }
    quoted += '\'';
    return quoted;
}

}  // namespace pgcraft::sql
