// Append-only history's SQL: the views' queries and the bodies of the
// functions that write through t_current. Each is one template; the
// placeholders are the names the kind passes.
#include "../templates.hpp"

#include <fmt/format.h>

namespace pgcraft::sql::templates {

namespace {
// ", a, b" with each item behind `prefix`: the member columns after the key.
std::string after_key(const std::vector<std::string>& items, const std::string& prefix = {},
                      const std::string& separator = ", ") {
    std::string text;
    for (const std::string& item : items) text += separator + prefix + item;
    return text;
}

std::string listed(const std::vector<std::string>& items, const std::string& prefix = {}) {
    std::vector<std::string> prefixed;
    for (const std::string& item : items) prefixed.push_back(prefix + item);
    return fmt::format("{}", fmt::join(prefixed, ", "));
}
}  // namespace

// <table>_current
std::string append_only_current_query(const append_only_names& n) {
    return fmt::format(R"(SELECT {key}{members},
       created_at,
       updated_at
FROM {entity}
WHERE deleted_at IS NULL)",
                       fmt::arg("key", n.key), fmt::arg("members", after_key(n.stored, {}, ",\n       ")),
                       fmt::arg("entity", n.entity));
}

// <table>_history: earlier versions, then the current one of each entity (ended if deleted).
std::string append_only_history_query(const append_only_names& n) {
    return fmt::format(R"(SELECT {key}{members},
       valid_from,
       valid_to
FROM {versions}
UNION ALL
SELECT {key}{members},
       updated_at,
       deleted_at
FROM {entity})",
                       fmt::arg("key", n.key), fmt::arg("members", after_key(n.stored, {}, ",\n       ")),
                       fmt::arg("versions", n.versions), fmt::arg("entity", n.entity));
}

std::string append_only_as_of_returns(const append_only_names& n) { return fmt::format("SETOF {}", n.history); }

// <table>_as_of(at)
std::string append_only_as_of_body(const append_only_names& n) {
    return fmt::format(R"(SELECT h.*
FROM {history} AS h
WHERE h.valid_from <= at AND (h.valid_to IS NULL OR h.valid_to > at);)",
                       fmt::arg("history", n.history));
}

// <table>_current_insert: the entity with its first version; NEW carries what was stored.
std::string append_only_insert_body(const append_only_names& n) {
    const std::string values = n.written.empty() ? " DEFAULT VALUES"
                                                 : fmt::format(" ({})\n        VALUES ({})", listed(n.written),
                                                               listed(n.written, "NEW."));
    return fmt::format(R"(BEGIN
    INSERT INTO {entity}{values}
        RETURNING {key}{stored}, created_at, updated_at
        INTO NEW.{key}{new_stored}, NEW.created_at, NEW.updated_at;
    RETURN NEW;
END;)",
                       fmt::arg("entity", n.entity), fmt::arg("values", values), fmt::arg("key", n.key),
                       fmt::arg("stored", after_key(n.stored)), fmt::arg("new_stored", after_key(n.stored, "NEW.")));
}

// <table>_current_update: lock the entity, apply this statement's changes onto what it holds
// now (so that two concurrent updates of different columns both survive),
// and only if that changes something, keep the replaced version.
std::string append_only_update_body(const append_only_names& n) {
    const std::string unchanged =
        n.written.empty() ? "true"
                          : fmt::format("({}) IS NOT DISTINCT FROM ({})", listed(n.written, "NEW."),
                                        listed(n.written, "latest."));
    std::string keep_generated;
    for (const std::string& c : n.generated) keep_generated += fmt::format("        NEW.{0} := latest.{0};\n", c);
    std::string set;
    for (const std::string& c : n.written) set += fmt::format("{0} = NEW.{0}, ", c);
    const std::string returning =
        n.stored.empty() ? ""
                         : fmt::format("\n        RETURNING {}\n        INTO {}", listed(n.stored), listed(n.stored, "NEW."));
    return fmt::format(R"(DECLARE
    stamp timestamptz;
    latest {entity}%ROWTYPE;
BEGIN
{key_guard}    SELECT * INTO latest FROM {entity} WHERE {key} = OLD.{key} AND deleted_at IS NULL FOR UPDATE;
    IF NOT FOUND THEN
        RETURN NULL;  -- deleted meanwhile
    END IF;
{merge}    NEW.created_at := latest.created_at;
    IF {unchanged} THEN
{keep_generated}        NEW.updated_at := latest.updated_at;
        RETURN NEW;  -- nothing changed: nothing is written
    END IF;
    -- Versions follow each other even if the clock steps back.
    stamp := {next_time};
    INSERT INTO {versions} ({key}{stored}, valid_from, valid_to)
        VALUES (latest.{key}{latest_stored}, latest.updated_at, stamp);
    UPDATE {entity} SET {set}updated_at = stamp
        WHERE {key} = OLD.{key}{returning};
    NEW.updated_at := stamp;
    RETURN NEW;
END;)",
                       fmt::arg("entity", n.entity), fmt::arg("versions", n.versions), fmt::arg("key", n.key),
                       fmt::arg("key_guard", key_change_guard(n.key)), fmt::arg("merge", merge_onto_locked(n.written)),
                       fmt::arg("unchanged", unchanged), fmt::arg("keep_generated", keep_generated),
                       fmt::arg("next_time", time_after("latest.updated_at")), fmt::arg("stored", after_key(n.stored)),
                       fmt::arg("latest_stored", after_key(n.stored, "latest.")), fmt::arg("set", set),
                       fmt::arg("returning", returning));
}

// <table>_current_delete: the entity ends; its current version stays in it, ended.
std::string append_only_delete_body(const append_only_names& n) {
    return fmt::format(R"(BEGIN
    UPDATE {entity} SET deleted_at = {end_time}
        WHERE {key} = OLD.{key} AND deleted_at IS NULL;
    IF NOT FOUND THEN
        RETURN NULL;
    END IF;
    RETURN OLD;
END;)",
                       fmt::arg("entity", n.entity), fmt::arg("key", n.key), fmt::arg("end_time", time_after("updated_at")));
}

}  // namespace pgcraft::sql::templates
