// libpq, wrapped: every failure becomes live::error with the server's message.
#include <pgcraft/live/connection.hpp>

#include <pgcraft/sql/session.hpp>

#include <memory>
#include <utility>

#include <fmt/format.h>
#include <libpq-fe.h>

namespace pgcraft::live {

namespace {
struct result_deleter {
    void operator()(PGresult* r) const noexcept { PQclear(r); }
};
using result = std::unique_ptr<PGresult, result_deleter>;

std::string trimmed(const char* message) {
    std::string text = message ? message : "";
    while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
    return text;
}

// Fails unless the result is one of the successful statuses.
result checked(PGconn* conn, PGresult* raw) {
    result r(raw);
    const ExecStatusType status = r ? PQresultStatus(r.get()) : PGRES_FATAL_ERROR;
    if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK || status == PGRES_EMPTY_QUERY) return r;
    const char* state = r ? PQresultErrorField(r.get(), PG_DIAG_SQLSTATE) : nullptr;
    throw error(trimmed(r ? PQresultErrorMessage(r.get()) : PQerrorMessage(conn)), state ? state : "");
}

PGconn* open(const char* const* keywords, const char* const* values) {
    PGconn* conn = PQconnectdbParams(keywords, values, 1);
    if (!conn) throw error("cannot connect: out of memory");
    if (PQstatus(conn) != CONNECTION_OK) {
        // libpq's message names the server and the user, not the password.
        const std::string message = trimmed(PQerrorMessage(conn));
        PQfinish(conn);
        throw error("cannot connect to the database: " + message);
    }
    // Our queries name pg_catalog's objects unqualified: no search_path of the role may redirect them.
    PQclear(PQexec(conn, std::string(sql::session::empty_session_search_path()).c_str()));
    return conn;
}
}  // namespace

connection::connection(const std::string& conninfo) {
    const char* keywords[] = {"dbname", "fallback_application_name", nullptr};
    const char* values[] = {conninfo.c_str(), "pgcraft", nullptr};
    conn_ = open(keywords, values);
}

connection::connection(const std::string& conninfo, const std::string& database) {
    // The first dbname is expanded as a connection string; the second overrides its database.
    const char* keywords[] = {"dbname", "dbname", "fallback_application_name", nullptr};
    const char* values[] = {conninfo.c_str(), database.c_str(), "pgcraft", nullptr};
    conn_ = open(keywords, values);
}

connection::~connection() {
    if (conn_) PQfinish(conn_);
}

connection::connection(connection&& other) noexcept : conn_(std::exchange(other.conn_, nullptr)) {}

connection& connection::operator=(connection&& other) noexcept {
    if (this != &other) {
        if (conn_) PQfinish(conn_);
        conn_ = std::exchange(other.conn_, nullptr);
    }
    return *this;
}

void connection::exec(std::string_view sql) { checked(conn_, PQexec(conn_, std::string(sql).c_str())); }

std::vector<row> connection::query(std::string_view sql, const std::vector<std::string>& params) {
    std::vector<const char*> values;
    for (const std::string& p : params) values.push_back(p.c_str());
    const result r = checked(conn_, PQexecParams(conn_, std::string(sql).c_str(), static_cast<int>(values.size()),
                                                 nullptr, values.data(), nullptr, nullptr, 0));
    std::vector<row> rows;
    const int columns = PQnfields(r.get());
    for (int i = 0; i < PQntuples(r.get()); ++i) {
        row& values_of_row = rows.emplace_back();
        for (int j = 0; j < columns; ++j)
            values_of_row.push_back(PQgetisnull(r.get(), i, j) ? std::nullopt
                                                               : std::optional<std::string>(PQgetvalue(r.get(), i, j)));
    }
    return rows;
}

std::string connection::where() const {
    const char* host = PQhost(conn_);
    const std::string at = host && host[0] == '/' ? fmt::format("socket {}", host) : (host ? host : "");
    return fmt::format("database {} on {}:{}", PQdb(conn_), at, PQport(conn_));
}

}  // namespace pgcraft::live
