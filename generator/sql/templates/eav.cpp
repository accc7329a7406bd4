// Entity-attribute-value's SQL: the pivot and history queries and the bodies
// of the functions that write through t_current. Each is one template; the
// repeated parts (one per attribute) are templates of their own.
#include "../templates.hpp"

#include <fmt/format.h>

#include <pgcraft/sql/quote.hpp>
#include <pgcraft/sql/render.hpp>

namespace pgcraft::sql::templates {

namespace {
// Required attributes and the declared checks, on NEW.
std::string guards(const eav_names& n) {
    std::string text;
    for (const eav_attribute& a : n.attributes)
        if (!a.nullable)
            text += fmt::format(R"(    IF NEW.{column} IS NULL THEN
        RAISE EXCEPTION 'null value in column "%" of %.% violates not-null constraint', {name}, TG_TABLE_SCHEMA, TG_TABLE_NAME
            USING ERRCODE = 'not_null_violation', COLUMN = {name};
    END IF;
)",
                                fmt::arg("column", quote_identifier(a.name)), fmt::arg("name", quote_literal(a.name)));
    for (const eav_check& c : n.checks)
        text += fmt::format(R"(    IF NOT ({condition}) THEN
        RAISE EXCEPTION 'new row for %.% violates check constraint "%"', TG_TABLE_SCHEMA, TG_TABLE_NAME, {name}
            USING ERRCODE = 'check_violation', CONSTRAINT = {name};
    END IF;
)",
                            fmt::arg("condition", render_new_row(c.expression)), fmt::arg("name", quote_literal(c.name)));
    return text;
}
}  // namespace

std::string eav_one_value_check(const std::vector<std::string>& value_columns) {
    return fmt::format("num_nonnulls({}) <= 1", fmt::join(value_columns, ", "));
}

std::string eav_range_check(const eav_attribute& a) {
    return fmt::format("attribute <> {} OR {} BETWEEN {} AND {}", quote_literal(a.name), a.value_column, a.min_value,
                       a.max_value);
}

// <table>_current, the pivot: one index range scan of the entity's current values. The cast
// keeps the declared type whole: an array element loses a varchar's length
// or a numeric's precision.
std::string eav_current_query(const eav_names& n) {
    std::string attributes;
    std::string pivot;
    for (const eav_attribute& a : n.attributes) {
        attributes += fmt::format(",\n       v.{}", quote_identifier(a.name));
        pivot += fmt::format(
            "              (array_agg(a.{value}) FILTER (WHERE a.attribute = {name}))[1]::{type} AS {column},\n",
            fmt::arg("value", a.value_column), fmt::arg("name", quote_literal(a.name)), fmt::arg("type", a.type),
            fmt::arg("column", quote_identifier(a.name)));
    }
    return fmt::format(R"(SELECT e.{key}{attributes},
       e.created_at,
       coalesce(v.updated_at, e.created_at) AS updated_at
FROM {entity} AS e
CROSS JOIN LATERAL (
       SELECT
{pivot}              max(a.valid_from) AS updated_at
       FROM {values} AS a
       WHERE a.{key} = e.{key} AND a.valid_to IS NULL) AS v
WHERE e.deleted_at IS NULL)",
                       fmt::arg("key", n.key), fmt::arg("attributes", attributes), fmt::arg("entity", n.entity),
                       fmt::arg("pivot", pivot), fmt::arg("values", n.values));
}

// <table>_history
std::string eav_history_query(const eav_names& n) {
    std::string value = "NULL::text";
    if (!n.attributes.empty()) {
        value = "CASE a.attribute";
        for (const eav_attribute& a : n.attributes)
            value += fmt::format(" WHEN {} THEN a.{}::text", quote_literal(a.name), a.value_column);
        value += " END";
    }
    return fmt::format(R"(SELECT a.value_id,
       a.{key},
       a.attribute,
       {value} AS value,
       a.valid_from,
       a.valid_to
FROM {values} AS a)",
                       fmt::arg("key", n.key), fmt::arg("value", value), fmt::arg("values", n.values));
}

// <table>_current_insert
std::string eav_insert_body(const eav_names& n) {
    std::string values;
    if (!n.attributes.empty()) {
        std::vector<std::string> rows;
        for (const eav_attribute& a : n.attributes) {
            std::string row = fmt::format("(NEW.{}, {}", n.key, quote_literal(a.name));
            for (const std::string& column : n.value_columns)
                row += ", " + (column == a.value_column ? "NEW." + quote_identifier(a.name) : std::string("NULL"));
            rows.push_back(row + ", stamp)");
        }
        std::string columns;
        for (const std::string& column : n.value_columns) columns += ", " + column;
        values = fmt::format(R"(    INSERT INTO {values} ({key}, attribute{columns}, valid_from)
        VALUES {rows};
)",
                             fmt::arg("values", n.values), fmt::arg("key", n.key), fmt::arg("columns", columns),
                             fmt::arg("rows", fmt::join(rows, ",\n               ")));
    }
    // The checks run once the key and created_at exist, so that a check may read them.
    return fmt::format(R"(DECLARE
    stamp timestamptz := clock_timestamp();
BEGIN
    INSERT INTO {entity} DEFAULT VALUES
        RETURNING {key}, created_at INTO NEW.{key}, NEW.created_at;
    NEW.updated_at := stamp;
{guards}{insert_values}    RETURN NEW;
END;)",
                       fmt::arg("guards", guards(n)), fmt::arg("entity", n.entity), fmt::arg("key", n.key),
                       fmt::arg("insert_values", values));
}

