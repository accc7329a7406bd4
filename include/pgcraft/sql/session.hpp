// The statements a client of a live database sends around the schema's
// own: transaction control, resetting the timeouts a step set, the scratch
// database of the drift check and the server's version. Part of the
// rendering layer, so that no SQL text is spelled elsewhere.
#pragma once

#include <string>
#include <string_view>

namespace pgcraft::sql::session {

std::string_view begin();
std::string_view commit();
std::string_view rollback();

/// Back to the session's defaults after a step outside a transaction set them (render_timeouts).
std::string_view reset_timeouts();

/// For one transaction: bodies are kept as written, not checked (a scratch
/// build reads them back; checking them is most of its time).
std::string_view skip_function_body_checks();

/// The server's version() text.
std::string_view server_version();

/// CREATE DATABASE … TEMPLATE template0, empty of everything but the server's own.
std::string render_create_database(std::string_view name);
/// DROP DATABASE IF EXISTS … WITH (FORCE).
std::string render_drop_database(std::string_view name);

}  // namespace pgcraft::sql::session
