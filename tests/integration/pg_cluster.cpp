#include "pg_cluster.hpp"

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <system_error>
#include <thread>
#include <utility>

#include <fcntl.h>
#include <libpq-fe.h>
#include <pwd.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

namespace pgcraft_it {

namespace {

namespace fs = std::filesystem;

constexpr const char* socket_port = "5432";  // names the socket file only: no TCP

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return "(no " + path + ")";
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

bool is_executable(const std::string& path) { return ::access(path.c_str(), X_OK) == 0; }

bool has_server_binaries(const std::string& bindir) {
    return !bindir.empty() && is_executable(bindir + "/initdb") && is_executable(bindir + "/pg_ctl") &&
           is_executable(bindir + "/postgres");
}

std::string pg_config_bindir() {
    FILE* pipe = ::popen("pg_config --bindir 2>/dev/null", "r");
    if (pipe == nullptr) return {};
    std::string out;
    char buffer[512];
    while (std::fgets(buffer, sizeof buffer, pipe) != nullptr) out += buffer;
    ::pclose(pipe);
    while (!out.empty() && (out.back() == '\n' || out.back() == '\r' || out.back() == ' ')) out.pop_back();
    return out;
}

std::string find_bindir() {
    if (const char* env = std::getenv("PGCRAFT_PG_BINDIR"); env != nullptr && *env != '\0') {
        if (!has_server_binaries(env))
            throw std::runtime_error(std::string("PGCRAFT_PG_BINDIR=") + env +
                                     " has no initdb, pg_ctl and postgres executables");
        return env;
    }
    std::string tried;
    if (std::string bindir = pg_config_bindir(); !bindir.empty()) {
        if (has_server_binaries(bindir)) return bindir;
        tried += bindir + " (from pg_config --bindir), ";
    }
    const std::string fallback = "/usr/lib/postgresql/15/bin";
    if (has_server_binaries(fallback)) return fallback;
    tried += fallback;
    throw std::runtime_error("no PostgreSQL server binaries (initdb, pg_ctl, postgres) in " + tried +
                             "; install PostgreSQL 15 or set PGCRAFT_PG_BINDIR");
}

// Only plain path characters: the directory goes into a shell command line
// (pg_ctl's -o) and a Unix socket path of at most 107 bytes.
bool usable_temp_base(const std::string& base) {
    if (base.empty() || base.size() > 60 || base[0] != '/') return false;
    for (char c : base)
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '/' || c == '_' ||
              c == '-' || c == '.'))
            return false;
    return true;
}

std::string make_temp_directory(bool as_root) {
    std::string base = "/tmp";
    // As root the directory must be reachable by the postgres user; /tmp is.
    if (const char* env = std::getenv("TMPDIR"); !as_root && env != nullptr && usable_temp_base(env)) base = env;
    while (base.size() > 1 && base.back() == '/') base.pop_back();
    std::string pattern = base + "/pgcraft-it-XXXXXX";
    if (::mkdtemp(pattern.data()) == nullptr)
        throw std::runtime_error("mkdtemp(" + pattern + "): " + std::strerror(errno));
    return pattern;
}

std::string runuser_path() {
    for (const char* candidate : {"/usr/sbin/runuser", "/sbin/runuser", "/usr/bin/runuser", "/bin/runuser"})
        if (is_executable(candidate)) return candidate;
    throw std::runtime_error("running as root, but no runuser to run the server as the postgres user");
}

std::string describe_status(int status) {
    if (WIFEXITED(status)) return "exit code " + std::to_string(WEXITSTATUS(status));
    if (WIFSIGNALED(status)) return std::string("signal ") + strsignal(WTERMSIG(status));
    return "status " + std::to_string(status);
}

std::string join(const std::vector<std::string>& argv) {
    std::string text;
    for (const std::string& a : argv) text += (text.empty() ? "" : " ") + a;
    return text;
}

// Runs argv[0] (a path) with the given working directory, stdin from
// /dev/null and stdout and stderr appended to `log`. Returns the wait status.
int run(const std::vector<std::string>& argv, const std::string& cwd, const std::string& log) {
    std::vector<char*> args;
    for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    const int out = ::open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    const int in = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
    if (out < 0 || in < 0) throw std::runtime_error("cannot open " + log + ": " + std::strerror(errno));
    const pid_t pid = ::fork();
    if (pid < 0) throw std::runtime_error(std::string("fork: ") + std::strerror(errno));
    if (pid == 0) {
        if (::chdir(cwd.c_str()) != 0 || ::dup2(in, 0) < 0 || ::dup2(out, 1) < 0 || ::dup2(out, 2) < 0) ::_exit(126);
        ::execv(args[0], args.data());
        ::_exit(127);
    }
    ::close(out);
    ::close(in);
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0) {
        if (errno != EINTR) throw std::runtime_error(std::string("waitpid: ") + std::strerror(errno));
    }
    return status;
}

