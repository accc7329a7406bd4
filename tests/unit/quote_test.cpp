#include <pgcraft/sql/quote.hpp>

#include <doctest/doctest.h>

using pgcraft::sql::quote_identifier;
using pgcraft::sql::quote_literal;

TEST_CASE("plain lower-case identifiers stay bare") {
    CHECK(quote_identifier("products") == "products");
    CHECK(quote_identifier("vendor_id") == "vendor_id");
    CHECK(quote_identifier("_private") == "_private");
    CHECK(quote_identifier("a$b") == "a$b");
}

TEST_CASE("identifiers PostgreSQL would misread are quoted") {
    CHECK(quote_identifier("Order") == "\"Order\"");
    CHECK(quote_identifier("1st") == "\"1st\"");
    CHECK(quote_identifier("with space") == "\"with space\"");
    CHECK(quote_identifier("") == "\"\"");
    CHECK(quote_identifier("$x") == "\"$x\"");
}

TEST_CASE("reserved and type/function keywords are quoted, unreserved ones are not") {
    CHECK(quote_identifier("select") == "\"select\"");
    CHECK(quote_identifier("user") == "\"user\"");
    CHECK(quote_identifier("order") == "\"order\"");
    CHECK(quote_identifier("integer") == "\"integer\"");  // a column-name keyword
    CHECK(quote_identifier("left") == "\"left\"");        // a type/function-name keyword
    CHECK(quote_identifier("name") == "name");            // unreserved
    CHECK(quote_identifier("comment") == "comment");      // unreserved
}

TEST_CASE("quotes inside names and literals are doubled") {
    CHECK(quote_identifier("a\"b") == "\"a\"\"b\"");
    CHECK(quote_identifier("x\"; drop table t; --") == "\"x\"\"; drop table t; --\"");
    CHECK(quote_literal("it's") == "'it''s'");
    CHECK(quote_literal("back\\slash") == "E'back\\\\slash'");  // read the same whatever standard_conforming_strings says
    CHECK(quote_literal("") == "''");
}
