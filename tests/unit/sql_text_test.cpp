#include <pgcraft/detail/sql_text.hpp>

#include <doctest/doctest.h>

using pgcraft::detail::single_expression_problem;
using pgcraft::detail::skip_quoted;
using problem = pgcraft::detail::sql_text_problem;

TEST_CASE("one expression") {
    CHECK(single_expression_problem("0") == problem::none);
    CHECK(single_expression_problem("now()") == problem::none);
    CHECK(single_expression_problem("lower(name) || 'x'") == problem::none);
    CHECK(single_expression_problem("ARRAY[1, 2]") == problem::none);
    CHECK(single_expression_problem("'a;b'") == problem::none);             // ; inside a literal
    CHECK(single_expression_problem("'it''s'") == problem::none);           // doubled quote
    CHECK(single_expression_problem("E'it\\'s'") == problem::none);         // backslash escape
    CHECK(single_expression_problem("$$a;b$$") == problem::none);           // dollar quote
    CHECK(single_expression_problem("$tag$a $$ ;b$tag$") == problem::none); // tagged dollar quote
    CHECK(single_expression_problem("\"Odd;Name\" + 1") == problem::none);  // quoted identifier
    CHECK(single_expression_problem("a - -1") == problem::none);
}

TEST_CASE("not one expression") {
    CHECK(single_expression_problem("") == problem::empty);
    CHECK(single_expression_problem("  ") == problem::empty);
    CHECK(single_expression_problem("1; drop table x") == problem::statement_separator);
    CHECK(single_expression_problem("1 -- comment") == problem::comment);
    CHECK(single_expression_problem("1 /* c */") == problem::comment);
    CHECK(single_expression_problem("'open") == problem::unterminated_quote);
    CHECK(single_expression_problem("E'open\\'") == problem::unterminated_quote);
    CHECK(single_expression_problem("$$open") == problem::unterminated_quote);
    CHECK(single_expression_problem("f(1") == problem::unbalanced_parentheses);
    CHECK(single_expression_problem("f(1))") == problem::unbalanced_parentheses);
    CHECK(single_expression_problem("1) OR (1") == problem::unbalanced_parentheses);
}

TEST_CASE("where quoted text ends") {
    CHECK(skip_quoted("'ab' x", 0) == 4);
    CHECK(skip_quoted("x", 0) == 0);
    CHECK(skip_quoted("$1 + 2", 0) == 0);  // a parameter, not a dollar quote
    CHECK(skip_quoted("a$b$", 1) == 1);    // $ inside an identifier
}