bool succeeded(int status) { return WIFEXITED(status) && WEXITSTATUS(status) == 0; }

std::string quote_conninfo_value(std::string_view value) {
    std::string quoted = "'";
    for (char c : value) {
        if (c == '\'' || c == '\\') quoted += '\\';
        quoted += c;
    }
    return quoted + "'";
}

sql_failure failure_from(const PGresult* result, const pg_conn* conn) {
    sql_failure f;
    auto field = [&](int code) {
        const char* v = result != nullptr ? PQresultErrorField(result, code) : nullptr;
        return std::string(v != nullptr ? v : "");
    };
    f.sqlstate = field(PG_DIAG_SQLSTATE);
    f.message = field(PG_DIAG_MESSAGE_PRIMARY);
    f.constraint = field(PG_DIAG_CONSTRAINT_NAME);
    f.column = field(PG_DIAG_COLUMN_NAME);
    f.detail = field(PG_DIAG_MESSAGE_DETAIL);
    if (f.message.empty()) f.message = PQerrorMessage(conn);
    return f;
}

bool worked(const PGresult* result) {
    if (result == nullptr) return false;
    const ExecStatusType s = PQresultStatus(result);
    return s == PGRES_COMMAND_OK || s == PGRES_TUPLES_OK || s == PGRES_EMPTY_QUERY;
}

struct result_deleter {
    void operator()(PGresult* r) const noexcept { PQclear(r); }
};
using result_ptr = std::unique_ptr<PGresult, result_deleter>;

result_ptr exec_params(pg_conn* conn, std::string_view sql, const std::vector<param>& params) {
    std::vector<const char*> values;
    values.reserve(params.size());
    for (const param& p : params) values.push_back(p ? p->c_str() : nullptr);
    return result_ptr(PQexecParams(conn, std::string(sql).c_str(), static_cast<int>(params.size()), nullptr,
                                   values.data(), nullptr, nullptr, 0));
}

void collect_notice(void* arg, const char* message) {
    auto* notices = static_cast<std::vector<std::string>*>(arg);
    std::string text = message;
    while (!text.empty() && text.back() == '\n') text.pop_back();
    notices->push_back(std::move(text));
}

}  // namespace

// ---------------------------------------------------------------- sql_error

sql_error::sql_error(const std::string& statement, sql_failure failure)
    : std::runtime_error("SQLSTATE " + failure.sqlstate + ": " + failure.message +
                         (failure.detail.empty() ? "" : " (" + failure.detail + ")") + "\n--- statement:\n" +
                         statement),
      failure_(std::move(failure)) {}

std::string show(const std::vector<row>& rows) {
    std::string text;
    for (const row& r : rows) {
        if (!text.empty()) text += '\n';
        for (std::size_t i = 0; i < r.size(); ++i) text += (i > 0 ? "|" : "") + r[i].value_or("NULL");
    }
    return text;
}

// ---------------------------------------------------------------- connection

connection::connection(const std::string& conninfo)
    : conninfo_(conninfo), notices_(std::make_unique<std::vector<std::string>>()) {
    conn_ = PQconnectdb(conninfo.c_str());
    if (conn_ == nullptr || PQstatus(conn_) != CONNECTION_OK) {
        const std::string message = conn_ != nullptr ? PQerrorMessage(conn_) : "out of memory";
        PQfinish(conn_);
        conn_ = nullptr;
        throw std::runtime_error("cannot connect with \"" + conninfo + "\": " + message);
    }
    PQsetNoticeProcessor(conn_, &collect_notice, notices_.get());
}

connection::~connection() {
    if (conn_ != nullptr) PQfinish(conn_);
}

connection::connection(connection&& other) noexcept
    : conn_(std::exchange(other.conn_, nullptr)),
      conninfo_(std::move(other.conninfo_)),
      notices_(std::move(other.notices_)) {}

connection& connection::operator=(connection&& other) noexcept {
    if (this != &other) {
        if (conn_ != nullptr) PQfinish(conn_);
        conn_ = std::exchange(other.conn_, nullptr);
        conninfo_ = std::move(other.conninfo_);
        notices_ = std::move(other.notices_);
    }
    return *this;
}

void connection::exec(std::string_view sql) {
    if (auto failure = failure_of(sql)) throw sql_error(std::string(sql), std::move(*failure));
}

std::optional<sql_failure> connection::failure_of(std::string_view sql) {
    const result_ptr result(PQexec(conn_, std::string(sql).c_str()));
    if (worked(result.get())) return std::nullopt;
    return failure_from(result.get(), conn_);
}

std::optional<sql_failure> connection::failure_of(std::string_view sql, const std::vector<param>& params) {
    const result_ptr result = exec_params(conn_, sql, params);
    if (worked(result.get())) return std::nullopt;
    return failure_from(result.get(), conn_);
}

