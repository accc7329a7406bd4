// Entity-attribute-value. A row of t_attributes holds one value of one
// attribute for a period; each distinct SQL type of the members has its own
// value column (so varchar(8) and varchar(32) never share one). Writes set
// only the attributes whose value changes; clearing an optional attribute
// writes a row with no value, so the clearing stays in the history.
#include <pgcraft/kinds/history.hpp>
#include <pgcraft/kinds/migrations.hpp>

#include <algorithm>
#include <cctype>
#include <map>

#include <pgcraft/generator/plugin_context.hpp>
#include <pgcraft/sql/naming.hpp>
#include <pgcraft/sql/quote.hpp>

#include "../sql/templates.hpp"
#include "table_parts.hpp"

namespace pgcraft::kinds {

using generator::plugin_context;
namespace templates = sql::templates;

namespace {
/// The value column of a SQL type: "varchar(32)" -> "varchar_32_value".
std::string value_column(std::string_view type) {
    std::string name;
    for (char c : type) {
        const bool word = std::isalnum(static_cast<unsigned char>(c)) != 0;
        if (word) name += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        else if (!name.empty() && name.back() != '_') name += '_';
    }
    while (!name.empty() && name.back() == '_') name.pop_back();
    return name + "_value";
}

std::vector<templates::eav_attribute> attributes_of(plugin_context& context,
                                                   std::map<std::string, catalog::qualified_name>& user_types) {
    std::vector<templates::eav_attribute> result;
    for (const generator::member_column& m : stored_members(context)) {
        // An enum type is named by its schema and name: its values get a column of that type.
        const bool user_type = !m.column.user_type.name.empty();
        const std::string type = user_type ? sql::quote_qualified(m.column.user_type) : m.column.type;
        const std::string column = value_column(user_type ? m.column.user_type.schema + "_" + m.column.user_type.name
                                                          : m.column.type);
        result.push_back({m.column.name, type, column, m.column.nullable, m.min_value, m.max_value});
        user_types.emplace(column, m.column.user_type);
    }
    return result;
}

/// Value columns in first-use order, each once, with their SQL types.
std::vector<std::pair<std::string, std::string>> value_columns(const std::vector<templates::eav_attribute>& attributes) {
    std::vector<std::pair<std::string, std::string>> columns;
    for (const templates::eav_attribute& a : attributes) {
        bool seen = false;
        for (const auto& c : columns) seen = seen || c.first == a.value_column;
        if (!seen) columns.emplace_back(a.value_column, a.type);
    }
    return columns;
}

catalog::constraint check(std::string name, std::vector<std::string> columns, catalog::expression e) {
    catalog::constraint c;
    c.name = std::move(name);
    c.columns = std::move(columns);
    c.check = std::move(e);
    return c;
}
}  // namespace

void build_eav_tables(plugin_context& context, std::string_view entity_key, std::string_view attributes_key) {
    const generator::dimension_info& d = context.dimension();
    const primary_key_columns& key = context.primary_key();
    std::map<std::string, catalog::qualified_name> user_types;
    const std::vector<templates::eav_attribute> attributes = attributes_of(context, user_types);

    catalog::table_definition entity = entity_table(context);
    const std::vector<std::string> key_columns{key.column};

    catalog::table_definition values;
    values.name = {d.table.schema, derived_name(d.table.name, "_attributes")};
    values.comment = "The attribute values of " + d.table.schema + "." + d.table.name + ", current while valid_to is NULL";
    values.add_column({.name = "value_id", .type = "bigint", .identity = true});
    values.add_column({.name = key.column, .type = key.type}, "The entity the value belongs to");
    values.add_column({.name = "attribute", .type = "text"}, "The attribute's name");
    for (const auto& [column, type] : value_columns(attributes)) {
        const catalog::qualified_name& user_type = user_types[column];
        templates::eav_column_attributes held;
        for (const templates::eav_attribute& a : attributes)
            if (a.value_column == column) {
                held.held.push_back(a.name);
                if (!a.nullable) held.required.push_back(a.name);
            }
        values.add_column({.name = column, .type = user_type.name.empty() ? type : std::string(), .user_type = user_type,
                           .nullable = true},
                          templates::eav_value_column_comment(held));
    }
    values.add_column({.name = "valid_from", .type = "timestamptz", .default_value = templates::clock_now()});
    values.add_column({.name = "valid_to", .type = "timestamptz", .nullable = true});
    const std::vector<std::string> value_key{"value_id"};
    values.constraints.push_back(primary_key(context.unused_name(values, "pk", value_key), value_key));
    add_belongs_to_entity(context, values, entity);

    // A row holds at most one value, and a ranged attribute stays within its
    // C++ type's range. Which column an attribute fills is the triggers' work
    // (the only writers): a CHECK naming every attribute made each write
    // statement prepare it again, about a quarter of an update's cost.
    std::vector<std::string> value_names;
    for (const auto& [column, type] : value_columns(attributes)) value_names.push_back(column);
    if (value_names.size() > 1)
        values.constraints.push_back(check(context.unused_name(values, "ck", std::vector<std::string>{"one_value"}),
                                           value_names,
                                           catalog::expression::plain(templates::eav_one_value_check(value_names))));
    for (const templates::eav_attribute& a : attributes) {
        if (a.min_value.empty()) continue;
        // Named after the attribute; it reads the attribute's name and value columns.
        const std::vector<std::string> ranged{a.name};
        values.constraints.push_back(check(context.unused_name(values, "ck", ranged),
                                           std::vector<std::string>{"attribute", a.value_column},
                                           catalog::expression::plain(templates::eav_range_check(a))));
    }
    const std::vector<std::string> validity{"valid_from", "valid_to"};
    values.constraints.push_back(check(context.unused_name(values, "ck", validity), validity, templates::open_validity()));

    // One current value per entity and attribute, found by an index lookup.
    // (No index on the history: every extra index costs each write, and
    // history reads by entity are rare enough to scan.)
    catalog::index current;
    current.name = {values.name.schema, context.unused_name(values, "uq", {key.column, "attribute"})};
    current.table = values.name;
    current.unique = true;
    current.keys = {{{"", ""}, {key.column}}, {{"", ""}, {"attribute"}}};
    current.where = templates::current_values();
    context.produce_table(entity_key, std::move(entity));
    context.produce_table(attributes_key, std::move(values));
    context.add_index(std::move(current));
}

void build_eav_views_and_writes(plugin_context& context, std::string_view entity_key, std::string_view attributes_key,
                                std::string_view view_key) {
    const catalog::table_definition& entity = context.table(entity_key);
    const catalog::table_definition& values = context.table(attributes_key);
    const std::string& schema = entity.name.schema;
    const std::string& table = entity.name.name;
    catalog::catalog& cat = context.schema_catalog();

    templates::eav_names n;
    n.entity = sql::quote_qualified(entity.name);
    n.values = sql::quote_qualified(values.name);
    n.key = sql::quote_identifier(context.primary_key().column);
    std::map<std::string, catalog::qualified_name> user_types;
    n.attributes = attributes_of(context, user_types);
    for (const auto& [column, type] : value_columns(n.attributes)) n.value_columns.push_back(column);
    for (const generator::declared_constraint& c : context.dimension().constraints)
        if (c.kind == generator::declared_kind::check)
            n.checks.push_back({c.name.empty() ? sql::convention_name("ck", table, c.expression.columns()) : c.name,
                                c.expression});

    catalog::view current;
    current.name = {schema, derived_name(table, "_current")};
    n.view = sql::quote_qualified(current.name);
    current.query = templates::eav_current_query(n);
    current.columns.push_back(context.primary_key().column);
    for (const templates::eav_attribute& a : n.attributes) current.columns.push_back(a.name);
    current.columns.insert(current.columns.end(), {"created_at", "updated_at"});
    current.column_types = column_types(entity, {context.primary_key().column});
    for (const templates::eav_attribute& a : n.attributes) current.column_types.push_back(a.type);
    current.column_types.insert(current.column_types.end(), {"timestamptz", "timestamptz"});
    current.reads = {entity.id(), values.id()};
    current.defaults = member_defaults(context);
    std::vector<std::string> value_reads{context.primary_key().column, "attribute", "valid_from", "valid_to"};
    value_reads.insert(value_reads.end(), n.value_columns.begin(), n.value_columns.end());
    for (catalog::object_id& id : column_ids(values.name, value_reads)) current.reads.push_back(std::move(id));
    for (catalog::object_id& id : column_ids(entity.name, {context.primary_key().column, "created_at", "deleted_at"}))
        current.reads.push_back(std::move(id));

    catalog::view history;
    history.name = {schema, derived_name(table, "_history")};
    history.query = templates::eav_history_query(n);
    history.columns = {"value_id", context.primary_key().column, "attribute", "value", "valid_from", "valid_to"};
    history.column_types = column_types(values, history.columns);
    history.column_types[3] = "text";  // every value, as text
    history.reads = {values.id()};
    for (catalog::object_id& id : column_ids(values.name, value_reads)) history.reads.push_back(std::move(id));

    std::vector<catalog::object_id> write_reads = whole_rows(entity);
    for (catalog::object_id& id : whole_rows(values)) write_reads.push_back(std::move(id));
    const catalog::object_id view_id = current.id();
    context.set(view_key, view_id);
    context.set(key::rows, view_id);
    cat.add(catalog::comment{current.id(), "The current attributes of each live entity of " + schema + "." + table +
                                               "; write here"});
    cat.add(catalog::comment{history.id(), "Every attribute value of " + schema + "." + table +
                                               " (as text) and when it held"});
    cat.add(std::move(current));
    cat.add(std::move(history));
    add_view_writes(context, entity.name, view_id,
                    {templates::eav_insert_body(n), templates::eav_update_body(n), templates::eav_delete_body(n)},
                    write_reads);
}

std::vector<migrate::value_home> eav_value_homes(const pgcraft::catalog::catalog& catalog) {
    std::vector<migrate::value_home> homes;
    for (const catalog::comment* c : catalog.all<catalog::comment>()) {
        if (c->on.kind != catalog::object_kind::column) continue;
        if (!catalog.find(catalog::id::column(c->on.relation(), "attribute"))) continue;
        const templates::eav_column_attributes held = templates::eav_attributes_in_comment(c->text);
        for (const std::string& attribute : held.held)
            homes.push_back({c->on.relation(), "attribute", attribute, c->on.name,
                             std::find(held.required.begin(), held.required.end(), attribute) != held.required.end()});
    }
    return homes;
}

std::vector<migrate::data_step> eav_renamed_attributes(const generator::dimension_info& d) {
    // A migration renames the table first, so the rows are in the attributes table of the new name.
    const catalog::qualified_name values{d.table.schema, derived_name(d.table.name, "_attributes")};
    const std::string trigger(protect_trigger);
    std::vector<migrate::data_step> steps;
    for (const generator::member_column& m : d.members) {
        if (m.renamed_from.empty()) continue;
        steps.push_back({templates::eav_rename_attribute(values, trigger, m.renamed_from, m.column.name),
                         templates::eav_rename_attribute(values, trigger, m.column.name, m.renamed_from),
                         "attribute " + m.column.name + " of dimension " + d.name + " renamed from " + m.renamed_from +
                             ": its values and history keep",
                         values, m.renamed_from, m.column.name});
    }
    return steps;
}

}  // namespace pgcraft::kinds
