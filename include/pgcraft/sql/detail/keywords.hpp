// PostgreSQL 15's keywords that are not "unreserved": an identifier spelled
// like one of them must be quoted, as quote_ident() does;
// the integration tests compare the list with pg_get_keywords() on a live server.
#pragma once

#include <algorithm>
#include <array>
#include <string_view>

namespace pgcraft::sql::detail {

inline constexpr std::array<std::string_view, 151> keywords_needing_quotes{{
    "all", "analyse", "analyze", "and", "any", "array", "as", "asc", "asymmetric", "authorization",
    "between", "bigint", "binary", "bit", "boolean", "both", "case", "cast", "char", "character",
    "check", "coalesce", "collate", "collation", "column", "concurrently", "constraint", "create",
    "cross", "current_catalog", "current_date", "current_role", "current_schema", "current_time",
    "current_timestamp", "current_user", "dec", "decimal", "default", "deferrable", "desc",
    "distinct", "do", "else", "end", "except", "exists", "extract", "false", "fetch", "float",
    "for", "foreign", "freeze", "from", "full", "grant", "greatest", "group", "grouping", "having",
    "ilike", "in", "initially", "inner", "inout", "int", "integer", "intersect", "interval", "into",
    "is", "isnull", "join", "lateral", "leading", "least", "left", "like", "limit", "localtime",
    "localtimestamp", "national", "natural", "nchar", "none", "normalize", "not", "notnull", "null",
    "nullif", "numeric", "offset", "on", "only", "or", "order", "out", "outer", "overlaps",
    "overlay", "placing", "position", "precision", "primary", "real", "references", "returning",
    "right", "row", "select", "session_user", "setof", "similar", "smallint", "some", "substring",
    "symmetric", "table", "tablesample", "then", "time", "timestamp", "to", "trailing", "treat",
    "trim", "true", "union", "unique", "user", "using", "values", "varchar", "variadic", "verbose",
    "when", "where", "window", "with", "xmlattributes", "xmlconcat", "xmlelement", "xmlexists",
    "xmlforest", "xmlnamespaces", "xmlparse", "xmlpi", "xmlroot", "xmlserialize", "xmltable",
}};

static_assert(std::is_sorted(keywords_needing_quotes.begin(), keywords_needing_quotes.end()));

constexpr bool is_keyword_needing_quotes(std::string_view word) noexcept {
    return std::binary_search(keywords_needing_quotes.begin(), keywords_needing_quotes.end(), word);
}

}  // namespace pgcraft::sql::detail
