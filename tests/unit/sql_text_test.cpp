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

TEST_CASE("a column type is a type name and nothing more") {
    using pgcraft::detail::is_type_name;
    for (const char* ok : {"citext", "text", "double precision", "timestamp with time zone", "varchar(20)",
                           "numeric(10,2)", "numeric(10, 2)", "timestamp(3) with time zone", "integer[]", "text[][]",
                           "int[4]", "public.citext"})
        CHECK_MESSAGE(is_type_name(ok), ok);
    for (const char* bad : {"", " text", "text ", "text  x", "text, injected int", "text NOT NULL DEFAULT 1;",
                            "int); DROP TABLE t; --", "varchar(a)", "numeric(10,)", "int[", "text -- x", "(int)",
                            "schema.", "a.b.", "int /* x */", "\"Quoted\""})
        CHECK_MESSAGE(!is_type_name(bad), bad);
}

TEST_CASE("an access method is a lower-case identifier") {
    using pgcraft::detail::is_plain_identifier;
    CHECK(is_plain_identifier("btree"));
    CHECK(is_plain_identifier("spgist"));
    CHECK(is_plain_identifier("my_am2"));
    CHECK_FALSE(is_plain_identifier(""));
    CHECK_FALSE(is_plain_identifier("GIN"));
    CHECK_FALSE(is_plain_identifier("btree (a); CREATE TABLE pwned (x int); --"));
    CHECK_FALSE(is_plain_identifier("2am"));
}
