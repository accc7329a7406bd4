// Entity-attribute-value, as SQL. For a dimension whose table is t:
//
//   t              the entity: its key, created_at, deleted_at
//   t_attributes   one row per attribute value and period: the entity's key,
//                  the attribute's name, one value column per distinct SQL
//                  type of the members (so varchar(8) and varchar(32) never
//                  share one), valid_from and valid_to (NULL while current)
//   t_current      the pivot: one typed column per attribute; write here
//   t_history      every attribute value and when it held
//
// A CHECK lets each attribute fill only its own value column. Writes set only
// the attributes whose value changes; clearing an optional attribute writes a
// row with no value, so the clearing stays in the history.
#pragma once

#include <cctype>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <pgcraft/catalog/catalog.hpp>
#include <pgcraft/generator/kinds/writes.hpp>
#include <pgcraft/generator/plugin_context.hpp>
#include <pgcraft/sql/markers.hpp>
#include <pgcraft/sql/naming.hpp>
#include <pgcraft/sql/quote.hpp>

namespace pgcraft::generator {

namespace eav_sql {
/// The value column of a SQL type: "varchar(32)" -> "varchar_32_value".
inline std::string value_column(std::string_view type) {
    std::string name;
    for (char c : type) {
        const bool word = std::isalnum(static_cast<unsigned char>(c)) != 0;
        if (word) name += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        else if (!name.empty() && name.back() != '_') name += '_';
    }
    while (!name.empty() && name.back() == '_') name.pop_back();
    return name + "_value";
}

struct attribute {
    std::string name;          ///< the member's name
    std::string type;          ///< its SQL type
    std::string value_column;  ///< where its values go
    bool nullable = false;
    std::string min_value, max_value;
};

inline std::vector<attribute> attributes_of(const plugin_context& context) {
    std::vector<attribute> result;
    for (const member_column& m : context.dimension().members) {
        if (m.column.name == context.primary_key().column) continue;
        result.push_back({m.column.name, m.column.type, value_column(m.column.type), m.column.nullable, m.min_value,
                          m.max_value});
    }
    return result;
}

/// Value columns in first-use order, each once.
inline std::vector<std::pair<std::string, std::string>> value_columns(const std::vector<attribute>& attributes) {
    std::vector<std::pair<std::string, std::string>> columns;
    for (const attribute& a : attributes) {
        bool seen = false;
        for (const auto& c : columns) seen = seen || c.first == a.value_column;
        if (!seen) columns.emplace_back(a.value_column, a.type);
    }
    return columns;
}
}  // namespace eav_sql

inline void build_eav_tables(plugin_context& context, std::string_view entity_key, std::string_view attributes_key) {
    using namespace eav_sql;
    const dimension_info& d = context.dimension();
    const primary_key_columns& key = context.primary_key();
    const std::vector<attribute> attributes = attributes_of(context);

    catalog::table entity = entity_table(context);
    const std::vector<std::string> key_columns{key.column};

    catalog::table values;
    values.name = {d.table.schema, derived_name(d.table.name, "_attributes")};
    values.comment = "The attribute values of " + d.table.schema + "." + d.table.name + ", current while valid_to is NULL";
    values.columns.push_back({"value_id", "bigint", false, true, {}, {}, {}});
    values.columns.push_back({key.column, key.type, false, false, {}, "The entity the value belongs to", {}});
    values.columns.push_back({"attribute", "text", false, false, {}, "The attribute's name", {}});
    for (const auto& [column, type] : value_columns(attributes))
        values.columns.push_back({column, type, true, false, {}, {}, {}});
    values.columns.push_back({"valid_from", "timestamptz", false, false, "clock_timestamp()", {}, {}});
    values.columns.push_back({"valid_to", "timestamptz", true, false, {}, {}, {}});
    const std::vector<std::string> value_key{"value_id"};
    values.constraints.push_back(
        {catalog::constraint_kind::primary_key, context.unused_name(values, "pk", value_key), value_key, {}, {}});
    values.constraints.push_back({catalog::constraint_kind::foreign_key,
                                  context.unused_name(values, "fk", key_columns, entity.name.name), key_columns, {},
                                  catalog::foreign_key_target{entity.name, key_columns, {}, {}}});

    // A row holds at most one value, and a ranged attribute stays within its
    // C++ type's range. Which column an attribute fills is the triggers' work
    // (the only writers): a CHECK naming every attribute made each write
    // statement prepare it again, about a quarter of an update's cost.
    std::vector<std::string> value_names;
    for (const auto& [column, type] : value_columns(attributes)) value_names.push_back(column);
    if (value_names.size() > 1)
        values.constraints.push_back({catalog::constraint_kind::check,
                                      context.unused_name(values, "ck", std::vector<std::string>{"one_value"}),
                                      value_names, "num_nonnulls(" + list(value_names) + ") <= 1", {}});
    for (const attribute& a : attributes) {
        if (a.min_value.empty()) continue;
        const std::vector<std::string> ranged{a.name};
        values.constraints.push_back({catalog::constraint_kind::check, context.unused_name(values, "ck", ranged),
                                      ranged,
                                      "attribute <> " + sql::quote_literal(a.name) + " OR " + a.value_column +
                                          " BETWEEN " + a.min_value + " AND " + a.max_value,
                                      {}});
    }
    const std::vector<std::string> validity{"valid_from", "valid_to"};
    values.constraints.push_back({catalog::constraint_kind::check, context.unused_name(values, "ck", validity), validity,
                                  "valid_to IS NULL OR valid_to >= valid_from", {}});

    // One current value per entity and attribute, found by an index lookup.
    // (No index on the history: every extra index costs each write, and
    // history reads by entity are rare enough to scan.)
    const std::string quoted_key = sql::quote_identifier(key.column);
    catalog::index current;
    current.name = {values.name.schema,
                    sql::convention_name("uq", values.name.name, std::vector<std::string>{key.column, "attribute"})};
    current.table = values.name;
    current.unique = true;
    current.keys = {quoted_key, "attribute"};
    current.where = "valid_to IS NULL";
    context.produce_table(entity_key, std::move(entity));
    context.produce_table(attributes_key, std::move(values));
    context.schema_catalog().add(std::move(current));
}

/// DELETE through an EAV view: end the entity and its current rows in
/// `rows` (never before they began, whatever the clock does); the history stays.
inline std::string end_entity_body(const std::string& entity, const std::string& rows, const std::string& key) {
    return "DECLARE\n"
           "    stamp timestamptz := clock_timestamp();\n"
           "BEGIN\n"
           "    UPDATE " + entity + " SET deleted_at = stamp WHERE " + key + " = OLD." + key + " AND deleted_at IS NULL;\n"
           "    IF NOT FOUND THEN\n"
           "        RETURN NULL;\n"
           "    END IF;\n"
           "    UPDATE " + rows + " SET valid_to = greatest(stamp, valid_from)\n"
           "        WHERE " + key + " = OLD." + key + " AND valid_to IS NULL;\n"
           "    RETURN OLD;\n"
           "END;";
}

inline void build_eav_views_and_writes(plugin_context& context, std::string_view entity_key,
                                       std::string_view attributes_key, std::string_view view_key) {
    using namespace eav_sql;
    const catalog::table& entity_table = context.table(entity_key);
    const catalog::table& values_table = context.table(attributes_key);
    const std::vector<attribute> attributes = attributes_of(context);
    const std::string entity = sql::quote_qualified(entity_table.name);
    const std::string values = sql::quote_qualified(values_table.name);
    const std::string key = sql::quote_identifier(context.primary_key().column);
    const std::string& schema = entity_table.name.schema;
    const std::string& table = entity_table.name.name;

    // The pivot: one index range scan of the entity's current values.
    catalog::view current;
    current.name = {schema, derived_name(table, "_current")};
    std::string pivot;
    for (const attribute& a : attributes)
        // The cast keeps the declared type whole: an array element loses a
        // varchar's length or a numeric's precision.
        pivot += "              (array_agg(a." + a.value_column + ") FILTER (WHERE a.attribute = " +
                 sql::quote_literal(a.name) + "))[1]::" + a.type + " AS " + sql::quote_identifier(a.name) + ",\n";
    std::string selected = "SELECT e." + key;
    for (const attribute& a : attributes) selected += ",\n       v." + sql::quote_identifier(a.name);
    current.query = selected +
                    ",\n       e.created_at,\n       coalesce(v.updated_at, e.created_at) AS updated_at\n"
                    "FROM " + entity + " AS e\n"
                    "CROSS JOIN LATERAL (\n"
                    "       SELECT\n" + pivot +
                    "              max(a.valid_from) AS updated_at\n"
                    "       FROM " + values + " AS a\n"
                    "       WHERE a." + key + " = e." + key + " AND a.valid_to IS NULL) AS v\n"
                    "WHERE e.deleted_at IS NULL";
    current.columns.push_back(context.primary_key().column);
    for (const attribute& a : attributes) current.columns.push_back(a.name);
    current.columns.insert(current.columns.end(), {"created_at", "updated_at"});
    current.comment = "The current attributes of each live entity of " + schema + "." + table + "; write here";
    current.reads = {entity_table.id(), values_table.id()};

    catalog::view history;
    history.name = {schema, derived_name(table, "_history")};
    std::string value_of = "CASE a.attribute";
    for (const attribute& a : attributes)
        value_of += " WHEN " + sql::quote_literal(a.name) + " THEN a." + a.value_column + "::text";
    value_of += " END";
    history.query = "SELECT a.value_id,\n       a." + key + ",\n       a.attribute,\n       " +
                    (attributes.empty() ? std::string("NULL::text") : value_of) +
                    " AS value,\n       a.valid_from,\n       a.valid_to\nFROM " + values + " AS a";
    history.columns = {"value_id", context.primary_key().column, "attribute", "value", "valid_from", "valid_to"};
    history.comment = "Every attribute value of " + schema + "." + table + " (as text) and when it held";
    history.reads = {values_table.id()};

    // Required attributes and the declared checks, on NEW.
    std::string guards;
    for (const attribute& a : attributes)
        if (!a.nullable)
            guards += "    IF NEW." + sql::quote_identifier(a.name) + " IS NULL THEN\n"
                      "        RAISE EXCEPTION 'null value in column \"%\" of %.% violates not-null constraint', " +
                      sql::quote_literal(a.name) + ", TG_TABLE_SCHEMA, TG_TABLE_NAME\n"
                      "            USING ERRCODE = 'not_null_violation', COLUMN = " + sql::quote_literal(a.name) + ";\n"
                      "    END IF;\n";
    for (const declared_constraint& c : context.dimension().constraints) {
        if (c.kind != declared_kind::check) continue;
        const std::string name = c.name.empty() ? sql::convention_name("ck", table, sql::marker_columns(c.expression)) : c.name;
        guards += "    IF NOT (" + sql::resolve_new_row(c.expression) + ") THEN\n"
                  "        RAISE EXCEPTION 'new row for %.% violates check constraint \"%\"', TG_TABLE_SCHEMA, "
                  "TG_TABLE_NAME, " + sql::quote_literal(name) + "\n"
                  "            USING ERRCODE = 'check_violation', CONSTRAINT = " + sql::quote_literal(name) + ";\n"
                  "    END IF;\n";
    }

    std::string value_list;
    for (const auto& [column, type] : value_columns(attributes)) value_list += ", " + column;
    std::string rows;
    for (const attribute& a : attributes) {
        std::string row = "(NEW." + key + ", " + sql::quote_literal(a.name);
        for (const auto& [column, type] : value_columns(attributes))
            row += ", " + (column == a.value_column ? "NEW." + sql::quote_identifier(a.name) : std::string("NULL"));
        rows += (rows.empty() ? "" : ",\n               ") + row + ", stamp)";
    }
    std::string insert =
        "DECLARE\n"
        "    stamp timestamptz := clock_timestamp();\n"
        "BEGIN\n" + guards +
        "    INSERT INTO " + entity + " DEFAULT VALUES\n"
        "        RETURNING " + key + ", created_at INTO NEW." + key + ", NEW.created_at;\n" +
        (attributes.empty() ? "" :
        "    INSERT INTO " + values + " (" + key + ", attribute" + value_list + ", valid_from)\n"
        "        VALUES " + rows + ";\n") +
        "    NEW.updated_at := stamp;\n"
        "    RETURN NEW;\n"
        "END;";

    const std::string view = sql::quote_qualified(current.name);
    std::string merge;
    std::string writes;
    for (const attribute& a : attributes) {
        const std::string c = sql::quote_identifier(a.name);
        merge += "    NEW." + c + " := CASE WHEN NEW." + c + " IS DISTINCT FROM OLD." + c + " THEN NEW." + c +
                 " ELSE latest." + c + " END;\n";
        writes += "    IF NEW." + c + " IS DISTINCT FROM latest." + c + " THEN\n"
                  "        UPDATE " + values + " SET valid_to = stamp\n"
                  "            WHERE " + key + " = OLD." + key + " AND attribute = " + sql::quote_literal(a.name) +
                  " AND valid_to IS NULL;\n"
                  "        INSERT INTO " + values + " (" + key + ", attribute, " + a.value_column + ", valid_from)\n"
                  "            VALUES (OLD." + key + ", " + sql::quote_literal(a.name) + ", NEW." + c + ", stamp);\n"
                  "        changed := true;\n"
                  "    END IF;\n";
    }
    // The update locks the entity, then reads the pivot again only if a
    // write committed since this statement's snapshot: every write moves the
    // newest valid_from strictly forward, so an unchanged newest valid_from
    // means OLD is still current.
    std::string update =
        "DECLARE\n"
        "    stamp timestamptz;\n"
        "    newest timestamptz;\n"
        "    latest " + view + "%ROWTYPE;\n"
        "    changed boolean := false;\n"
        "BEGIN\n"
        "    IF NEW." + key + " IS DISTINCT FROM OLD." + key + " THEN\n"
        "        RAISE EXCEPTION 'pgcraft: the key of %.% cannot change', TG_TABLE_SCHEMA, TG_TABLE_NAME\n"
        "            USING ERRCODE = 'feature_not_supported';\n"
        "    END IF;\n"
        "    PERFORM 1 FROM " + entity + " WHERE " + key + " = OLD." + key + " AND deleted_at IS NULL FOR UPDATE;\n"
        "    IF NOT FOUND THEN\n"
        "        RETURN NULL;  -- deleted meanwhile\n"
        "    END IF;\n"
        "    SELECT max(valid_from) INTO newest FROM " + values + " WHERE " + key + " = OLD." + key + " AND valid_to IS NULL;\n"
        "    IF coalesce(newest, OLD.created_at) = OLD.updated_at THEN\n"
        "        latest := OLD;\n"
        "    ELSE\n"
        "        SELECT * INTO latest FROM " + view + " WHERE " + key + " = OLD." + key + ";\n"
        "    END IF;\n"
        "    stamp := " + time_after("newest") + ";\n" + merge + guards + writes +
        "    NEW.created_at := OLD.created_at;\n"
        "    NEW.updated_at := CASE WHEN changed THEN stamp ELSE latest.updated_at END;\n"
        "    RETURN NEW;\n"
        "END;";

    const catalog::object_id view_id = current.id();
    context.set(view_key, view_id);
    context.schema_catalog().add(std::move(current));
    context.schema_catalog().add(std::move(history));
    add_view_writes(context, entity_table.name, view_id, std::move(insert), std::move(update),
                    end_entity_body(entity, values, key), {entity_table.id(), values_table.id()});
}

}  // namespace pgcraft::generator
