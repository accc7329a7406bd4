// The session's own statements (see session.hpp).
#include <pgcraft/sql/session.hpp>

#include <pgcraft/sql/quote.hpp>

namespace pgcraft::sql::session {

std::string_view begin() { return "BEGIN"; }
std::string_view commit() { return "COMMIT"; }
std::string_view rollback() { return "ROLLBACK"; }
std::string_view reset_timeouts() { return "RESET lock_timeout; RESET statement_timeout"; }
std::string_view skip_function_body_checks() { return "SET LOCAL check_function_bodies = off"; }
std::string_view default_search_path() { return "SET LOCAL search_path TO DEFAULT"; }
std::string_view empty_search_path() { return "SELECT pg_catalog.set_config('search_path', '', true)"; }
std::string_view default_session_search_path() { return "SET search_path TO DEFAULT"; }
std::string_view empty_session_search_path() { return "SELECT pg_catalog.set_config('search_path', '', false)"; }
std::string_view server_version() { return "SELECT pg_catalog.version()"; }

std::string render_create_database(std::string_view name) {
    return "CREATE DATABASE " + quote_identifier(name) + " TEMPLATE template0";
}

std::string render_drop_database(std::string_view name) {
    return "DROP DATABASE IF EXISTS " + quote_identifier(name) + " WITH (FORCE)";
}

}  // namespace pgcraft::sql::session
