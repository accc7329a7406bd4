// Catalog values built member by member, so that a member the library adds
// later does not break this build (-Wmissing-field-initializers).
#pragma once

#include <string>
#include <vector>

#include <pgcraft/catalog/catalog.hpp>

namespace pgcraft_it {

pgcraft::catalog::schema make_schema(std::string name);
/// `default_sql` is parsed for `<column>` markers, as a declaration's is.
pgcraft::catalog::column make_column(std::string name, std::string type, bool nullable = false, bool identity = false,
                                     std::string default_sql = {});
pgcraft::catalog::constraint make_constraint(pgcraft::catalog::constraint_kind kind, std::string name,
                                             std::vector<std::string> columns,
                                             pgcraft::catalog::expression check = {});
pgcraft::catalog::foreign_key_target make_target(
    pgcraft::catalog::qualified_name table, std::vector<std::string> columns,
    pgcraft::catalog::referential_action on_delete = pgcraft::catalog::referential_action::no_action,
    pgcraft::catalog::referential_action on_update = pgcraft::catalog::referential_action::no_action);
pgcraft::catalog::role make_role(std::string name, bool login = false);
pgcraft::catalog::grant make_grant(pgcraft::catalog::object_id on, std::vector<pgcraft::catalog::privilege> privileges,
                                   std::string role);
pgcraft::catalog::comment make_comment(pgcraft::catalog::object_id on, std::string text);
pgcraft::catalog::function make_function(pgcraft::catalog::qualified_name name,
                                         std::vector<pgcraft::catalog::argument> arguments, std::string returns,
                                         std::string body);
pgcraft::catalog::view make_view(pgcraft::catalog::qualified_name name, std::string query,
                                 std::vector<std::string> columns);
pgcraft::catalog::trigger make_trigger(std::string name, pgcraft::catalog::object_id on,
                                       pgcraft::catalog::trigger_timing timing,
                                       std::vector<pgcraft::catalog::trigger_event> events,
                                       pgcraft::catalog::object_id function);
pgcraft::catalog::enum_type make_enum_type(pgcraft::catalog::qualified_name name, std::vector<std::string> labels);
pgcraft::catalog::extension make_extension(std::string name, std::string schema = {});

}  // namespace pgcraft_it
