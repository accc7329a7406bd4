// A dimension's own table and its declared constraints: what every kind builds on.
#include <pgcraft/kinds/simple.hpp>

#include <stdexcept>

#include <pgcraft/generator/plugin_context.hpp>
#include <pgcraft/sql/naming.hpp>

#include "../sql/templates.hpp"
#include "table_parts.hpp"

namespace pgcraft::kinds {

using generator::declared_constraint;
using generator::declared_kind;
using generator::plugin_context;
namespace templates = sql::templates;

catalog::column key_column(const plugin_context& context) {
    const primary_key_columns& key = context.primary_key();
    catalog::column c;
    c.name = key.column;
    c.type = key.type;
    c.identity = key.identity;
    c.default_value = catalog::expression::marked(key.default_sql);
    return c;
}

std::vector<generator::member_column> stored_members(plugin_context& context) {
    std::vector<generator::member_column> result;
    for (const generator::member_column& m : context.dimension().members) {
        if (m.column.name == context.primary_key().column) continue;
        if (!m.column.user_type.name.empty())
            context.schema_catalog().add_once(catalog::enum_type{m.column.user_type, m.enum_labels});
        result.push_back(m);
    }
    return result;
}

void add_range_checks(const plugin_context& context, catalog::table_definition& t) {
    for (const generator::member_column& m : context.dimension().members) {
        if (m.min_value.empty()) continue;
        const std::vector<std::string> columns{m.column.name};
        catalog::constraint check;
        check.name = context.unused_name(t, "ck", columns);
        check.columns = columns;
        check.check = templates::range_check(m.column.name, m.min_value, m.max_value);
        t.constraints.push_back(std::move(check));
    }
}

namespace {
catalog::constraint key(catalog::constraint_kind kind, std::string name, std::vector<std::string> columns) {
    catalog::constraint c;
    c.kind = kind;
    c.name = std::move(name);
    c.columns = std::move(columns);
    return c;
}
}  // namespace

catalog::constraint primary_key(std::string name, std::vector<std::string> columns) {
    return key(catalog::constraint_kind::primary_key, std::move(name), std::move(columns));
}

catalog::constraint unique_key(std::string name, std::vector<std::string> columns) {
    return key(catalog::constraint_kind::unique, std::move(name), std::move(columns));
}

catalog::constraint foreign_key(std::string name, std::vector<std::string> columns, catalog::foreign_key_target target) {
    catalog::constraint c = key(catalog::constraint_kind::foreign_key, std::move(name), std::move(columns));
    c.references = std::move(target);
    return c;
}

void add_dimension_table(plugin_context& context, std::string_view table_key) {
    const generator::dimension_info& d = context.dimension();
    const primary_key_columns& key = context.primary_key();
    catalog::table_definition t;
    t.name = d.table;
    t.comment = d.comment;
    std::string key_comment;
    for (const generator::member_column& m : d.members)
        if (m.column.name == key.column) key_comment = m.comment;
    t.add_column(key_column(context), key_comment);
    for (generator::member_column& m : stored_members(context)) t.add_column(std::move(m.column), std::move(m.comment));
    t.constraints.push_back(primary_key(context.unused_name(t, "pk", {key.column}), {key.column}));
    add_range_checks(context, t);
    context.set(key::rows, t.id());
    context.produce_table(table_key, std::move(t));
}

void add_created_at(plugin_context& context, std::string_view table_key, std::string_view column) {
    catalog::column c;
    c.name = column;
    c.type = "timestamptz";
    c.default_value = templates::now();
    context.add_column(table_key, std::move(c));
}

namespace {
catalog::expression bare_column(const std::string& name) { return {{"", ""}, {name}}; }

void add_index(plugin_context& context, const catalog::table_definition& t, const declared_constraint& d,
               bool current_rows_only) {
    std::vector<std::string> columns;
    for (const catalog::expression& key : d.keys)
        for (std::string& c : key.columns()) columns.push_back(std::move(c));
    catalog::index index;
    index.name = {t.name.schema, d.name.empty() ? context.unused_name(t, d.unique ? "uq" : "ix", columns) : d.name};
    index.table = t.name;
    index.unique = d.unique;
    index.method = d.method;
    // Keys are written as PostgreSQL takes them: a column, a function call,
    // or a parenthesised expression, each optionally with an operator class.
    index.keys = d.keys;
    index.include = d.columns;
    index.where = current_rows_only ? templates::both(d.where, templates::live_rows()) : d.where;
    context.add_index(std::move(index));
}
}  // namespace

void add_declared_constraints(plugin_context& context, std::string_view table_key, bool current_rows_only) {
    catalog::table_definition& t = context.table(table_key);
    // Foreign keys last, so that they see every index they might not need.
    std::vector<const declared_constraint*> ordered;
    for (const declared_constraint& d : context.dimension().constraints)
        if (d.kind != declared_kind::foreign_key) ordered.push_back(&d);
    for (const declared_constraint& d : context.dimension().constraints)
        if (d.kind == declared_kind::foreign_key) ordered.push_back(&d);
    for (const declared_constraint* declared : ordered) {
        const declared_constraint& d = *declared;
        for (const catalog::constraint& existing : t.constraints)
            if (!d.name.empty() && existing.name == d.name)
                throw std::invalid_argument(context.message("names a constraint '", d.name, "', which table ",
                                                            t.name.schema, ".", t.name.name,
                                                            " already has; choose another name"));
        catalog::constraint c;
        switch (d.kind) {
            case declared_kind::check:
                c.kind = catalog::constraint_kind::check;
                c.columns = d.expression.columns();
                c.name = d.name.empty() ? context.unused_name(t, "ck", c.columns) : d.name;
                c.check = d.expression;
                t.constraints.push_back(std::move(c));
                break;
            case declared_kind::unique:
                if (!current_rows_only) {
                    t.constraints.push_back(
                        unique_key(d.name.empty() ? context.unused_name(t, "uq", d.columns) : d.name, d.columns));
                } else {
                    declared_constraint index;
                    index.kind = declared_kind::index;
                    index.name = d.name;
                    index.unique = true;
                    for (const std::string& column : d.columns) index.keys.push_back(bare_column(column));
                    add_index(context, t, index, true);
                }
                break;
            case declared_kind::index: add_index(context, t, d, current_rows_only); break;
            case declared_kind::foreign_key: {
                t.constraints.push_back(
                    foreign_key(d.name.empty() ? context.unused_name(t, "fk", d.columns, d.target.name) : d.name,
                                d.columns, {d.target, d.target_columns, d.on_delete, d.on_update}));
                if (d.indexed && !d.columns.empty() && !context.leads_an_index(t, d.columns.front())) {
                    declared_constraint index;
                    index.kind = declared_kind::index;
                    for (const std::string& column : d.columns) index.keys.push_back(bare_column(column));
                    add_index(context, t, index, false);
                }
                break;
            }
        }
    }
}

}  // namespace pgcraft::kinds
