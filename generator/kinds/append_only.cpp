// Append-only history (SCD type 2). The current version lives in the entity
// table, as in SQL:2011's system-versioned tables: a read is one index lookup,
// a change updates the row in place and appends the version it replaced.
// (Keeping the current version among the others cost an update an extra index
// scan, a second write of the versions table and a partial unique index:
// about 1.6 times the work, measured with benchmarks/sql.)
//
// Writes go through t_current's INSTEAD OF triggers: an insert creates the
// entity; an update locks the entity row, applies the statement's changes
// onto what it holds and, only when a value changed, moves the replaced
// version into t_versions; a delete sets deleted_at and keeps the history.
#include <pgcraft/kinds/history.hpp>

#include <pgcraft/generator/plugin_context.hpp>
#include <pgcraft/sql/quote.hpp>

#include "../sql/templates.hpp"
#include "table_parts.hpp"

namespace pgcraft::kinds {

using generator::plugin_context;
namespace templates = sql::templates;

namespace {
templates::append_only_names names_of(plugin_context& context, const catalog::table_definition& entity,
                                      const catalog::qualified_name& versions) {
    templates::append_only_names n;
    n.entity = sql::quote_qualified(entity.name);
    n.versions = sql::quote_qualified(versions);
    n.history = sql::quote_qualified({entity.name.schema, derived_name(entity.name.name, "_history")});
    n.key = sql::quote_identifier(context.primary_key().column);
    for (const generator::member_column& m : stored_members(context)) {
        const std::string column = sql::quote_identifier(m.column.name);
        n.stored.push_back(column);
        (m.column.generated.empty() ? n.written : n.generated).push_back(column);
    }
    return n;
}

std::vector<catalog::object_id> both_tables(const catalog::table_definition& a, const catalog::table_definition& b) {
    std::vector<catalog::object_id> ids = whole_rows(a);
    for (catalog::object_id& id : whole_rows(b)) ids.push_back(std::move(id));
    return ids;
}

std::vector<std::string> member_names(plugin_context& context) {
    std::vector<std::string> names;
    for (const generator::member_column& m : stored_members(context)) names.push_back(m.column.name);
    return names;
}
}  // namespace

void build_append_only_tables(plugin_context& context, std::string_view entity_key, std::string_view versions_key) {
    const generator::dimension_info& d = context.dimension();
    const primary_key_columns& key = context.primary_key();
    const std::vector<std::string> key_columns{key.column};

    // The entity holds the current version: key, members, then the timestamps.
    catalog::table_definition entity = entity_table(context);
    std::vector<generator::member_column> members = stored_members(context);
    catalog::table_definition with_members;
    with_members.name = entity.name;
    with_members.comment = entity.comment;
    with_members.constraints = entity.constraints;
    with_members.add_column(entity.columns[0], entity.column_comments[0]);
    for (const generator::member_column& m : members) with_members.add_column(m.column, m.comment);
    with_members.add_column(entity.columns[1], entity.column_comments[1]);
    catalog::column updated{.name = "updated_at", .type = "timestamptz", .default_value = templates::clock_now()};
    with_members.add_column(std::move(updated), "When the current version began");
    with_members.add_column(entity.columns[2], entity.column_comments[2]);
    add_range_checks(context, with_members);

    // Earlier versions keep the values as they were: no defaults, and
    // generated columns hold what was computed then.
    catalog::table_definition versions;
    versions.name = {d.table.schema, derived_name(d.table.name, "_versions")};
    versions.comment = "Every earlier version of " + d.table.schema + "." + d.table.name + " (the current one is in " +
                       d.table.schema + "." + d.table.name + ")";
    versions.add_column({.name = key.column, .type = key.type}, "The entity this version belongs to");
    for (generator::member_column& m : members) {
        m.column.default_value = {};
        m.column.generated = {};
        versions.add_column(std::move(m.column), std::move(m.comment));
    }
    versions.add_column({.name = "valid_from", .type = "timestamptz"});
    versions.add_column({.name = "valid_to", .type = "timestamptz"});
    // The key serves the lookups of an entity's history by time, and the foreign key.
    const std::vector<std::string> version_key{key.column, "valid_from"};
    versions.constraints.push_back(primary_key(context.unused_name(versions, "pk", version_key), version_key));
    add_belongs_to_entity(context, versions, entity);
    catalog::constraint validity;
    validity.check = templates::version_validity();
    validity.columns = {"valid_from", "valid_to"};
    validity.name = context.unused_name(versions, "ck", validity.columns);
    versions.constraints.push_back(std::move(validity));

    context.produce_table(entity_key, std::move(with_members));
    context.produce_table(versions_key, std::move(versions));
}

void build_append_only_views(plugin_context& context, std::string_view entity_key, std::string_view versions_key,
                             std::string_view view_key) {
    const catalog::table_definition& entity = context.table(entity_key);
    const catalog::table_definition& versions = context.table(versions_key);
    const templates::append_only_names n = names_of(context, entity, versions.name);
    const std::string key = context.primary_key().column;
    const std::vector<std::string> members = member_names(context);
    const std::string entity_name = entity.name.schema + "." + entity.name.name;
    catalog::catalog& cat = context.schema_catalog();

    catalog::view current;
    current.name = {entity.name.schema, derived_name(entity.name.name, "_current")};
    current.query = templates::append_only_current_query(n);
    current.columns.push_back(key);
    current.columns.insert(current.columns.end(), members.begin(), members.end());
    current.columns.insert(current.columns.end(), {"created_at", "updated_at"});
    current.reads = {entity.id()};
    current.defaults = member_defaults(context);
    current.column_types = column_types(entity, current.columns);
    std::vector<std::string> entity_reads = current.columns;
    entity_reads.push_back("deleted_at");
    for (catalog::object_id& id : column_ids(entity.name, entity_reads)) current.reads.push_back(std::move(id));

    catalog::view history;
    history.name = {entity.name.schema, derived_name(entity.name.name, "_history")};
    history.query = templates::append_only_history_query(n);
    history.columns = {key};
    history.columns.insert(history.columns.end(), members.begin(), members.end());
    history.columns.insert(history.columns.end(), {"valid_from", "valid_to"});
    history.column_types = column_types(versions, history.columns);
    history.reads = {versions.id(), entity.id()};
    for (catalog::object_id& id : column_ids(versions.name, history.columns)) history.reads.push_back(std::move(id));

    catalog::function as_of;
    as_of.name = {entity.name.schema, derived_name(entity.name.name, "_as_of")};
    as_of.arguments = {{"at", "timestamptz"}};
    as_of.returns = templates::append_only_as_of_returns(n);
    // STABLE lets the planner inline it, so a caller's filter on the key
    // reaches the tables' indexes instead of filtering every entity's state.
    as_of.volatility = catalog::volatility::stable;
    as_of.body = templates::append_only_as_of_body(n);
    as_of.reads = {history.id()};

    context.set(view_key, current.id());
    cat.add(catalog::comment{current.id(), "The current state of each live entity of " + entity_name + "; write here"});
    cat.add(catalog::comment{history.id(), "Every version of " + entity_name +
                                               " and when it was valid (valid_to is NULL while current)"});
    cat.add(catalog::comment{as_of.id(), "The version of each entity that was valid at the given instant"});
    cat.add(std::move(current));
    cat.add(std::move(history));
    cat.add(std::move(as_of));
}

void build_append_only_writes(plugin_context& context, std::string_view entity_key, std::string_view versions_key,
                              std::string_view view_key) {
    const catalog::table_definition& entity = context.table(entity_key);
    const catalog::table_definition& versions = context.table(versions_key);
    const catalog::object_id view = context.get<catalog::object_id>(view_key);
    context.set(key::rows, view);
    const templates::append_only_names n = names_of(context, entity, versions.name);
    add_view_writes(context, entity.name, view,
                    {templates::append_only_insert_body(n), templates::append_only_update_body(n),
                     templates::append_only_delete_body(n)},
                    both_tables(entity, versions));
}

}  // namespace pgcraft::kinds
