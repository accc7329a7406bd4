// Append-only history (SCD type 2), as SQL. For a dimension whose table is t:
//
//   t            the entity and its current version: the key, the members,
//                created_at, updated_at (when the current version began),
//                deleted_at
//   t_versions   every earlier version: the entity's key, the members,
//                valid_from and valid_to
//   t_current    the view to read and write: one row per live entity
//   t_history    every version, the current ones included, with its validity
//   t_as_of(ts)  the state of every entity at an instant
//
// The current version lives in the entity table, as in SQL:2011's
// system-versioned tables: a read is one index lookup, a change updates the
// row in place and appends the version it replaced. (Keeping the current
// version among the others cost an update an extra index scan, a second
// write of the versions table and a partial unique index: about 1.6 times
// the work, measured with benchmarks/sql.)
//
// Writes go through t_current's INSTEAD OF triggers: an insert creates the
// entity; an update locks the entity row, applies the statement's changes
// onto what it holds (so that two concurrent updates of different columns
// both survive) and, only when a value changed, moves the replaced version
// into t_versions; a delete sets deleted_at and keeps the history.
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
    const std::vector<std::string> key_columns{key.column};

    // The entity holds the current version: key, members, then the timestamps.
    catalog::table entity = entity_table(context);
    std::vector<catalog::column> members = context.member_columns();
    entity.columns.insert(entity.columns.begin() + 1, members.begin(), members.end());
    entity.columns.insert(entity.columns.end() - 1, catalog::column{"updated_at", "timestamptz", false, false,
                                                                    "clock_timestamp()",
                                                                    "When the current version began", {}});
    context.add_range_checks(entity);

    // Earlier versions keep the values as they were: no defaults, and
    // generated columns hold what was computed then.
    catalog::table versions;
    versions.name = {d.table.schema, derived_name(d.table.name, "_versions")};
    versions.comment = "Every earlier version of " + d.table.schema + "." + d.table.name +
                       " (the current one is in " + d.table.schema + "." + d.table.name + ")";
    versions.columns.push_back({key.column, key.type, false, false, {}, "The entity this version belongs to", {}});
    for (catalog::column& c : members) {
        c.default_sql.clear();
        c.generated.clear();
        versions.columns.push_back(std::move(c));
    }
    versions.columns.push_back({"valid_from", "timestamptz", false, false, {}, {}, {}});
    versions.columns.push_back({"valid_to", "timestamptz", false, false, {}, {}, {}});
    // The key serves the lookups of an entity's history by time, and the foreign key.
    const std::vector<std::string> version_key{key.column, "valid_from"};
    versions.constraints.push_back({catalog::constraint_kind::primary_key,
                                    context.unused_name(versions, "pk", version_key), version_key, {}, {}});
    versions.constraints.push_back({catalog::constraint_kind::foreign_key,
                                    context.unused_name(versions, "fk", key_columns, entity.name.name), key_columns,
                                    {}, catalog::foreign_key_target{entity.name, key_columns, {}, {}}});
    const std::vector<std::string> validity{"valid_from", "valid_to"};
    versions.constraints.push_back({catalog::constraint_kind::check, context.unused_name(versions, "ck", validity),
                                    validity, "valid_to > valid_from", {}});

    context.produce_table(entity_key, std::move(entity));
    context.produce_table(versions_key, std::move(versions));
}

