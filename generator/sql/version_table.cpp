// pgcraft.migrations, the version table of `migrate apply`.
#include <pgcraft/sql/version_table.hpp>

namespace pgcraft::sql::version_table {

std::string_view create() {
    return R"(CREATE SCHEMA IF NOT EXISTS pgcraft;
CREATE TABLE IF NOT EXISTS pgcraft.migrations (
    version    integer     PRIMARY KEY,
    name       text        NOT NULL,
    checksum   text        NOT NULL,
    steps      integer     NOT NULL,
    steps_done integer     NOT NULL,
    direction  text        NOT NULL DEFAULT 'up' CHECK (direction IN ('up', 'down')),
    started_at timestamptz NOT NULL DEFAULT clock_timestamp(),
    applied_at timestamptz,
    duration   interval
);
COMMENT ON TABLE pgcraft.migrations IS 'The migrations pgcraft applied here; steps_done < steps: one that did not finish (rerun migrate apply to go on)';
)";
}

std::string_view try_lock() { return "SELECT pg_catalog.pg_try_advisory_lock($1::bigint)"; }

std::string_view exists() { return "SELECT pg_catalog.to_regclass('pgcraft.migrations') IS NOT NULL"; }

std::string_view select_all() {
    return "SELECT version, name, checksum, steps, steps_done, direction, "
           "to_char(applied_at, 'YYYY-MM-DD HH24:MI:SS TZ'), duration::text "
           "FROM pgcraft.migrations ORDER BY version";
}

std::string_view insert_started() {
    return "INSERT INTO pgcraft.migrations (version, name, checksum, steps, steps_done) VALUES ($1::integer, $2, $3, "
           "$4::integer, 0)";
}

std::string_view record_steps() {
    return "UPDATE pgcraft.migrations SET steps_done = $2::integer, "
           "applied_at = CASE WHEN $3::boolean THEN clock_timestamp() END, "
           "duration = CASE WHEN $3::boolean THEN clock_timestamp() - started_at END "
           "WHERE version = $1::integer";
}

std::string_view record_reverting() {
    return "UPDATE pgcraft.migrations SET direction = 'down', steps = $2::integer, steps_done = $3::integer, "
           "applied_at = NULL WHERE version = $1::integer";
}

std::string_view remove() { return "DELETE FROM pgcraft.migrations WHERE version = $1::integer"; }

std::string_view insert_applied() {
    return "INSERT INTO pgcraft.migrations (version, name, checksum, steps, steps_done, applied_at, duration) "
           "VALUES ($1::integer, $2, $3, $4::integer, $4::integer, clock_timestamp(), interval '0')";
}

}  // namespace pgcraft::sql::version_table