std::vector<row> connection::query(std::string_view sql, const std::vector<param>& params) {
    const result_ptr result = exec_params(conn_, sql, params);
    if (!worked(result.get())) throw sql_error(std::string(sql), failure_from(result.get(), conn_));
    std::vector<row> rows;
    const int n_rows = PQntuples(result.get());
    const int n_columns = PQnfields(result.get());
    rows.reserve(static_cast<std::size_t>(n_rows));
    for (int r = 0; r < n_rows; ++r) {
        row values;
        values.reserve(static_cast<std::size_t>(n_columns));
        for (int c = 0; c < n_columns; ++c) {
            if (PQgetisnull(result.get(), r, c) != 0) values.emplace_back(std::nullopt);
            else values.emplace_back(std::string(PQgetvalue(result.get(), r, c),
                                                 static_cast<std::size_t>(PQgetlength(result.get(), r, c))));
        }
        rows.push_back(std::move(values));
    }
    return rows;
}

std::optional<std::string> connection::value(std::string_view sql, const std::vector<param>& params) {
    const std::vector<row> rows = query(sql, params);
    if (rows.size() != 1 || rows[0].size() != 1)
        throw std::runtime_error("expected one row of one column, got " + std::to_string(rows.size()) +
                                 " rows from: " + std::string(sql));
    return rows[0][0];
}

std::string connection::text(std::string_view sql, const std::vector<param>& params) {
    std::optional<std::string> v = value(sql, params);
    if (!v) throw std::runtime_error("expected a value, got NULL from: " + std::string(sql));
    return *v;
}

std::vector<std::string> connection::take_notices() { return std::exchange(*notices_, {}); }

// ---------------------------------------------------------------- pg_cluster

pg_cluster::pg_cluster() {
    bindir_ = find_bindir();
    as_postgres_user_ = ::geteuid() == 0;
    std::vector<std::string> as_user;
    if (as_postgres_user_) as_user = {runuser_path(), "-u", "postgres", "--"};

    directory_ = make_temp_directory(as_postgres_user_);
    data_directory_ = directory_ + "/data";
    const std::string tool_log = directory_ + "/tools.log";
    const std::string server_log_path = directory_ + "/server.log";

    if (as_postgres_user_) {
        const passwd* pw = ::getpwnam("postgres");
        if (pw == nullptr || ::chown(directory_.c_str(), pw->pw_uid, pw->pw_gid) != 0) {
            const std::string why = "running as root, the cluster must belong to the postgres user, but " +
                                    directory_ + " could not be given to it: " +
                                    (pw == nullptr ? "there is no postgres user" : std::strerror(errno));
            stop();
            throw std::runtime_error(why);
        }
    }

    std::vector<std::string> stop_now = as_user;
    for (const std::string& a : {bindir_ + "/pg_ctl", std::string("stop"), std::string("-D"), data_directory_,
                                 std::string("-m"), std::string("immediate"), std::string("-w")})
        stop_now.push_back(a);

    // The watchdog: a grandchild (so that it is nobody's child to kill with
    // the test process) that waits for the test process to go. A byte on the
    // pipe means the destructor cleaned up; end of file without one means
    // the test process died, and the watchdog stops the server and removes
    // the directory itself.
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0) {
        const std::string why = std::strerror(errno);
        stop();
        throw std::runtime_error("pipe2: " + why);
    }
    const pid_t child = ::fork();
    if (child < 0) {
        const std::string why = std::strerror(errno);
        ::close(fds[0]);
        ::close(fds[1]);
        stop();
        throw std::runtime_error("fork: " + why);
    }
    if (child == 0) {
        ::close(fds[1]);
        if (::fork() != 0) ::_exit(0);
        ::setsid();
        ::signal(SIGINT, SIG_IGN);
        ::signal(SIGTERM, SIG_IGN);
        ::signal(SIGHUP, SIG_IGN);
        const int devnull = ::open("/dev/null", O_RDWR);
        ::dup2(devnull, 0);
        ::dup2(devnull, 1);
        ::dup2(devnull, 2);
        for (int fd = 3; fd < 1024; ++fd)
            if (fd != fds[0]) ::close(fd);
        char byte = 0;
        ssize_t n = 0;
        do n = ::read(fds[0], &byte, 1);
        while (n < 0 && errno == EINTR);
        if (n != 1) {
            try {
                if (fs::exists(data_directory_ + "/postmaster.pid")) run(stop_now, "/", "/dev/null");
            } catch (...) {
            }
            std::error_code ignored;
            fs::remove_all(directory_, ignored);
        }
        ::_exit(0);
    }
    ::close(fds[0]);
    watchdog_pipe_ = fds[1];
    int status = 0;
    while (::waitpid(child, &status, 0) < 0 && errno == EINTR) {
    }

    auto fail = [&](const std::string& what, const std::string& log_text) {
        std::string message = "could not start a throwaway PostgreSQL cluster: " + what + "\n--- " + tool_log +
                              ":\n" + read_file(tool_log);
        if (!log_text.empty()) message += "\n--- " + server_log_path + ":\n" + log_text;
        stop();
        throw std::runtime_error(message);
    };

    std::vector<std::string> initdb = as_user;
    for (const std::string& a :
         {bindir_ + "/initdb", std::string("-D"), data_directory_, std::string("-A"), std::string("trust"),
          std::string("-U"), std::string("postgres"), std::string("--no-sync"), std::string("-E"),
          std::string("UTF8"), std::string("--locale=C"), std::string("--no-instructions")})
        initdb.push_back(a);
    if (const int s = run(initdb, directory_, tool_log); !succeeded(s))
        fail(join(initdb) + " failed with " + describe_status(s), {});

    std::vector<std::string> start = as_user;
    for (const std::string& a : {bindir_ + "/pg_ctl", std::string("start"), std::string("-D"), data_directory_,
                                 std::string("-l"), server_log_path, std::string("-w"), std::string("-t"),
                                 std::string("60"), std::string("-o"),
                                 "-k '" + directory_ + "' -p " + socket_port +
                                     " -c listen_addresses='' -c fsync=off -c full_page_writes=off"})
        start.push_back(a);
    started_ = true;  // from here on, stop() has a server to stop if there is one
    if (const int s = run(start, directory_, tool_log); !succeeded(s))
        fail(join(start) + " failed with " + describe_status(s), read_file(server_log_path));

    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (PQping(conninfo("postgres").c_str()) != PQPING_OK) {
        if (std::chrono::steady_clock::now() > deadline)
            fail("the server did not accept connections on " + directory_ + " within 30 s",
                 read_file(server_log_path));
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
}