inline void build_append_only_views(plugin_context& context, std::string_view entity_key,
                                    std::string_view versions_key, std::string_view view_key) {
    using namespace append_only_sql;
    const catalog::table& entity = context.table(entity_key);
    const catalog::table& versions = context.table(versions_key);
    const std::string key = sql::quote_identifier(context.primary_key().column);
    const std::vector<catalog::column> members = context.member_columns();
    const std::string stored = members.empty() ? "" : ",\n       " + list(all_columns(members), "", ",\n       ");
    const std::string entity_name = entity.name.schema + "." + entity.name.name;

    catalog::view current;
    current.name = {entity.name.schema, derived_name(entity.name.name, "_current")};
    current.query = "SELECT " + key + stored + ",\n       created_at,\n       updated_at\n"
                    "FROM " + sql::quote_qualified(entity.name) + "\nWHERE deleted_at IS NULL";
    current.columns.push_back(context.primary_key().column);
    for (const catalog::column& c : members) current.columns.push_back(c.name);
    current.columns.insert(current.columns.end(), {"created_at", "updated_at"});
    current.comment = "The current state of each live entity of " + entity_name + "; write here";
    current.reads = {entity.id()};

    // Earlier versions, then the current one of each entity (ended if deleted).
    catalog::view history;
    history.name = {entity.name.schema, derived_name(entity.name.name, "_history")};
    history.query = "SELECT " + key + stored + ",\n       valid_from,\n       valid_to\nFROM " +
                    sql::quote_qualified(versions.name) + "\nUNION ALL\nSELECT " + key + stored +
                    ",\n       updated_at,\n       deleted_at\nFROM " + sql::quote_qualified(entity.name);
    history.columns = {context.primary_key().column};
    for (const catalog::column& c : members) history.columns.push_back(c.name);
    history.columns.insert(history.columns.end(), {"valid_from", "valid_to"});
    history.comment = "Every version of " + entity_name + " and when it was valid (valid_to is NULL while current)";
    history.reads = {versions.id(), entity.id()};

    catalog::function as_of;
    as_of.name = {entity.name.schema, derived_name(entity.name.name, "_as_of")};
    as_of.arguments = "at timestamptz";
    as_of.returns = "SETOF " + sql::quote_qualified(history.name);
    // STABLE lets the planner inline it, so a caller's filter on the key
    // reaches the tables' indexes instead of filtering every entity's state.
    as_of.volatility = "STABLE";
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

    // INSERT: the entity with its first version; NEW carries what was stored.
    std::string insert =
        "BEGIN\n"
        "    INSERT INTO " + entity + (written.empty() ? " DEFAULT VALUES" : " (" + list(written) + ")\n        VALUES (" + list(written, "NEW.") + ")") + "\n"
        "        RETURNING " + key + (stored.empty() ? "" : ", " + list(stored)) + ", created_at, updated_at\n"
        "        INTO NEW." + key + (stored.empty() ? "" : ", " + list(stored, "NEW.")) + ", NEW.created_at, NEW.updated_at;\n"
        "    RETURN NEW;\n"
        "END;";

    // UPDATE: lock the entity, apply this statement's changes onto what it
    // holds now, and only if that changes something, keep the replaced version.
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
    std::string set;
    for (const std::string& c : written) set += c + " = NEW." + c + ", ";
    std::string update =
        "DECLARE\n"
        "    stamp timestamptz;\n"
        "    latest " + entity + "%ROWTYPE;\n"
        "BEGIN\n"
        "    IF NEW." + key + " IS DISTINCT FROM OLD." + key + " THEN\n"
        "        RAISE EXCEPTION 'pgcraft: the key of %.% cannot change', TG_TABLE_SCHEMA, TG_TABLE_NAME\n"
        "            USING ERRCODE = 'feature_not_supported';\n"
        "    END IF;\n"
        "    SELECT * INTO latest FROM " + entity + " WHERE " + key + " = OLD." + key + " AND deleted_at IS NULL FOR UPDATE;\n"
        "    IF NOT FOUND THEN\n"
        "        RETURN NULL;  -- deleted meanwhile\n"
        "    END IF;\n" + merge +
        "    NEW.created_at := latest.created_at;\n"
        "    IF " + unchanged + " THEN\n" + copy_generated +
        "        NEW.updated_at := latest.updated_at;\n"
        "        RETURN NEW;  -- nothing changed: nothing is written\n"
        "    END IF;\n"
        "    -- Versions follow each other even if the clock steps back.\n"
        "    stamp := " + time_after("latest.updated_at") + ";\n"
        "    INSERT INTO " + versions + " (" + key + (stored.empty() ? "" : ", " + list(stored)) + ", valid_from, valid_to)\n"
        "        VALUES (latest." + key + (stored.empty() ? "" : ", " + list(stored, "latest.")) + ", latest.updated_at, stamp);\n"
        "    UPDATE " + entity + " SET " + set + "updated_at = stamp\n"
        "        WHERE " + key + " = OLD." + key + returning + ";\n"
        "    NEW.updated_at := stamp;\n"
        "    RETURN NEW;\n"
        "END;";

    // DELETE: the entity ends; its current version stays in it, ended.
    std::string remove =
        "BEGIN\n"
        "    UPDATE " + entity + " SET deleted_at = " + time_after("updated_at") + "\n"
        "        WHERE " + key + " = OLD." + key + " AND deleted_at IS NULL;\n"
        "    IF NOT FOUND THEN\n"
        "        RETURN NULL;\n"
        "    END IF;\n"
        "    RETURN OLD;\n"
        "END;";

    add_view_writes(context, entity_table.name, view, std::move(insert), std::move(update), std::move(remove), reads);
}

}  // namespace pgcraft::generator
