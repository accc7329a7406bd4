// What the history kinds share: the entity table, the trigger functions that
// write through views, and the protection of backing tables.
#include <pgcraft/kinds/history.hpp>

#include <algorithm>

#include <pgcraft/generator/plugin_context.hpp>
#include <pgcraft/sql/naming.hpp>
#include <pgcraft/sql/quote.hpp>

#include "../sql/templates.hpp"
#include "../sql/render_parts.hpp"
#include "table_parts.hpp"

namespace pgcraft::kinds {

using generator::plugin_context;
namespace templates = sql::templates;

std::string derived_name(std::string_view table, std::string_view suffix) {
    return sql::fit_identifier(std::string(table) + std::string(suffix));
}

std::vector<catalog::object_id> column_ids(const catalog::qualified_name& table, const std::vector<std::string>& columns) {
    std::vector<catalog::object_id> ids;
    for (const std::string& c : columns) ids.push_back(catalog::id::column(table, c));
    return ids;
}

std::vector<catalog::column_default> member_defaults(plugin_context& context) {
    std::vector<catalog::column_default> defaults;
    for (const generator::member_column& m : stored_members(context))
        if (!m.column.default_value.empty()) defaults.push_back({m.column.name, m.column.default_value});
    return defaults;
}

std::vector<std::string> column_types(const catalog::table_definition& table, const std::vector<std::string>& columns) {
    std::vector<std::string> types;
    for (const std::string& name : columns) {
        const catalog::column* c = table.find_column(name);
        types.push_back(c ? sql::detail::column_type(*c) : std::string());
    }
    return types;
}

std::vector<catalog::object_id> whole_rows(const catalog::table_definition& t) {
    std::vector<catalog::object_id> ids{t.id()};
    for (const catalog::column& c : t.columns) ids.push_back(catalog::id::column(t.name, c.name));
    return ids;
}

catalog::table_definition entity_table(const plugin_context& context) {
    const generator::dimension_info& d = context.dimension();
    catalog::table_definition entity;
    entity.name = d.table;
    entity.comment = d.comment;
    entity.add_column(key_column(context));
    catalog::column created{.name = "created_at", .type = "timestamptz", .default_value = templates::now()};
    entity.add_column(std::move(created), "When the entity was created");
    catalog::column deleted{.name = "deleted_at", .type = "timestamptz", .nullable = true};
    entity.add_column(std::move(deleted), "When the entity was deleted");
    const std::vector<std::string> key{context.primary_key().column};
    entity.constraints.push_back(primary_key(context.unused_name(entity, "pk", key), key));
    return entity;
}

void add_belongs_to_entity(const plugin_context& context, catalog::table_definition& rows,
                           const catalog::table_definition& entity) {
    const std::vector<std::string> key{context.primary_key().column};
    rows.constraints.push_back(foreign_key(context.unused_name(rows, "fk", key, entity.name.name), key, {entity.name, key}));
}

catalog::function trigger_function(catalog::qualified_name name, std::string body, std::vector<catalog::object_id> reads) {
    catalog::function f;
    f.name = std::move(name);
    f.returns = "trigger";
    f.language = catalog::language::plpgsql;
    f.body = std::move(body);
    f.security_definer = true;
    f.reads = std::move(reads);
    return f;
}

void add_view_writes(plugin_context& context, const catalog::qualified_name& table, const catalog::object_id& view,
                     view_write_bodies bodies, std::vector<catalog::object_id> reads) {
    reads.push_back(view);
    const std::string described = table.schema + "." + view.name;
    struct write {
        catalog::trigger_event event;
        std::string suffix;  ///< spelled out, so that a name in the DDL finds this line
        std::string body;
    };
    for (write& w : std::vector<write>{{catalog::trigger_event::insert, "_current_insert", std::move(bodies.insert)},
                                       {catalog::trigger_event::update, "_current_update", std::move(bodies.update)},
                                       {catalog::trigger_event::delete_, "_current_delete", std::move(bodies.remove)}}) {
        const std::string name = derived_name(table.name, w.suffix);
        catalog::function f = trigger_function({table.schema, name}, std::move(w.body), reads);
        catalog::catalog& cat = context.schema_catalog();
        cat.add(catalog::trigger{name, view, catalog::trigger_timing::instead_of, {w.event}, f.id()});
        cat.add(catalog::comment{f.id(), templates::write_comment(w.event, described)});
        cat.add(std::move(f));
    }
}

void protect_tables(plugin_context& context, std::span<const std::string_view> table_keys) {
    if (table_keys.empty()) return;
    const std::string schema = context.table(table_keys[0]).name.schema;
    catalog::function forbid;
    forbid.name = {schema, "pgcraft_forbid_direct_write"};
    forbid.returns = "trigger";
    forbid.language = catalog::language::plpgsql;
    forbid.search_path = "pg_catalog, pg_temp";
    forbid.body = templates::forbid_direct_write_body();
    catalog::catalog& cat = context.schema_catalog();
    cat.add_once(catalog::comment{forbid.id(), "Stops writes to a dimension's backing tables that do not come through its views"});
    cat.add_once(forbid);
    using catalog::trigger_event;
    const table_guard guard{forbid.id(),
                            {trigger_event::insert, trigger_event::update, trigger_event::delete_, trigger_event::truncate},
                            {}};
    for (std::string_view key : table_keys) guard_table(context, context.table(key).id(), guard);
}

void guard_table(plugin_context& context, const catalog::object_id& table, const table_guard& guard) {
    using catalog::trigger_event;
    catalog::catalog& cat = context.schema_catalog();
    const auto row_events = [](const std::vector<trigger_event>& events) {
        std::vector<trigger_event> rows;
        for (trigger_event e : events)
            if (e != trigger_event::truncate) rows.push_back(e);
        return rows;
    };
    const auto has_truncate = [](const std::vector<trigger_event>& events) {
        return std::find(events.begin(), events.end(), trigger_event::truncate) != events.end();
    };
    if (const auto events = row_events(guard.from_clients); !events.empty())
        cat.add(catalog::trigger{std::string(protect_trigger), table, catalog::trigger_timing::before, events,
                                 guard.function, templates::direct_write_condition()});
    if (const auto events = row_events(guard.always); !events.empty())
        cat.add(catalog::trigger{std::string(protect_always_trigger), table, catalog::trigger_timing::before, events,
                                 guard.function});
    if (has_truncate(guard.from_clients) || has_truncate(guard.always))
        cat.add(catalog::trigger{"pgcraft_protect_truncate", table, catalog::trigger_timing::before,
                                 {trigger_event::truncate}, guard.function,
                                 has_truncate(guard.always) ? std::string() : templates::direct_write_condition(), true});
}

}  // namespace pgcraft::kinds
