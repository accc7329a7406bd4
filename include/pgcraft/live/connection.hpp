// A connection to a live database, through libpq: a URL or key=value string,
// with libpq's own conventions for what it leaves out (PG* environment
// variables, ~/.pgpass). No message of ours ever shows the connection
// string, which may hold a password.
#pragma once

#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

struct pg_conn;

namespace pgcraft::live {

/// What the server or libpq said, with the SQLSTATE when the server gave one.
class error : public std::runtime_error {
public:
    explicit error(const std::string& message, std::string sqlstate = {})
        : std::runtime_error(message), sqlstate_(std::move(sqlstate)) {}
    const std::string& sqlstate() const noexcept { return sqlstate_; }

private:
    std::string sqlstate_;
};

using row = std::vector<std::optional<std::string>>;

class connection {
public:
    /// Connects; throws error naming the server and database, never the password.
    explicit connection(const std::string& conninfo);
    /// The same server as `other`, another database.
    connection(const std::string& conninfo, const std::string& database);
    ~connection();
    connection(connection&& other) noexcept;
    connection& operator=(connection&& other) noexcept;
    connection(const connection&) = delete;
    connection& operator=(const connection&) = delete;

    /// Runs one or more statements; throws error.
    void exec(std::string_view sql);
    /// One statement with $1, $2, … text parameters; its rows, values as text (NULL: nullopt).
    std::vector<row> query(std::string_view sql, const std::vector<std::string>& params = {});
    /// "database on host:port", for messages.
    std::string where() const;

private:
    pg_conn* conn_ = nullptr;
};

}  // namespace pgcraft::live
