#include "catalog_values.hpp"

#include <utility>

namespace pgcraft_it {

namespace cat = pgcraft::catalog;

cat::schema make_schema(std::string name) {
    cat::schema s;
    s.name = std::move(name);
    return s;
}

cat::column make_column(std::string name, std::string type, bool nullable, bool identity, std::string default_sql) {
    cat::column c;
    c.name = std::move(name);
    c.type = std::move(type);
    c.nullable = nullable;
    c.identity = identity;
    c.default_value = cat::expression::marked(default_sql);
    return c;
}

cat::constraint make_constraint(cat::constraint_kind kind, std::string name, std::vector<std::string> columns,
                                cat::expression check) {
    cat::constraint c;
    c.kind = kind;
    c.name = std::move(name);
    c.columns = std::move(columns);
    c.check = std::move(check);
    return c;
}

cat::foreign_key_target make_target(cat::qualified_name table, std::vector<std::string> columns,
                                    cat::referential_action on_delete, cat::referential_action on_update) {
    cat::foreign_key_target t;
    t.table = std::move(table);
    t.columns = std::move(columns);
    t.on_delete = on_delete;
    t.on_update = on_update;
    return t;
}

cat::role make_role(std::string name, bool login) {
    cat::role r;
    r.name = std::move(name);
    r.login = login;
    return r;
}

cat::grant make_grant(cat::object_id on, std::vector<cat::privilege> privileges, std::string role) {
    cat::grant g;
    g.on = std::move(on);
    g.privileges = std::move(privileges);
    g.role = std::move(role);
    return g;
}

cat::comment make_comment(cat::object_id on, std::string text) {
    cat::comment c;
    c.on = std::move(on);
    c.text = std::move(text);
    return c;
}

cat::function make_function(cat::qualified_name name, std::vector<cat::argument> arguments, std::string returns,
                            std::string body) {
    cat::function f;
    f.name = std::move(name);
    f.arguments = std::move(arguments);
    f.returns = std::move(returns);
    f.body = std::move(body);
    return f;
}

cat::view make_view(cat::qualified_name name, std::string query, std::vector<std::string> columns) {
    cat::view v;
    v.name = std::move(name);
    v.query = std::move(query);
    v.columns = std::move(columns);
    return v;
}

cat::trigger make_trigger(std::string name, cat::object_id on, cat::trigger_timing timing,
                          std::vector<cat::trigger_event> events, cat::object_id function) {
    cat::trigger t;
    t.name = std::move(name);
    t.on = std::move(on);
    t.timing = timing;
    t.events = std::move(events);
    t.function = std::move(function);
    return t;
}

cat::enum_type make_enum_type(cat::qualified_name name, std::vector<std::string> labels) {
    cat::enum_type e;
    e.name = std::move(name);
    e.labels = std::move(labels);
    return e;
}

cat::extension make_extension(std::string name, std::string schema) {
    cat::extension e;
    e.name = std::move(name);
    e.schema = std::move(schema);
    return e;
}

}  // namespace pgcraft_it