pg_cluster::~pg_cluster() { stop(); }

void pg_cluster::stop() noexcept {
    try {
        if (started_) {
            std::vector<std::string> as_user;
            if (as_postgres_user_) as_user = {runuser_path(), "-u", "postgres", "--"};
            const std::string log = directory_ + "/tools.log";
            auto pg_ctl_stop = [&](const char* mode) {
                std::vector<std::string> argv = as_user;
                for (const std::string& a : {bindir_ + "/pg_ctl", std::string("stop"), std::string("-D"),
                                             data_directory_, std::string("-m"), std::string(mode),
                                             std::string("-w"), std::string("-t"), std::string("60")})
                    argv.push_back(a);
                return succeeded(run(argv, directory_, log));
            };
            if (fs::exists(data_directory_ + "/postmaster.pid") && !pg_ctl_stop("fast")) pg_ctl_stop("immediate");
            started_ = false;
        }
    } catch (...) {
        // Nothing more to do here; the directory goes regardless.
    }
    if (!directory_.empty()) {
        std::error_code ignored;
        fs::remove_all(directory_, ignored);
        directory_.clear();
    }
    if (watchdog_pipe_ >= 0) {
        const char done = 1;
        [[maybe_unused]] const ssize_t n = ::write(watchdog_pipe_, &done, 1);
        ::close(watchdog_pipe_);
        watchdog_pipe_ = -1;
    }
}

std::string pg_cluster::conninfo(std::string_view dbname) const {
    return "host=" + quote_conninfo_value(directory_) + " port=" + socket_port +
           " user=postgres connect_timeout=10 application_name=pgcraft-integration dbname=" +
           quote_conninfo_value(dbname);
}

std::string pg_cluster::server_log() const { return read_file(directory_ + "/server.log"); }

// ---------------------------------------------------------------- shared cluster

pg_cluster& cluster() {
    static std::unique_ptr<pg_cluster> shared;
    static std::string failure;
    if (!shared && failure.empty()) {
        try {
            shared = std::make_unique<pg_cluster>();
        } catch (const std::exception& e) {
            failure = e.what();
        }
    }
    if (!shared) throw std::runtime_error(failure);
    return *shared;
}

connection fresh_database() {
    static int counter = 0;
    const std::string name = "it_" + std::to_string(++counter);
    connection admin(cluster().conninfo("postgres"));
    // FILE_COPY (PostgreSQL 15 and later) copies the template's files instead
    // of writing them all to the WAL: much faster for a small database.
    const bool has_strategy = std::stoi(admin.text("SHOW server_version_num")) >= 150000;
    admin.exec("CREATE DATABASE " + name + " TEMPLATE template0" + (has_strategy ? " STRATEGY FILE_COPY" : ""));
    return connection(cluster().conninfo(name));
}

}  // namespace pgcraft_it