// <table>_current_update locks the entity, then reads the pivot again only if a write
// committed since this statement's snapshot: every write moves the newest
// valid_from strictly forward, so an unchanged newest valid_from means OLD is
// still current.
std::string eav_update_body(const eav_names& n) {
    std::vector<std::string> columns;
    std::string writes;
    for (const eav_attribute& a : n.attributes) {
        columns.push_back(quote_identifier(a.name));
        writes += fmt::format(R"(    IF NEW.{column} IS DISTINCT FROM latest.{column} THEN
        UPDATE {values} SET valid_to = stamp
            WHERE {key} = OLD.{key} AND attribute = {name} AND valid_to IS NULL;
        INSERT INTO {values} ({key}, attribute, {value}, valid_from)
            VALUES (OLD.{key}, {name}, NEW.{column}, stamp);
        changed := true;
    END IF;
)",
                              fmt::arg("column", quote_identifier(a.name)), fmt::arg("values", n.values),
                              fmt::arg("key", n.key), fmt::arg("name", quote_literal(a.name)),
                              fmt::arg("value", a.value_column));
    }
    return fmt::format(R"(DECLARE
    stamp timestamptz;
    newest timestamptz;
    latest {view}%ROWTYPE;
    changed boolean := false;
BEGIN
{key_guard}    PERFORM 1 FROM {entity} WHERE {key} = OLD.{key} AND deleted_at IS NULL FOR UPDATE;
    IF NOT FOUND THEN
        RETURN NULL;  -- deleted meanwhile
    END IF;
    SELECT max(valid_from) INTO newest FROM {values} WHERE {key} = OLD.{key} AND valid_to IS NULL;
    IF coalesce(newest, OLD.created_at) = OLD.updated_at THEN
        latest := OLD;
    ELSE
        SELECT * INTO latest FROM {view} WHERE {key} = OLD.{key};
    END IF;
    stamp := {next_time};
    NEW.created_at := OLD.created_at;
{merge}{guards}{writes}    NEW.updated_at := CASE WHEN changed THEN stamp ELSE latest.updated_at END;
    RETURN NEW;
END;)",
                       fmt::arg("view", n.view), fmt::arg("entity", n.entity), fmt::arg("values", n.values),
                       fmt::arg("key", n.key), fmt::arg("key_guard", key_change_guard(n.key)),
                       fmt::arg("next_time", time_after("newest")), fmt::arg("merge", merge_onto_locked(columns)),
                       fmt::arg("guards", guards(n)), fmt::arg("writes", writes));
}

// <table>_current_delete: end the entity and its current values (never before they began,
// whatever the clock does); the history stays.
std::string eav_delete_body(const eav_names& n) {
    return fmt::format(R"(DECLARE
    stamp timestamptz := clock_timestamp();
BEGIN
    UPDATE {entity} SET deleted_at = stamp WHERE {key} = OLD.{key} AND deleted_at IS NULL;
    IF NOT FOUND THEN
        RETURN NULL;
    END IF;
    UPDATE {values} SET valid_to = greatest(stamp, valid_from)
        WHERE {key} = OLD.{key} AND valid_to IS NULL;
    RETURN OLD;
END;)",
                       fmt::arg("entity", n.entity), fmt::arg("key", n.key), fmt::arg("values", n.values));
}

// A migration's data step for a renamed attribute: its rows keep their values and history.
namespace {
constexpr std::string_view values_of = "Values of: ";
}

namespace {
constexpr std::string_view required_are = "; required: ";

std::vector<std::string> names_in(std::string_view list) {
    std::vector<std::string> names;
    while (!list.empty()) {
        const std::size_t comma = list.find(", ");
        names.emplace_back(list.substr(0, comma));
        list = comma == std::string_view::npos ? std::string_view() : list.substr(comma + 2);
    }
    return names;
}
}  // namespace

std::string eav_value_column_comment(const eav_column_attributes& attributes) {
    std::string text = fmt::format("{}{}", values_of, fmt::join(attributes.held, ", "));
    if (!attributes.required.empty()) text += fmt::format("{}{}", required_are, fmt::join(attributes.required, ", "));
    return text;
}

eav_column_attributes eav_attributes_in_comment(std::string_view comment) {
    if (!comment.starts_with(values_of)) return {};
    std::string_view rest = comment.substr(values_of.size());
    const std::size_t required = rest.find(required_are);
    if (required == std::string_view::npos) return {names_in(rest), {}};
    return {names_in(rest.substr(0, required)), names_in(rest.substr(required + required_are.size()))};
}

std::string eav_rename_attribute(const catalog::qualified_name& values, const std::string& protect_trigger,
                                 const std::string& from, const std::string& to) {
    return fmt::format(R"(ALTER TABLE {values} DISABLE TRIGGER {trigger};
UPDATE {values} SET attribute = {to} WHERE attribute = {from};
ALTER TABLE {values} ENABLE TRIGGER {trigger};)",
                       fmt::arg("values", quote_qualified(values)), fmt::arg("trigger", quote_identifier(protect_trigger)),
                       fmt::arg("from", quote_literal(from)), fmt::arg("to", quote_literal(to)));
}

}  // namespace pgcraft::sql::templates
