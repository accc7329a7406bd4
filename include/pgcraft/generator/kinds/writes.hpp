// What the history kinds share: trigger functions that write through views,
// and the protection of backing tables.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <pgcraft/catalog/catalog.hpp>
#include <pgcraft/generator/plugin_context.hpp>
#include <pgcraft/sql/naming.hpp>
#include <pgcraft/sql/quote.hpp>

namespace pgcraft::generator {

/// `<table><suffix>`, fitted to 63 bytes.
inline std::string derived_name(std::string_view table, std::string_view suffix) {
    return sql::fit_identifier(std::string(table) + std::string(suffix));
}

/// The items, each behind `prefix`, `separator` between them: a column list.
inline std::string list(const std::vector<std::string>& items, std::string_view prefix = {},
                        std::string_view separator = ", ") {
    std::string text;
    for (std::size_t i = 0; i < items.size(); ++i)
        text += (i > 0 ? std::string(separator) : std::string()) + std::string(prefix) + items[i];
    return text;
}

/// The current time, or if the clock has stepped back, the microsecond after
/// `previous`: the times an entity's versions get always increase.
inline std::string time_after(std::string_view previous) {
    return "greatest(clock_timestamp(), " + std::string(previous) + " + interval '1 microsecond')";
}

/// A PL/pgSQL trigger function that runs as its owner, with search_path
/// pinned so that nothing the caller puts on its path can stand in for the
/// objects it names (every name in the body is schema-qualified as well).
inline catalog::function trigger_function(catalog::qualified_name name, std::string body, std::string comment,
                                          std::vector<catalog::object_id> reads) {
    catalog::function f;
    f.name = std::move(name);
    f.returns = "trigger";
    f.language = "plpgsql";
    f.body = std::move(body);
    f.security_definer = true;
    f.comment = std::move(comment);
    f.reads = std::move(reads);
    return f;
}

/// An INSTEAD OF trigger on `view` for one event, calling `function`.
inline catalog::trigger instead_of(const catalog::object_id& view, std::string name, std::string event,
                                   const catalog::function& function) {
    return {std::move(name), view, "INSTEAD OF", {std::move(event)}, function.id()};
}

/// The entity table of a history kind: the key, created_at, deleted_at.
inline catalog::table entity_table(const plugin_context& context) {
    const dimension_info& d = context.dimension();
    const primary_key_columns& key = context.primary_key();
    catalog::table entity;
    entity.name = d.table;
    entity.comment = d.comment;
    entity.columns.push_back({key.column, key.type, false, key.identity, key.default_sql, {}, {}});
    entity.columns.push_back({"created_at", "timestamptz", false, false, "now()", "When the entity was created", {}});
    entity.columns.push_back({"deleted_at", "timestamptz", true, false, {}, "When the entity was deleted", {}});
    const std::vector<std::string> key_columns{key.column};
    entity.constraints.push_back({catalog::constraint_kind::primary_key,
                                  context.unused_name(entity, "pk", key_columns), key_columns, {}, {}});
    return entity;
}

/// The INSERT, UPDATE and DELETE functions of a view and their INSTEAD OF
/// triggers, named <table>_current_insert and so on.
inline void add_view_writes(plugin_context& context, const catalog::qualified_name& table,
                            const catalog::object_id& view, std::string insert, std::string update, std::string remove,
                            std::vector<catalog::object_id> reads) {
    reads.push_back(view);
    const std::string described = table.schema + "." + view.name.name;
    struct write {
        std::string event;
        std::string suffix;
        std::string body;
    };
    for (write& w : std::vector<write>{{"INSERT", "_insert", std::move(insert)},
                                       {"UPDATE", "_update", std::move(update)},
                                       {"DELETE", "_delete", std::move(remove)}}) {
        const std::string name = derived_name(table.name, "_current" + w.suffix);
        catalog::function f =
            trigger_function({table.schema, name}, std::move(w.body), w.event + " through " + described, reads);
        context.schema_catalog().add(instead_of(view, name, w.event, f));
        context.schema_catalog().add(std::move(f));
    }
}

/// Direct writes to the tables produced under `table_keys` (INSERT, UPDATE,
/// DELETE, TRUNCATE) fail with a message naming the table. The dimension's own
/// trigger functions write them from inside a trigger; the triggers' WHEN lets
/// those writes through without calling a function for them (WHEN is
/// evaluated before the trigger's own call raises the depth, so a statement
/// from a client sees 0 and one from a view's trigger sees 1).
inline void protect_tables(plugin_context& context, std::span<const std::string_view> table_keys) {
    if (table_keys.empty()) return;
    const std::string schema = context.table(table_keys[0]).name.schema;
    catalog::function forbid;
    forbid.name = {schema, "pgcraft_forbid_direct_write"};
    forbid.returns = "trigger";
    forbid.language = "plpgsql";
    forbid.search_path = "pg_catalog, pg_temp";
    forbid.comment = "Stops writes to a dimension's backing tables that do not come through its views";
    forbid.body =
        "BEGIN\n"
        "    RAISE EXCEPTION 'pgcraft: %.% is written only through its dimension''s views', TG_TABLE_SCHEMA, "
        "TG_TABLE_NAME\n"
        "        USING ERRCODE = 'insufficient_privilege',\n"
        "              HINT = 'Write to the dimension''s _current view instead.';\n"
        "END;";
    context.schema_catalog().add_once(forbid);
    const std::string direct = "pg_trigger_depth() = 0";
    for (std::string_view key : table_keys) {
        const catalog::table& t = context.table(key);
        context.schema_catalog().add(
            catalog::trigger{"pgcraft_protect", t.id(), "BEFORE", {"INSERT", "UPDATE", "DELETE"}, forbid.id(), direct});
        context.schema_catalog().add(
            catalog::trigger{"pgcraft_protect_truncate", t.id(), "BEFORE", {"TRUNCATE"}, forbid.id(), direct, true});
    }
}

}  // namespace pgcraft::generator
