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

/// For the rest of the transaction: the session's default search_path, as
/// psql or a runner would have (an extension without a schema goes in its
/// first schema; pgcraft's own statements name every schema).
std::string_view default_search_path();
/// For the rest of the transaction: an empty search_path, the one pgcraft's
/// connections read the catalogs with (nothing unqualified resolves).
std::string_view empty_search_path();
/// The same two for the session: around a step that runs outside a
/// transaction, and when a connection is made.
std::string_view default_session_search_path();
std::string_view empty_session_search_path();

/// The server's version() text.
std::string_view server_version();

/// CREATE DATABASE … TEMPLATE template0, empty of everything but the server's own.
std::string render_create_database(std::string_view name);
/// DROP DATABASE IF EXISTS … WITH (FORCE).
std::string render_drop_database(std::string_view name);

}  // namespace pgcraft::sql::session
