// The API layer's SQL: the API view's query, a plain projection.
#include "../templates.hpp"

#include <fmt/format.h>

#include <pgcraft/sql/quote.hpp>

namespace pgcraft::sql::templates {

std::string api_view_query(const catalog::qualified_name& source, const std::vector<std::string>& columns) {
    std::vector<std::string> quoted;
    for (const std::string& c : columns) quoted.push_back(quote_identifier(c));
    return fmt::format("SELECT {}\nFROM {}", fmt::join(quoted, ",\n       "), quote_qualified(source));
}

std::string api_view_comment(const catalog::qualified_name& source) {
    return fmt::format("The rows of {}.{}, for the API", source.schema, source.name);
}

}  // namespace pgcraft::sql::templates
