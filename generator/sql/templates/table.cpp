// The expressions the kinds put on their tables.
#include "../templates.hpp"

#include <fmt/format.h>

namespace pgcraft::sql::templates {

using catalog::expression;

expression range_check(const std::string& column, const std::string& min, const std::string& max) {
    return {{"", fmt::format(" BETWEEN {} AND {}", min, max)}, {column}};
}
namespace {
// `a` followed by `b`, as one expression.
expression joined(expression a, const expression& b) {
    if (a.pieces.empty()) return b;
    if (b.pieces.empty()) return a;
    a.pieces.back() += b.pieces.front();
    a.pieces.insert(a.pieces.end(), b.pieces.begin() + 1, b.pieces.end());
    a.columns_read.insert(a.columns_read.end(), b.columns_read.begin(), b.columns_read.end());
    return a;
}
}  // namespace

expression both(const expression& condition, const expression& also) {
    if (condition.empty()) return also;
    return joined(joined(expression::plain("("), condition), joined(expression::plain(") AND "), also));
}

expression now() { return expression::plain("now()"); }
expression clock_now() { return expression::plain("clock_timestamp()"); }
expression random_uuid() { return expression::plain("gen_random_uuid()"); }
expression current_transaction() { return expression::plain("pg_current_xact_id()"); }
expression literal(std::string_view text) { return expression::plain(std::string(text)); }
expression ledger_magnitude() { return expression::marked("<value> >= 0"); }
expression ledger_balance() { return expression::marked("<debits> - <credits>"); }
expression version_validity() { return expression::marked("<valid_to> > <valid_from>"); }
expression open_validity() { return expression::marked("<valid_to> IS NULL OR <valid_to> >= <valid_from>"); }
expression live_rows() { return expression::marked("<deleted_at> IS NULL"); }
expression current_values() { return expression::marked("<valid_to> IS NULL"); }

}  // namespace pgcraft::sql::templates
