// The fragments both history kinds use, written once.
#include "../templates.hpp"

#include <fmt/format.h>

#include <pgcraft/sql/render.hpp>

namespace pgcraft::sql::templates {

std::string time_after(const std::string& previous) {
    return fmt::format("greatest(clock_timestamp(), {} + interval '1 microsecond')", previous);
}

std::string key_change_guard(const std::string& key) {
    return fmt::format(R"(    IF NEW.{key} IS DISTINCT FROM OLD.{key} THEN
        RAISE EXCEPTION 'pgcraft: the key of %.% cannot change', TG_TABLE_SCHEMA, TG_TABLE_NAME
            USING ERRCODE = 'feature_not_supported';
    END IF;
)",
                       fmt::arg("key", key));
}

std::string merge_onto_locked(const std::vector<std::string>& columns) {
    std::string text;
    for (const std::string& c : columns)
        text += fmt::format("    NEW.{c} := CASE WHEN NEW.{c} IS DISTINCT FROM OLD.{c} THEN NEW.{c} ELSE latest.{c} END;\n",
                            fmt::arg("c", c));
    return text;
}

// pgcraft_forbid_direct_write()
std::string forbid_direct_write_body() {
    return R"(BEGIN
    RAISE EXCEPTION 'pgcraft: %.% is written only through its dimension''s views', TG_TABLE_SCHEMA, TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege',
              HINT = 'Write to the dimension''s _current view instead.';
END;)";
}

// WHEN is evaluated before the trigger's own call raises the depth, so a
// statement from a client sees 0 and one from a view's trigger sees 1.
std::string direct_write_condition() { return "pg_trigger_depth() = 0"; }

std::string write_comment(catalog::trigger_event event, const std::string& view) {
    return fmt::format("{} through {}", keyword(event), view);
}

}  // namespace pgcraft::sql::templates
