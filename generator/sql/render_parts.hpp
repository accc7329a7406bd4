// The pieces of statements that creating and altering objects share: the
// creating statements (render.cpp) and the migration's (render_change.cpp).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <pgcraft/catalog/catalog.hpp>

namespace pgcraft::sql::detail {

std::vector<std::string> quoted(const std::vector<std::string>& names);
/// A dollar-quote tag that `text` does not contain, so the text cannot end the quote.
std::string dollar_tag_for(std::string_view text);
std::string column_type(const catalog::column& c);
/// " NOT NULL GENERATED ALWAYS AS IDENTITY", " DEFAULT …", …: what follows a column's type.
std::string column_attributes(const catalog::column& c);
/// "PRIMARY KEY (…)", "CHECK (…)", "FOREIGN KEY (…) REFERENCES …".
std::string constraint_body(const catalog::constraint& c);
/// What COMMENT ON names: "TABLE s.t", "COLUMN s.t.c", "FUNCTION s.f(a integer)".
std::string commented_object(const catalog::catalog& cat, const catalog::object_id& on);
/// What GRANT and REVOKE name: "TABLE s.t", "SCHEMA s", "FUNCTION s.f(integer)".
std::string privileged_object(const catalog::object_id& on);
std::string privilege_list(const std::vector<catalog::privilege>& privileges);
std::string comment_statement(const catalog::catalog& cat, const catalog::comment& c);
/// "ON s.t USING gin (keys) INCLUDE (…) WHERE …": an index's definition after its name.
std::string index_definition(const catalog::index& ix);

}  // namespace pgcraft::sql::detail
