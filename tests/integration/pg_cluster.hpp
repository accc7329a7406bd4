// The integration tests' harness: a throwaway PostgreSQL cluster that lives as
// long as the test process, and a small libpq connection.
//
// The cluster is initdb'd into a fresh temporary directory and listens on a
// Unix socket in that directory only (no TCP). initdb refuses to run as root,
// so as root the cluster belongs to the `postgres` user and every server
// command runs through `runuser -u postgres --`. The binaries come from
// $PGCRAFT_PG_BINDIR, else `pg_config --bindir`, else /usr/lib/postgresql/15/bin.
//
// The cluster is stopped and its directory removed by the destructor; should
// the test process die without running it (a crash, a signal, a timeout), a
// watchdog process does the same as soon as the test process is gone.
#pragma once

#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

struct pg_conn;

namespace pgcraft_it {

/// A failed statement as the server reported it.
struct sql_failure {
    std::string sqlstate;    ///< e.g. "23502"
    std::string message;     ///< the primary message
    std::string constraint;  ///< the constraint named by the error, if any
    std::string column;      ///< the column named by the error, if any
    std::string detail;
};

/// Thrown when a statement that should have worked did not.
class sql_error : public std::runtime_error {
public:
    sql_error(const std::string& statement, sql_failure failure);
    const sql_failure& failure() const noexcept { return failure_; }

private:
    sql_failure failure_;
};

/// A parameter of a statement: text, or SQL NULL.
using param = std::optional<std::string>;
/// A row: each value as text, or nullopt for NULL.
using row = std::vector<std::optional<std::string>>;

/// Rows as text, one per line, values separated by '|', NULL as NULL.
std::string show(const std::vector<row>& rows);

class connection {
public:
    explicit connection(const std::string& conninfo);
    ~connection();
    connection(connection&& other) noexcept;
    connection& operator=(connection&& other) noexcept;
    connection(const connection&) = delete;
    connection& operator=(const connection&) = delete;

    /// Runs one or more statements (simple query protocol); throws sql_error on failure.
    void exec(std::string_view sql);
    /// Runs the statements and returns how they failed, or nullopt if they worked.
    std::optional<sql_failure> failure_of(std::string_view sql);
    /// One statement with $1, $2, … parameters; how it failed, or nullopt.
    std::optional<sql_failure> failure_of(std::string_view sql, const std::vector<param>& params);

    /// One statement with $1, $2, … parameters; its rows, values as text.
    std::vector<row> query(std::string_view sql, const std::vector<param>& params = {});
    /// The single value of a query that returns one row of one column.
    std::optional<std::string> value(std::string_view sql, const std::vector<param>& params = {});
    /// Like value(), for a value that must not be NULL.
    std::string text(std::string_view sql, const std::vector<param>& params = {});

    /// NOTICEs and WARNINGs the server sent since the last call.
    std::vector<std::string> take_notices();

    /// The libpq connection string it was made with (for pgcraft::live, which connects itself).
    const std::string& conninfo() const noexcept { return conninfo_; }

private:
    pg_conn* conn_ = nullptr;
    std::string conninfo_;
    std::unique_ptr<std::vector<std::string>> notices_;  // a stable address for the notice callback
};

class pg_cluster {
public:
    /// Creates and starts the cluster, or throws with initdb's or the server's log.
    pg_cluster();
    ~pg_cluster();
    pg_cluster(const pg_cluster&) = delete;
    pg_cluster& operator=(const pg_cluster&) = delete;

    /// libpq connection string for a database of this cluster.
    std::string conninfo(std::string_view dbname) const;
    /// The directory that holds the data directory, the socket and the logs.
    const std::string& directory() const noexcept { return directory_; }
    /// Where the server binaries are, and the client tools of the same version (pg_dump, psql).
    const std::string& bindir() const noexcept { return bindir_; }
    /// The server log so far.
    std::string server_log() const;

private:
    void stop() noexcept;

    std::string bindir_;
    std::string directory_;
    std::string data_directory_;
    bool as_postgres_user_ = false;
    bool started_ = false;
    int watchdog_pipe_ = -1;  ///< write end; the watchdog holds the read end
};

/// The test process's cluster, started on first use and stopped at exit. If it
/// could not be started, every call throws the reason.
pg_cluster& cluster();

/// A connection to a new, empty database of the shared cluster.
connection fresh_database();

}  // namespace pgcraft_it
