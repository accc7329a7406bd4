// Compile-time reading of SQL text written in declarations: where quoted
// literals and identifiers begin and end, so that checks never look inside them.
#pragma once

#include <cstddef>
#include <string_view>

#include <pgcraft/sql/naming.hpp>

namespace pgcraft::detail {

enum class sql_text_problem {
    none,
    empty,
    unterminated_quote,
    unbalanced_parentheses,
    statement_separator,
    comment,
};

constexpr bool is_sql_identifier_char(char c) noexcept {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '$';
}

// Position just past the quoted text that starts at `at`, or npos if it never
// ends. Handles '…' (with '' and, for E'…', backslash escapes), "…" and
// $tag$…$tag$. Returns `at` itself when no quoted text starts there.
constexpr std::size_t skip_quoted(std::string_view text, std::size_t at) noexcept {
    const char c = text[at];
    if (c == '\'' || c == '"') {
        const bool backslash_escapes =
            c == '\'' && at > 0 && (text[at - 1] == 'E' || text[at - 1] == 'e') &&
            (at == 1 || !is_sql_identifier_char(text[at - 2]));
        for (std::size_t i = at + 1; i < text.size(); ++i) {
            if (backslash_escapes && text[i] == '\\') {
                ++i;
            } else if (text[i] == c) {
                if (i + 1 < text.size() && text[i + 1] == c) {
                    ++i;
                } else {
                    return i + 1;
                }
            }
        }
        return std::string_view::npos;
    }
    if (c == '$' && (at == 0 || !is_sql_identifier_char(text[at - 1]))) {
        std::size_t tag_end = at + 1;
        if (tag_end < text.size() && text[tag_end] >= '0' && text[tag_end] <= '9') return at;  // $1: a parameter
        while (tag_end < text.size() && text[tag_end] != '$' && is_sql_identifier_char(text[tag_end])) ++tag_end;
        if (tag_end >= text.size() || text[tag_end] != '$') return at;  // $1 and the like: not a quote
        const std::string_view tag = text.substr(at, tag_end - at + 1);
        const std::size_t close = text.find(tag, tag_end + 1);
        return close == std::string_view::npos ? std::string_view::npos : close + tag.size();
    }
    return at;
}

// Whether `text` is one SQL expression: something, quotes closed, brackets
// balanced, and no `;` or comment outside quotes that could end it early.
constexpr sql_text_problem single_expression_problem(std::string_view text) noexcept {
    bool any = false;
    int depth = 0;
    for (std::size_t i = 0; i < text.size();) {
        const std::size_t past = skip_quoted(text, i);
        if (past == std::string_view::npos) return sql_text_problem::unterminated_quote;
        if (past != i) {
            any = true;
            i = past;
            continue;
        }
        const char c = text[i];
        if (c == ';') return sql_text_problem::statement_separator;
        if ((c == '-' || c == '/') && i + 1 < text.size() && text[i + 1] == (c == '-' ? '-' : '*'))
            return sql_text_problem::comment;
        if (c == '(' || c == '[') ++depth;
        if (c == ')' || c == ']') {
            if (--depth < 0) return sql_text_problem::unbalanced_parentheses;
        }
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r') any = true;
        ++i;
    }
    if (depth != 0) return sql_text_problem::unbalanced_parentheses;
    return any ? sql_text_problem::none : sql_text_problem::empty;
}

constexpr bool is_identifier_start_char(char c) noexcept {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || static_cast<unsigned char>(c) >= 0x80;
}

// Whether `text` names a type as a column definition takes it, and nothing
// more: words ("double precision", "timestamp with time zone"), each
// optionally schema-qualified ("public.citext"), a modifier of numbers
// ("(10,2)", "(3)"), and array brackets ("[]", "[4]"). So no text given as a
// type can add a column, a constraint or a statement.
constexpr bool is_type_name(std::string_view text) noexcept {
    bool word = false;
    std::size_t i = 0;
    auto digits = [&] {
        const std::size_t start = i;
        while (i < text.size() && text[i] >= '0' && text[i] <= '9') ++i;
        return i > start;
    };
    while (i < text.size()) {
        const char c = text[i];
        if (is_identifier_start_char(c)) {
            while (i < text.size() && (is_sql_identifier_char(text[i]) || static_cast<unsigned char>(text[i]) >= 0x80))
                ++i;
            word = true;
            if (i < text.size() && text[i] == '.') {
                ++i;
                if (i >= text.size() || !is_identifier_start_char(text[i])) return false;
            }
        } else if (c == '(' && word) {
            ++i;
            if (!digits()) return false;
            while (i < text.size() && text[i] == ',') {
                ++i;
                if (i < text.size() && text[i] == ' ') ++i;
                if (!digits()) return false;
            }
            if (i >= text.size() || text[i] != ')') return false;
            ++i;
        } else if (c == '[' && word) {
            ++i;
            digits();
            if (i >= text.size() || text[i] != ']') return false;
            ++i;
        } else if (c == ' ' && word && i + 1 < text.size() && text[i + 1] != ' ') {
            ++i;
        } else {
            return false;
        }
    }
    return word;
}

// Whether `text` is an identifier that needs no quotes and no case folding:
// what an index access method is (btree, gin, gist, …).
constexpr bool is_plain_identifier(std::string_view text) noexcept {
    if (text.empty() || text.size() > sql::max_identifier_bytes || !(text[0] == '_' || (text[0] >= 'a' && text[0] <= 'z'))) return false;
    for (char c : text)
        if (!(c == '_' || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) return false;
    return true;
}

}  // namespace pgcraft::detail
