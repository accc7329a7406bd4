// Append-only history (SCD type 2), as SQL. For a dimension whose table is t:
//
//   t            the entity: its key, created_at, deleted_at
//   t_versions   every state: version_id, the entity's key, the members,
//                valid_from and valid_to (NULL while current)
//   t_current    the view to read and write: one row per live entity
//   t_history    every version, with its validity
//   t_as_of(ts)  the state of every entity at an instant
//
// Writes go through t_current's INSTEAD OF triggers: an insert creates the
// entity and its first version; an update appends a version only when a value
// changed, applying the statement's changes onto the latest version (so that
// two concurrent updates of different columns both survive) after locking the
// entity row; a delete ends the entity and keeps its history.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <pgcraft/catalog/catalog.hpp>
#include <pgcraft/generator/kinds/writes.hpp>
#include <pgcraft/generator/plugin_context.hpp>
#include <pgcraft/sql/naming.hpp>
#include <pgcraft/sql/quote.hpp>

namespace pgcraft::generator {

namespace append_only_sql {
inline std::string list(const std::vector<std::string>& items, std::string_view prefix = {},
                        std::string_view separator = ", ") {
    std::string text;
    for (std::size_t i = 0; i < items.size(); ++i)
        text += (i > 0 ? std::string(separator) : std::string()) + std::string(prefix) + items[i];
    return text;
}

// The members' columns that writes set: all but generated ones.
inline std::vector<std::string> written_columns(const std::vector<catalog::column>& members) {
    std::vector<std::string> names;
    for (const catalog::column& c : members)
        if (c.generated.empty()) names.push_back(sql::quote_identifier(c.name));
    return names;
}

inline std::vector<std::string> all_columns(const std::vector<catalog::column>& members) {
    std::vector<std::string> names;
    for (const catalog::column& c : members) names.push_back(sql::quote_identifier(c.name));
    return names;
}
}  // namespace append_only_sql

inline void build_append_only_tables(plugin_context& context, std::string_view entity_key,
                                     std::string_view versions_key) {
    const dimension_info& d = context.dimension();
    const primary_key_columns& key = context.primary_key();

    catalog::table entity = entity_table(context);
    const std::vector<std::string> key_columns{key.column};

    catalog::table versions;
    versions.name = {d.table.schema, derived_name(d.table.name, "_versions")};
    versions.comment = "Every version of " + d.table.schema + "." + d.table.name + ", current while valid_to is NULL";
    versions.columns.push_back({"version_id", "bigint", false, true, {}, {}, {}});
    versions.columns.push_back({key.column, key.type, false, false, {}, "The entity this version belongs to", {}});
    for (catalog::column& c : context.member_columns()) versions.columns.push_back(std::move(c));
    versions.columns.push_back({"valid_from", "timestamptz", false, false, "clock_timestamp()", {}, {}});
    versions.columns.push_back({"valid_to", "timestamptz", true, false, {}, {}, {}});
    const std::vector<std::string> version_key{"version_id"};
    versions.constraints.push_back({catalog::constraint_kind::primary_key,
                                    context.unused_name(versions, "pk", version_key), version_key, {}, {}});
    versions.constraints.push_back({catalog::constraint_kind::foreign_key,
                                    context.unused_name(versions, "fk", key_columns, entity.name.name), key_columns,
                                    {}, catalog::foreign_key_target{entity.name, key_columns, {}, {}}});
    const std::vector<std::string> validity{"valid_from", "valid_to"};
    versions.constraints.push_back({catalog::constraint_kind::check, context.unused_name(versions, "ck", validity),
                                    validity, "valid_to IS NULL OR valid_to >= valid_from", {}});
    context.add_range_checks(versions);

    // One current version per entity; and the lookups of history by entity and time.
    const std::string quoted_key = sql::quote_identifier(key.column);
    catalog::index current;
    current.name = {versions.name.schema, sql::convention_name("uq", versions.name.name, key_columns)};
    current.table = versions.name;
    current.unique = true;
    current.keys = {quoted_key};
    current.where = "valid_to IS NULL";
    catalog::index by_time;
    by_time.name = {versions.name.schema,
                    sql::convention_name("ix", versions.name.name, std::vector<std::string>{key.column, "valid_from"})};
    by_time.table = versions.name;
    by_time.keys = {quoted_key, "valid_from"};

    context.produce_table(entity_key, std::move(entity));
    context.produce_table(versions_key, std::move(versions));
    context.schema_catalog().add(std::move(current));
    context.schema_catalog().add(std::move(by_time));
}

inline void build_append_only_views(plugin_context& context, std::string_view entity_key,
                                    std::string_view versions_key, std::string_view view_key) {
    using namespace append_only_sql;
    const catalog::table& entity = context.table(entity_key);
    const catalog::table& versions = context.table(versions_key);
    const std::string key = sql::quote_identifier(context.primary_key().column);
    const std::vector<catalog::column> members = context.member_columns();

    catalog::view current;
    current.name = {entity.name.schema, derived_name(entity.name.name, "_current")};
    current.query = "SELECT e." + key + (members.empty() ? "" : ",\n       " + list(all_columns(members), "v.", ",\n       ")) +
                    ",\n       e.created_at,\n       v.valid_from AS updated_at\n"
                    "FROM " + sql::quote_qualified(entity.name) + " AS e\n"
                    "JOIN " + sql::quote_qualified(versions.name) + " AS v ON v." + key + " = e." + key +
                    " AND v.valid_to IS NULL";
    current.columns.push_back(context.primary_key().column);
    for (const catalog::column& c : members) current.columns.push_back(c.name);
    current.columns.insert(current.columns.end(), {"created_at", "updated_at"});
    current.comment = "The current state of each live entity of " + entity.name.schema + "." + entity.name.name +
                      "; write here";
    current.reads = {entity.id(), versions.id()};

    catalog::view history;
    history.name = {entity.name.schema, derived_name(entity.name.name, "_history")};
    history.query = "SELECT v.version_id,\n       v." + key +
                    (members.empty() ? "" : ",\n       " + list(all_columns(members), "v.", ",\n       ")) +
                    ",\n       v.valid_from,\n       v.valid_to\nFROM " + sql::quote_qualified(versions.name) + " AS v";
    history.columns = {"version_id", context.primary_key().column};
    for (const catalog::column& c : members) history.columns.push_back(c.name);
    history.columns.insert(history.columns.end(), {"valid_from", "valid_to"});
    history.comment = "Every version of " + entity.name.schema + "." + entity.name.name + " and when it was valid";
    history.reads = {versions.id()};

    catalog::function as_of;
    as_of.name = {entity.name.schema, derived_name(entity.name.name, "_as_of")};
    as_of.arguments = "at timestamptz";
    as_of.returns = "SETOF " + sql::quote_qualified(history.name);
    as_of.body = "SELECT h.*\nFROM " + sql::quote_qualified(history.name) +
                 " AS h\nWHERE h.valid_from <= at AND (h.valid_to IS NULL OR h.valid_to > at);";
    as_of.comment = "The version of each entity that was valid at the given instant";
    as_of.reads = {history.id()};

    context.set(view_key, current.id());
    context.schema_catalog().add(std::move(current));
    context.schema_catalog().add(std::move(history));
    context.schema_catalog().add(std::move(as_of));
}

inline void build_append_only_writes(plugin_context& context, std::string_view entity_key,
                                     std::string_view versions_key, std::string_view view_key) {
    using namespace append_only_sql;
    const catalog::table& entity_table = context.table(entity_key);
    const catalog::table& versions_table = context.table(versions_key);
    const catalog::object_id view = context.get<catalog::object_id>(view_key);
    const std::string entity = sql::quote_qualified(entity_table.name);
    const std::string versions = sql::quote_qualified(versions_table.name);
    const std::string key = sql::quote_identifier(context.primary_key().column);
    const std::vector<catalog::column> members = context.member_columns();
    const std::vector<std::string> written = written_columns(members);
    const std::vector<std::string> stored = all_columns(members);
    const std::vector<catalog::object_id> reads{entity_table.id(), versions_table.id()};
    const std::string returning = stored.empty() ? "" : "\n        RETURNING " + list(stored) + "\n        INTO " + list(stored, "NEW.");

    // INSERT: the entity, then its first version; NEW carries what was stored.
    std::string insert =
        "DECLARE\n"
        "    stamp timestamptz := clock_timestamp();\n"
        "BEGIN\n"
        "    INSERT INTO " + entity + " DEFAULT VALUES\n"
        "        RETURNING " + key + ", created_at INTO NEW." + key + ", NEW.created_at;\n"
        "    INSERT INTO " + versions + " (" + key + (written.empty() ? "" : ", " + list(written)) + ", valid_from)\n"
        "        VALUES (NEW." + key + (written.empty() ? "" : ", " + list(written, "NEW.")) + ", stamp)" + returning + ";\n"
        "    NEW.updated_at := stamp;\n"
        "    RETURN NEW;\n"
        "END;";

    // UPDATE: lock the entity, apply this statement's changes onto the latest
    // version, and append a version only if that changes something.
    std::string merge;
    for (const std::string& c : written)
        merge += "    NEW." + c + " := CASE WHEN NEW." + c + " IS DISTINCT FROM OLD." + c + " THEN NEW." + c +
                 " ELSE latest." + c + " END;\n";
    const std::string unchanged =
        written.empty() ? "true" : "(" + list(written, "NEW.") + ") IS NOT DISTINCT FROM (" + list(written, "latest.") + ")";
    std::string copy_generated;
    for (const catalog::column& c : members)
        if (!c.generated.empty()) {
            const std::string q = sql::quote_identifier(c.name);
            copy_generated += "        NEW." + q + " := latest." + q + ";\n";
        }
    std::string update =
        "DECLARE\n"
        "    stamp timestamptz := clock_timestamp();\n"
        "    latest " + versions + "%ROWTYPE;\n"
        "BEGIN\n"
        "    IF NEW." + key + " IS DISTINCT FROM OLD." + key + " THEN\n"
        "        RAISE EXCEPTION 'pgcraft: the key of %.% cannot change', TG_TABLE_SCHEMA, TG_TABLE_NAME\n"
        "            USING ERRCODE = 'feature_not_supported';\n"
        "    END IF;\n"
        "    PERFORM 1 FROM " + entity + " WHERE " + key + " = OLD." + key + " FOR UPDATE;\n"
        "    SELECT * INTO latest FROM " + versions + " WHERE " + key + " = OLD." + key + " AND valid_to IS NULL;\n"
        "    IF NOT FOUND THEN\n"
        "        RETURN NULL;  -- deleted meanwhile\n"
        "    END IF;\n" + merge +
        "    NEW.created_at := OLD.created_at;\n"
        "    IF " + unchanged + " THEN\n" + copy_generated +
        "        NEW.updated_at := latest.valid_from;\n"
        "        RETURN NEW;  -- nothing changed: nothing is written\n"
        "    END IF;\n"
        "    UPDATE " + versions + " SET valid_to = stamp WHERE version_id = latest.version_id;\n"
        "    INSERT INTO " + versions + " (" + key + (written.empty() ? "" : ", " + list(written)) + ", valid_from)\n"
        "        VALUES (OLD." + key + (written.empty() ? "" : ", " + list(written, "NEW.")) + ", stamp)" + returning + ";\n"
        "    NEW.updated_at := stamp;\n"
        "    RETURN NEW;\n"
        "END;";

    add_view_writes(context, entity_table.name, view, std::move(insert), std::move(update),
                    end_entity_body(entity, versions, key), reads);
}

}  // namespace pgcraft::generator
