// The evolution suite: for each kind, versions 1..N of a small schema, each
// with its own generator. In a fresh directory the generators write the
// migrations (`migrate new vK --dir DIR`, K = 1..N); then on the cluster, for
// every version K:
//  - database A: the fresh DDL of version K; database B: migrations 1..K
//    applied in turn. Their `pg_dump --schema-only --no-owner` (privileges
//    kept) must be equal, normalised only for what must differ: the
//    database's name, pg_dump's comment lines, SET lines, and the order of
//    the column lines of each CREATE TABLE (a migrated table has its added
//    columns at the end);
//  - the reader role has the same privileges in A and B (and the ones the
//    version declares);
//  - an INSERT, UPDATE and DELETE through every writable relation work on B
//    (tables of simple dimensions, <table>_current views of history ones);
//  - rows written at version 1 are still there, with their history, at N.
// Then down: from N back to 1, each down file applied to B gives the dump of
// that version's fresh DDL; and the first one's down gives an empty database.
// Last, the same migrations exported for runners we did not write, applied by
// them (apply_with_dbmate, apply_with_sqitch): up to N, and back to nothing,
// each version again the dump of its fresh DDL.
#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iomanip>
#include <optional>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <pgcraft/sql/version_table.hpp>

#include "pg_cluster.hpp"

namespace {

namespace fs = std::filesystem;
using namespace pgcraft_it;

// ---------------------------------------------------------------- processes and files

struct run_result {
    int status = -1;
    std::string out;
    std::string err;
    bool ok() const { return WIFEXITED(status) && WEXITSTATUS(status) == 0; }
};

std::string slurp(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

void write_file(const fs::path& path, const std::string& text) {
    std::ofstream out(path, std::ios::binary);
    out << text;
}

fs::path make_temp_directory(const std::string& what) {
    std::string pattern = (fs::temp_directory_path() / ("pgcraft-evo-" + what + "-XXXXXX")).string();
    if (::mkdtemp(pattern.data()) == nullptr)
        throw std::runtime_error("mkdtemp(" + pattern + "): " + std::strerror(errno));
    return pattern;
}

/// A variable set in a child's environment.
struct environment_variable {
    std::string name;
    std::string value;
};

/// Runs argv[0] (a path), stdin from /dev/null, with `environment` added to
/// this process's, and returns its status and output.
run_result run(const std::vector<std::string>& argv, const std::vector<environment_variable>& environment = {}) {
    static int counter = 0;
    static const fs::path scratch = make_temp_directory("run");
    const fs::path out_path = scratch / ("out" + std::to_string(++counter));
    const fs::path err_path = scratch / ("err" + std::to_string(counter));
    std::vector<char*> args;
    for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    const pid_t pid = ::fork();
    if (pid < 0) throw std::runtime_error(std::string("fork: ") + std::strerror(errno));
    if (pid == 0) {
        const int in = ::open("/dev/null", O_RDONLY);
        const int out = ::open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        const int err = ::open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (in < 0 || out < 0 || err < 0 || ::dup2(in, 0) < 0 || ::dup2(out, 1) < 0 || ::dup2(err, 2) < 0)
            ::_exit(126);
        for (const environment_variable& v : environment)
            if (::setenv(v.name.c_str(), v.value.c_str(), 1) != 0) ::_exit(126);
        ::execv(args[0], args.data());
        ::_exit(127);
    }
    run_result result;
    while (::waitpid(pid, &result.status, 0) < 0)
        if (errno != EINTR) throw std::runtime_error(std::string("waitpid: ") + std::strerror(errno));
    result.out = slurp(out_path);
    result.err = slurp(err_path);
    fs::remove(out_path);
    fs::remove(err_path);
    return result;
}

std::vector<std::string> split(std::string_view text, char separator) {
    std::vector<std::string> parts;
    std::size_t start = 0;
    while (start <= text.size()) {
        const std::size_t end = std::min(text.find(separator, start), text.size());
        parts.emplace_back(text.substr(start, end - start));
        start = end + 1;
    }
    return parts;
}

std::string first_lines(const std::string& text, std::size_t n) {
    std::size_t at = 0;
    for (std::size_t i = 0; i < n && at != std::string::npos; ++i) at = text.find('\n', at == 0 ? 0 : at + 1);
    if (at == std::string::npos) return text;
    return text.substr(0, at) + "\n[… " + std::to_string(std::count(text.begin() + static_cast<long>(at), text.end(), '\n')) +
           " more lines]";
}

// ---------------------------------------------------------------- databases

std::string tool(const std::string& name) { return cluster().bindir() + "/" + name; }

void create_database(const std::string& name) {
    connection admin(cluster().conninfo("postgres"));
    admin.exec("CREATE DATABASE " + name + " TEMPLATE template0 STRATEGY FILE_COPY");
}

void drop_database(const std::string& name) {
    connection admin(cluster().conninfo("postgres"));
    admin.exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
}

/// Applies a file as a user would: a pgcraft migration as it is (it holds
/// its own transactions, and steps that run outside one), any other file in
/// one transaction; psql's messages if it fails.
std::optional<std::string> apply_file(const std::string& database, const fs::path& file) {
    const std::string name = file.filename().string();
    const bool migration = name.ends_with(".up.sql") || name.ends_with(".down.sql");
    std::vector<std::string> command = {tool("psql"), "-X", "-q", "-v", "ON_ERROR_STOP=1"};
    if (!migration) command.push_back("--single-transaction");
    command.insert(command.end(), {"-f", file.string(), "-d", cluster().conninfo(database)});
    const run_result r = run(command);
    if (r.ok()) return std::nullopt;
    return "psql -f " + file.string() + " failed:\n" + r.err + r.out;
}

/// pg_dump's schema (privileges kept), normalised only for what must differ
/// between a fresh and a migrated database: the database's name, pg_dump's
/// comment lines, SET lines and \restrict lines (a random key), and the order of the column lines inside
/// each CREATE TABLE (PostgreSQL appends added columns), compared sorted and
/// without their trailing commas, and for the same reason the order of a run
/// of COMMENT ON COLUMN statements (pg_dump writes them in column order).
/// A runner's own bookkeeping (dbmate's schema_migrations table, sqitch's
/// registry schema) is left out by `runner_excludes`, pg_dump options: it is
/// the one thing the runner adds.
std::string normalised_dump(const std::string& database, const std::vector<std::string>& runner_excludes = {}) {
    std::vector<std::string> argv{tool("pg_dump"), "--schema-only", "--no-owner", "-d", cluster().conninfo(database)};
    argv.insert(argv.end(), runner_excludes.begin(), runner_excludes.end());
    const run_result r = run(argv);
    if (!r.ok()) throw std::runtime_error("pg_dump of " + database + " failed: " + r.err);
    std::vector<std::string> out;
    std::vector<std::string> columns;
    std::vector<std::string> column_comments;
    bool in_table = false;
    auto flush_comments = [&] {
        std::sort(column_comments.begin(), column_comments.end());
        out.insert(out.end(), column_comments.begin(), column_comments.end());
        column_comments.clear();
    };
    for (std::string line : split(r.out, '\n')) {
        for (std::size_t at = line.find(database); at != std::string::npos; at = line.find(database, at))
            line.replace(at, database.size(), "<database>");
        // pg_dump 15.14 and later fence the dump with \restrict and \unrestrict
        // and a random key: different in every dump.
        if (line.starts_with("--") || line.starts_with("SET ") || line.starts_with("\\restrict ") ||
            line.starts_with("\\unrestrict "))
            continue;
        if (in_table) {
            if (line.starts_with(")")) {
                std::sort(columns.begin(), columns.end());
                out.insert(out.end(), columns.begin(), columns.end());
                columns.clear();
                out.push_back(line);
                in_table = false;
            } else {
                if (line.ends_with(",")) line.pop_back();
                columns.push_back(line);
            }
            continue;
        }
        if (line.starts_with("COMMENT ON COLUMN ")) {
            column_comments.push_back(line);
            continue;
        }
        if (line.empty() && !column_comments.empty()) continue;
        flush_comments();
        if (line.starts_with("CREATE TABLE ") && line.ends_with("(")) in_table = true;
        out.push_back(line);
    }
    flush_comments();
    std::string text;
    for (const std::string& line : out) text += line + '\n';
    return text;
}

/// `diff -u` of two texts, for a failure message.
std::string unified_diff(const std::string& a, const std::string& a_label, const std::string& b,
                         const std::string& b_label) {
    static const fs::path scratch = make_temp_directory("diff");
    const fs::path pa = scratch / "a.sql";
    const fs::path pb = scratch / "b.sql";
    write_file(pa, a);
    write_file(pb, b);
    const run_result r = run({"/usr/bin/diff", "-u", "--label", a_label, "--label", b_label, pa.string(), pb.string()});
    return first_lines(r.out, 150);
}

/// What the role may do: its table, view and routine privileges and USAGE on the schema.
std::string privileges_of(const std::string& database, const std::string& role, const std::string& schema) {
    connection db(cluster().conninfo(database));
    std::string text = "schema usage: " + db.text("SELECT has_schema_privilege($1, $2, 'USAGE')::text", {role, schema});
    text += "\n" + show(db.query("SELECT table_name, privilege_type FROM information_schema.role_table_grants "
                                 "WHERE grantee = $1 ORDER BY 1, 2",
                                 {role}));
    text += "\n" + show(db.query("SELECT routine_name, privilege_type FROM information_schema.routine_privileges "
                                 "WHERE grantee = $1 ORDER BY 1, 2",
                                 {role}));
    return text;
}

// ---------------------------------------------------------------- the kinds' versions

/// A relation that takes writes, at one version: what an INSERT gives, what an UPDATE sets.
struct writable {
    std::string relation;  ///< schema-qualified
    std::string columns;
    std::string values;
    std::string update;
};

struct kind_spec {
    std::string name;
    std::string schema;
    std::string role;
    bool history = false;  ///< writes and seed rows go through <table>_current
    std::vector<std::string> generators;
    bool ledger = false;  ///< a ledger of its own schema (../ledger/): legs inserted and reversed, never changed

    // Names as the versions declare them.
    std::string vendors(int v) const { return v >= 4 ? "suppliers" : "vendors"; }
    std::string product_name(int v) const { return v >= 4 ? "title" : "name"; }
    std::string rel(const std::string& table) const { return schema + "." + table + (history ? "_current" : ""); }

    std::vector<writable> writes(int v) const {
        std::vector<writable> w;
        w.push_back({rel(vendors(v)), "name", "'W'", "website = 'w'"});
        if (v >= 3) w.push_back({rel("warehouses"), "code, city", "'W9', 'X'", "city = 'Y'"});
        w.push_back({rel("products"),
                     "vendor_id, " + product_name(v) + ", price, qty, state" + (v >= 6 ? ", min_qty" : ""),
                     "(SELECT min(id) FROM " + rel(vendors(v)) + "), 'P', '1.5', 1, 'active'" + (v >= 6 ? ", 1" : ""),
                     "qty = 2"});
        if (name == "eav")
            w.push_back({schema + ".orders", "product_id, amount", "(SELECT min(id) FROM " + rel("products") + "), 1",
                         "amount = 2"});
        return w;
    }

    /// The relation on which the reader may INSERT and UPDATE at version 2 only.
    std::string granted_at_v2() const { return ledger ? "moves_entries" : history ? "products_current" : "products"; }
};

std::vector<std::string> generators_of(const char* paths) { return split(paths, '|'); }

kind_spec simple_kind() { return {"simple", "evo_s", "evo_s_reader", false, generators_of(PGCRAFT_EVOLUTION_SIMPLE)}; }
kind_spec append_only_kind() {
    return {"append_only", "evo_a", "evo_a_reader", true, generators_of(PGCRAFT_EVOLUTION_APPEND_ONLY)};
}
kind_spec eav_kind() { return {"eav", "evo_e", "evo_e_reader", true, generators_of(PGCRAFT_EVOLUTION_EAV)}; }
kind_spec ledger_kind() {
    return {"ledger", "evo_l", "evo_l_reader", false, generators_of(PGCRAFT_EVOLUTION_LEDGER), true};
}

std::string migration_file(int k, const std::string& suffix) {
    char prefix[16];
    std::snprintf(prefix, sizeof prefix, "%04d", k);
    return std::string(prefix) + "_v" + std::to_string(k) + suffix;
}

std::string database_name(const kind_spec& kind, const std::string& what) { return "evo_" + kind.name + "_" + what; }

// ---------------------------------------------------------------- checks on B

/// A ledger at any version: an entry inserted through its view and reversed
/// (the two sum to nothing); UPDATE and DELETE refused, naming the ledger.
void check_ledger_writes(const std::string& database, const std::string& when) {
    INFO("ledger " << when << ": writes through evo_l.moves_entries");
    connection db(cluster().conninfo(database));
    std::string entry;
    try {
        entry = db.text("INSERT INTO evo_l.moves_entries (account, value) VALUES ('W', '1.5') RETURNING entry_id");
    } catch (const std::exception& e) {
        FAIL_CHECK("INSERT failed: " << e.what());
        return;
    }
    const auto reversal = db.failure_of("SELECT * FROM evo_l.moves_reverse($1)", {entry});
    CHECK_MESSAGE(!reversal, "the reversal failed: " << (reversal ? reversal->message : ""));
    CHECK(db.text("SELECT sum(value)::text FROM evo_l.moves WHERE entry_id = $1 OR reverses IN "
                  "(SELECT id FROM evo_l.moves WHERE entry_id = $1)",
                  {entry}) == "0.00");
    for (const std::string statement : {"UPDATE evo_l.moves_entries SET value = 0", "DELETE FROM evo_l.moves"}) {
        const auto refused = db.failure_of(statement);
        REQUIRE_MESSAGE(refused, statement << " was not refused");
        CHECK(refused->message.find("ledger evo_l.moves is immutable") != std::string::npos);
    }
}

/// INSERT, UPDATE and DELETE through every writable relation of version v.
void check_writes(const kind_spec& kind, const std::string& database, int v, const std::string& when) {
    if (kind.ledger) return check_ledger_writes(database, when);
    connection db(cluster().conninfo(database));
    for (const writable& w : kind.writes(v)) {
        INFO(kind.name << " " << when << ": writes through " << w.relation);
        std::string id;
        try {
            id = db.text("INSERT INTO " + w.relation + " (" + w.columns + ") VALUES (" + w.values + ") RETURNING id");
        } catch (const std::exception& e) {
            FAIL_CHECK("INSERT failed: " << e.what());
            continue;
        }
        const auto update = db.failure_of("UPDATE " + w.relation + " SET " + w.update + " WHERE id = $1", {id});
        CHECK_MESSAGE(!update, "UPDATE failed: " << (update ? update->message + " " + update->detail : ""));
        const auto remove = db.failure_of("DELETE FROM " + w.relation + " WHERE id = $1", {id});
        CHECK_MESSAGE(!remove, "DELETE failed: " << (remove ? remove->message + " " + remove->detail : ""));
        CHECK(db.text("SELECT count(*) FROM " + w.relation + " WHERE id = $1", {id}) == "0");
    }
}

struct seeded {
    std::string vendor;
    std::string product;
};

/// Rows written at version 1 (a product changed once, so that history kinds have two versions of it).
seeded seed(const kind_spec& kind, const std::string& database) {
    connection db(cluster().conninfo(database));
    seeded s;
    if (kind.ledger) {  // an entry of two legs, and another reversed
        s.vendor = db.text("WITH legs AS (INSERT INTO evo_l.moves_entries (entry_id, account, value) VALUES "
                           "('0e9c3c34-3f5e-4a55-9d55-000000000001', 'cash', '-10.25'), "
                           "('0e9c3c34-3f5e-4a55-9d55-000000000001', 'stock', '10.25') RETURNING entry_id) "
                           "SELECT DISTINCT entry_id FROM legs");
        s.product = db.text("INSERT INTO evo_l.moves_entries (account, value) VALUES ('cash', '3') RETURNING entry_id");
        db.exec("SELECT * FROM evo_l.moves_reverse('" + s.product + "')");
        return s;
    }
    s.vendor = db.text("INSERT INTO " + kind.rel("vendors") + " (name) VALUES ('Acme') RETURNING id");
    s.product = db.text("INSERT INTO " + kind.rel("products") +
                            " (vendor_id, name, price, qty, state, notes) VALUES ($1, 'Bolt', '2.50', 10, 'active', "
                            "'first') RETURNING id",
                        {s.vendor});
    db.exec("UPDATE " + kind.rel("products") + " SET qty = 12 WHERE id = " + s.product);
    if (kind.name == "eav") db.exec("INSERT INTO evo_e.orders (product_id, amount) VALUES (" + s.product + ", 3)");
    return s;
}

/// The rows of version 1 at version v, with their history.
void check_seed(const kind_spec& kind, const std::string& database, const seeded& s, int v) {
    INFO(kind.name << ": rows written at version 1, at version " << v);
    connection db(cluster().conninfo(database));
    if (kind.ledger) {
        CHECK(db.text("SELECT string_agg(account || ':' || value, ',' ORDER BY id) FROM evo_l.moves_entries "
                      "WHERE entry_id = $1",
                      {s.vendor}) == "cash:-10.25,stock:10.25");
        CHECK(db.text("SELECT string_agg(r.account || ':' || r.value, ',') FROM evo_l.moves_entries r "
                      "JOIN evo_l.moves_entries l ON r.reverses = l.id WHERE l.entry_id = $1",
                      {s.product}) == "cash:-3.00");
        if (v >= 6) {  // the balances the migration computed from the legs, kept since
            CHECK(db.text("SELECT balance::text FROM evo_l.moves_balances WHERE account = 'cash'") == "-10.25");
            CHECK(db.text("SELECT balance::text FROM evo_l.moves_balances WHERE account = 'stock'") == "10.25");
            CHECK(db.query("SELECT * FROM evo_l.moves_audit_balances()").empty());
            const auto above = db.failure_of("INSERT INTO evo_l.moves_entries (account, value) VALUES ('stock', 990)");
            REQUIRE(above);
            CHECK(above->message.find("would take the balance of account = stock to 1000.25, above its maximum 1000") !=
                  std::string::npos);
        }
        if (v >= 7) {  // the memo an idempotency key, the latest leg per account
            const std::string pay = "INSERT INTO evo_l.moves_entries (account, value, memo) VALUES ('gift', 1, 'once') "
                                    "RETURNING id";
            const std::string id = db.text(pay);
            CHECK(db.text(pay) == id);
            CHECK(db.text("SELECT count(*) FROM evo_l.moves WHERE memo = 'once'") == "1");
            CHECK(db.text("SELECT value::text FROM evo_l.moves_latest WHERE account = 'cash'") == "-3.00");
            CHECK(db.text("SELECT value::text FROM evo_l.moves_deposit('gift', 2.5)") == "2.50");
            db.exec("INSERT INTO evo_l.moves_limits (account, maximum) VALUES ('gift', 5)");
            const auto own = db.failure_of("SELECT * FROM evo_l.moves_deposit('gift', 2)");
            REQUIRE(own);
            CHECK(own->message.find("above its maximum 5") != std::string::npos);
        }
        return;
    }
    CHECK(db.text("SELECT name FROM " + kind.rel(kind.vendors(v)) + " WHERE id = $1", {s.vendor}) == "Acme");
    CHECK(db.text("SELECT " + kind.product_name(v) + " || '|' || price::text || '|' || qty || '|' || state || '|' || "
                  "vendor_id FROM " + kind.rel("products") + " WHERE id = $1",
                  {s.product}) == "Bolt|2.50|12|active|" + s.vendor);
    if (v >= 6 && kind.name != "eav")  // EAV takes no backfill: its min_qty is optional
        CHECK(db.text("SELECT min_qty::text FROM " + kind.rel("products") + " WHERE id = $1", {s.product}) == "12");
    if (kind.name == "append_only") {
        CHECK(db.text("SELECT string_agg(qty::text || ':' || " + kind.product_name(v) +
                          ", ',' ORDER BY valid_from) FROM evo_a.products_history WHERE id = $1",
                      {s.product}) == "10:Bolt,12:Bolt");
    }
    if (kind.name == "eav") {
        CHECK(db.text("SELECT string_agg(value, ',' ORDER BY valid_from) FROM evo_e.products_history "
                      "WHERE id = $1 AND attribute = 'qty'",
                      {s.product}) == "10,12");
        CHECK(db.text("SELECT string_agg(value, ',' ORDER BY valid_from) FROM evo_e.products_history "
                      "WHERE id = $1 AND attribute = $2",
                      {s.product, kind.product_name(v)}) == "Bolt");
        CHECK(db.text("SELECT amount::text FROM evo_e.orders WHERE product_id = $1", {s.product}) == "3");
    }
}

// ---------------------------------------------------------------- one kind's evolution

struct fresh_version {
    bool applied = false;
    std::string dump;
    std::string privileges;
};

void check_same(const kind_spec& kind, const std::string& what, const fresh_version& fresh, const std::string& b) {
    INFO(kind.name << ": " << what);
    const std::string dump = normalised_dump(b);
    const bool same_dump = dump == fresh.dump;
    CHECK_MESSAGE(same_dump, "pg_dump differs (- fresh DDL, + migrated):\n"
                                          << unified_diff(fresh.dump, "fresh", dump, "migrated"));
    const std::string privileges = privileges_of(b, kind.role, kind.schema);
    const bool same_privileges = privileges == fresh.privileges;
    CHECK_MESSAGE(same_privileges, "the role's privileges differ:\n"
                                                      << unified_diff(fresh.privileges, "fresh", privileges, "migrated"));
}

// ---------------------------------------------------------------- other runners

/// A migrations directory to apply with another runner, and what each of its
/// versions must give: pg_dump of the fresh database of version 0 (empty) to N.
struct runner_case {
    std::string name;       ///< for messages and database names
    std::string generator;  ///< one that exports (any version's)
    fs::path migrations;
    fs::path work;  ///< where the exports go
    std::vector<std::string> fresh;
};

/// The same migrations exported as `format` into the case's work directory.
fs::path export_for(const runner_case& c, const std::string& format) {
    const fs::path exported = c.work / format;
    fs::create_directories(exported);
    const run_result e = run({c.generator, "migrate", "export", "--dir", c.migrations.string(), "--format", format,
                              "--to", exported.string()});
    if (!e.ok()) throw std::runtime_error("migrate export --format " + format + " failed: " + e.err);
    return exported;
}

/// A fresh database of the cluster, for a runner.
std::string runner_database(const runner_case& c, const std::string& runner) {
    const std::string database = "evo_" + c.name + "_" + runner;
    drop_database(database);
    create_database(database);
    return database;
}

std::string cluster_port() {
    const std::string conninfo = cluster().conninfo("postgres");
    const std::size_t port_at = conninfo.find("port=") + 5;
    return conninfo.substr(port_at, conninfo.find(' ', port_at) - port_at);
}

void check_dump(const std::string& database, const std::vector<std::string>& excludes, const std::string& fresh,
                const std::string& what) {
    const std::string dump = normalised_dump(database, excludes);
    CHECK_MESSAGE(dump == fresh, what << " (- fresh DDL, + runner):\n" << unified_diff(fresh, "fresh", dump, what));
}

// Exported for dbmate, applied by the real dbmate up to the last version,
// then rolled back one runner migration (one part, one step) at a time:
// once every part of a pgcraft migration is rolled back, the database is the
// fresh one of the version before (dbmate's schema_migrations table aside).
void apply_with_dbmate(const runner_case& c) {
    INFO(c.name << ": dbmate");
    const fs::path exported = export_for(c, "dbmate");
    const std::string database = runner_database(c, "dbmate");
    const std::string url = "postgres://postgres@localhost:" + cluster_port() + "/" + database + "?socket=" +
                            cluster().directory() + "&sslmode=disable";
    auto dbmate = [&](const std::string& command) {
        return run({PGCRAFT_DBMATE, "--url", url, "--migrations-dir", exported.string(), "--no-dump-schema", command});
    };
    const run_result up = dbmate("up");
    REQUIRE_MESSAGE(up.ok(), up.out << up.err);
    const std::vector<std::string> excludes = {"--exclude-table=public.schema_migrations"};
    const int n = static_cast<int>(c.fresh.size()) - 1;
    check_dump(database, excludes, c.fresh[static_cast<std::size_t>(n)], "dbmate up");
    for (int k = n; k >= 1; --k) {
        // Its parts: {NNNN}{part}_{name}.sql.
        std::ostringstream number;
        number << std::setw(4) << std::setfill('0') << k;
        int parts = 0;
        for (const fs::directory_entry& e : fs::directory_iterator(exported))
            parts += e.path().filename().string().starts_with(number.str()) ? 1 : 0;
        REQUIRE(parts >= 1);
        for (int part = parts; part >= 1; --part) {
            const run_result back = dbmate("rollback");
            REQUIRE_MESSAGE(back.ok(), "dbmate rollback of " << k << " part " << part << ": " << back.out << back.err);
        }
        check_dump(database, excludes, c.fresh[static_cast<std::size_t>(k - 1)],
                   "dbmate rollback of " + std::to_string(k) + "'s " + std::to_string(parts) + " part(s)");
    }
    drop_database(database);
}

// squawk, a migration linter we did not write, with the project's
// configuration: every migration file of `dir` passes with no warning.
void check_with_squawk(const std::string& what, const fs::path& dir) {
    std::vector<std::string> command = {PGCRAFT_SQUAWK, "--config", PGCRAFT_SQUAWK_CONFIG, "--reporter", "gcc"};
    std::vector<std::string> files;
    for (const fs::directory_entry& e : fs::directory_iterator(dir)) {
        const std::string name = e.path().filename().string();
        if (name.ends_with(".up.sql") || name.ends_with(".down.sql")) files.push_back(e.path().string());
    }
    std::sort(files.begin(), files.end());
    REQUIRE(!files.empty());
    command.insert(command.end(), files.begin(), files.end());
    const run_result r = run(command);
    INFO(what << ": squawk on " << files.size() << " files\n" << r.out << r.err);
    CHECK(r.ok());  // squawk exits 1 on any warning
    CHECK(r.out.find(" warning: ") == std::string::npos);
}

// The generator's drift check of a database: as declared, exit 0.
void check_clean(const std::string& generator, const std::string& database, const std::string& what) {
    const run_result r = run({generator, "check", "--database", cluster().conninfo(database)});
    INFO(what << ": check --database\nstdout: " << r.out << "\nstderr: " << r.err);
    CHECK(r.ok());
    CHECK(r.out == "the database is as declared\n");
}

// Exported for sqitch, deployed by the real sqitch with each change verified,
// verified again as a whole, then reverted change by change to nothing: each
// step the fresh database of its version (sqitch's registry schema aside).
// A verify script does fail: the first one, on the empty database at the end.
void apply_with_sqitch(const runner_case& c) {
    INFO(c.name << ": sqitch");
    const fs::path exported = export_for(c, "sqitch");
    const std::string database = runner_database(c, "sqitch");
    // Who deploys, and where: never the user's own sqitch configuration.
    const std::vector<environment_variable> environment = {
        {"SQITCH_FULLNAME", "pgcraft tests"},
        {"SQITCH_EMAIL", "tests@pgcraft.invalid"},
        {"SQITCH_USER_CONFIG", (c.work / "no-user-sqitch.conf").string()},
        {"SQITCH_SYSTEM_CONFIG", (c.work / "no-system-sqitch.conf").string()},
        {"PGHOST", cluster().directory()},
        {"PGPORT", cluster_port()},
        {"PGUSER", "postgres"},
    };
    auto sqitch = [&](std::vector<std::string> command) {
        command.insert(command.begin(), {PGCRAFT_SQITCH, "--chdir", exported.string()});
        command.insert(command.end(), {"--target", "db:pg:" + database});
        return run(command, environment);
    };
    const std::vector<std::string> excludes = {"--exclude-schema=sqitch"};
    std::vector<std::string> stems;
    for (const fs::directory_entry& e : fs::directory_iterator(exported / "deploy"))
        stems.push_back(e.path().stem().string());
    std::sort(stems.begin(), stems.end());
    const std::size_t n = c.fresh.size() - 1;
    REQUIRE(stems.size() == n);
    const run_result deploy = sqitch({"deploy", "--verify"});
    REQUIRE_MESSAGE(deploy.ok(), deploy.out << deploy.err);
    check_dump(database, excludes, c.fresh[n], "sqitch deploy");
    const run_result verify = sqitch({"verify"});
    CHECK_MESSAGE(verify.ok(), verify.out << verify.err);
    for (std::size_t k = n - 1; k >= 1; --k) {
        const run_result back = sqitch({"revert", "-y", "--to", stems[k - 1]});
        REQUIRE_MESSAGE(back.ok(), "sqitch revert --to " << stems[k - 1] << ": " << back.out << back.err);
        check_dump(database, excludes, c.fresh[k], "sqitch revert --to " + stems[k - 1]);
    }
    const run_result all = sqitch({"revert", "-y"});
    REQUIRE_MESSAGE(all.ok(), "sqitch revert: " << all.out << all.err);
    check_dump(database, excludes, c.fresh[0], "sqitch revert of everything");
    const run_result empty = run({tool("psql"), "-X", "-q", "-v", "ON_ERROR_STOP=1", "-f",
                                  (exported / "verify" / (stems[0] + ".sql")).string(), "-d", cluster().conninfo(database)});
    CHECK_MESSAGE(!empty.ok(), "the first verify script should fail on an empty database");
    CHECK_MESSAGE(empty.err.find("pgcraft verify: ") != std::string::npos, empty.err);
    drop_database(database);
}

void apply_with_runners(const kind_spec& kind, const fs::path& dir, const std::vector<fresh_version>& fresh, int n) {
    runner_case c{kind.name, kind.generators[static_cast<std::size_t>(n) - 1], dir, dir / "runners", {}};
    for (int k = 0; k <= n; ++k) c.fresh.push_back(fresh[static_cast<std::size_t>(k)].dump);
    apply_with_dbmate(c);
    apply_with_sqitch(c);
}

void evolve(const kind_spec& kind) {
    const int n = static_cast<int>(kind.generators.size());
    REQUIRE(n >= 3);
    const fs::path dir = make_temp_directory(kind.name);

    // The migrations, written by each version's generator in turn.
    int written = 0;
    for (int k = 1; k <= n; ++k) {
        // The versions drop columns, tables and labels on purpose: allowed,
        // as a team would for each such migration (the gate has tests of its own).
        const run_result r = run({kind.generators[k - 1], "migrate", "new", "v" + std::to_string(k), "--dir",
                                  dir.string(), "--allow", "PG102", "--allow", "PG103", "--allow", "PG105",
                                  "--allow", "PG201"});
        INFO(kind.name << ": " << kind.generators[k - 1] << " migrate new v" << k << "\nstdout: " << r.out
                       << "\nstderr: " << r.err);
        if (!r.ok()) {
            FAIL_CHECK("migrate new failed");
            break;
        }
        bool complete = true;
        for (const char* suffix : {".up.sql", ".down.sql", ".json"}) {
            const bool exists = fs::exists(dir / migration_file(k, suffix));
            CHECK_MESSAGE(exists, "no " << migration_file(k, suffix));
            complete = complete && exists;
        }
        CHECK(fs::exists(dir / "pgcraft.sum"));
        if (!complete) break;
        written = k;
    }
    if (written == n) {
        const auto files = [&] { return std::distance(fs::directory_iterator(dir), fs::directory_iterator{}); };
        const auto before = files();
        const run_result again = run({kind.generators[n - 1], "migrate", "new", "again", "--dir", dir.string()});
        INFO(kind.name << ": migrate new with nothing to do\nstdout: " << again.out << "\nstderr: " << again.err);
        CHECK(again.ok());
        CHECK(again.out.find("no changes") != std::string::npos);
        CHECK(files() == before);
        // What the versions wrote lints clean: every file as written, every drop allowed.
        const run_result lint = run({kind.generators[n - 1], "lint", dir.string()});
        INFO(kind.name << ": lint\nstdout: " << lint.out << "\nstderr: " << lint.err);
        CHECK(lint.ok());
        check_with_squawk(kind.name, dir);
    }
    if (written == 0) return;

    // Database A of every version: its fresh DDL.
    std::vector<fresh_version> fresh(static_cast<std::size_t>(n) + 1);
    {
        const std::string empty = database_name(kind, "empty");
        drop_database(empty);
        create_database(empty);
        fresh[0] = {true, normalised_dump(empty), {}};
        drop_database(empty);
    }
    for (int k = 1; k <= written; ++k) {
        const run_result ddl = run({kind.generators[k - 1], "ddl"});
        REQUIRE_MESSAGE(ddl.ok(), ddl.err);
        const fs::path file = dir / ("fresh_v" + std::to_string(k) + ".sql");
        write_file(file, ddl.out);
        const std::string a = database_name(kind, "a" + std::to_string(k));
        drop_database(a);
        create_database(a);
        const auto failed = apply_file(a, file);
        CHECK_MESSAGE(!failed, kind.name << " v" << k << ": fresh DDL: " << failed.value_or(""));
        fresh[static_cast<std::size_t>(k)] = {!failed, normalised_dump(a), privileges_of(a, kind.role, kind.schema)};
        if (!failed) check_clean(kind.generators[k - 1], a, kind.name + " fresh v" + std::to_string(k));
        drop_database(a);  // no other database holds privileges of the role when a down drops it
    }
    if (written >= 2) {
        INFO(kind.name << ": the reader's grant at version 2, revoked at version 3");
        CHECK(fresh[2].privileges.find(kind.granted_at_v2() + "|INSERT") != std::string::npos);
        if (written >= 3) CHECK(fresh[3].privileges.find(kind.granted_at_v2() + "|INSERT") == std::string::npos);
    }

    // Database B: up, one migration after the other.
    const std::string b = database_name(kind, "b");
    drop_database(b);
    create_database(b);
    int reached = 0;
    seeded rows;
    for (int k = 1; k <= written; ++k) {
        const auto failed = apply_file(b, dir / migration_file(k, ".up.sql"));
        if (failed) {
            FAIL_CHECK(kind.name << ": up " << k << ": " << *failed);
            break;
        }
        reached = k;
        if (k == 1) rows = seed(kind, b);
        check_same(kind, "up 1.." + std::to_string(k) + " vs fresh v" + std::to_string(k), fresh[static_cast<std::size_t>(k)], b);
        check_writes(kind, b, k, "after up " + std::to_string(k));
        check_clean(kind.generators[k - 1], b, kind.name + " up 1.." + std::to_string(k));
    }
    if (reached >= 1) check_seed(kind, b, rows, reached);

    // Down, from the last version reached back to the empty database.
    for (int k = reached; k >= 1; --k) {
        const auto failed = apply_file(b, dir / migration_file(k, ".down.sql"));
        if (failed) {
            FAIL_CHECK(kind.name << ": down " << k << ": " << *failed);
            break;
        }
        const fresh_version& target = fresh[static_cast<std::size_t>(k - 1)];
        if (k > 1) {
            check_same(kind, "down " + std::to_string(k) + " vs fresh v" + std::to_string(k - 1), target, b);
            check_writes(kind, b, k - 1, "after down " + std::to_string(k));
        } else {
            INFO(kind.name << ": down 1 vs an empty database");
            const std::string dump = normalised_dump(b);
            const bool same_dump = dump == target.dump;
            CHECK_MESSAGE(same_dump, "pg_dump differs (- empty, + migrated down):\n"
                                                   << unified_diff(target.dump, "empty", dump, "migrated"));
        }
    }
    drop_database(b);
    if (reached == written) apply_with_runners(kind, dir, fresh, written);
    std::error_code ignored;
    fs::remove_all(dir, ignored);
}

}  // namespace

// (The drift check keeps what it builds in $XDG_CACHE_HOME: main.cpp, shared
// with the integration tests, sets it to a folder of this run's own.)

TEST_SUITE("evolution") {

TEST_CASE("drift: each change made by hand is reported, naming the object and what differs") {
    const kind_spec kind = append_only_kind();
    const std::string generator = kind.generators.back();
    const run_result ddl = run({generator, "ddl"});
    REQUIRE_MESSAGE(ddl.ok(), ddl.err);
    const fs::path dir = make_temp_directory("drift");
    write_file(dir / "fresh.sql", ddl.out);
    const std::string database = "drift";
    struct manual_change {
        std::string sql;
        std::string reported;  // a line of the check's output
        std::string undo;
    };
    const std::vector<manual_change> changes = {
        {"ALTER TABLE evo_a.suppliers ADD COLUMN note text", "extra: column evo_a.suppliers.note\n",
         "ALTER TABLE evo_a.suppliers DROP COLUMN note"},
        {"ALTER TABLE evo_a.suppliers ALTER COLUMN website SET DEFAULT 'x'",
         "different: column evo_a.suppliers.website (default: none declared, ''x'::text' in the database)\n",
         "ALTER TABLE evo_a.suppliers ALTER COLUMN website DROP DEFAULT"},
        {"ALTER TABLE evo_a.suppliers_versions DROP CONSTRAINT ck__suppliers_versions__valid_from_valid_to",
         "missing: constraint evo_a.suppliers_versions.ck__suppliers_versions__valid_from_valid_to\n",
         "ALTER TABLE evo_a.suppliers_versions ADD CONSTRAINT ck__suppliers_versions__valid_from_valid_to "
         "CHECK (valid_to > valid_from)"},
        {"ALTER TABLE evo_a.suppliers DISABLE TRIGGER pgcraft_protect",
         "different: trigger evo_a.suppliers.pgcraft_protect (enabled: yes declared, no in the database)\n",
         "ALTER TABLE evo_a.suppliers ENABLE TRIGGER pgcraft_protect"},
        {"DROP TRIGGER suppliers_current_update ON evo_a.suppliers_current",
         "missing: trigger evo_a.suppliers_current.suppliers_current_update\n", ""},
        {"GRANT DELETE ON evo_a.suppliers_current TO " + kind.role,
         "different: grant on view evo_a.suppliers_current to " + kind.role, ""},
        {"REVOKE USAGE ON SCHEMA evo_a FROM " + kind.role, "missing: grant on schema evo_a to " + kind.role, ""},
        {"CREATE OR REPLACE VIEW evo_a.suppliers_history AS SELECT * FROM evo_a.suppliers_versions",
         "different: view evo_a.suppliers_history (query differs from line 6", ""},
        {"CREATE OR REPLACE FUNCTION evo_a.suppliers_as_of(at timestamptz) RETURNS SETOF evo_a.suppliers_history "
         "LANGUAGE sql STABLE AS 'SELECT * FROM evo_a.suppliers_history'",
         "different: function evo_a.suppliers_as_of(timestamp with time zone) (body differs from line 1", ""},
        {"CREATE INDEX ix_by_hand ON evo_a.suppliers (name)", "extra: index evo_a.ix_by_hand\n", ""},
    };
    for (const manual_change& change : changes) {
        CAPTURE(change.sql);
        drop_database(database);
        create_database(database);
        REQUIRE(!apply_file(database, dir / "fresh.sql"));
        connection(cluster().conninfo(database)).exec(change.sql);
        const run_result r = run({generator, "check", "--database", cluster().conninfo(database)});
        INFO("stdout: " << r.out << "\nstderr: " << r.err);
        CHECK(WEXITSTATUS(r.status) == 1);
        CHECK(r.out.find(change.reported) != std::string::npos);
        // The twin: undone, the database is as declared again.
        if (!change.undo.empty()) {
            connection(cluster().conninfo(database)).exec(change.undo);
            check_clean(generator, database, "undone: " + change.undo);
        }
    }
    // Every change at once; diff --database writes the migration back to the declarations, gated as migrate new.
    drop_database(database);
    create_database(database);
    REQUIRE(!apply_file(database, dir / "fresh.sql"));
    for (const manual_change& change : changes) connection(cluster().conninfo(database)).exec(change.sql);
    const run_result gated = run({generator, "diff", "--database", cluster().conninfo(database)});
    CHECK(!gated.ok());
    CHECK(gated.err.find("PG103 drop-column: drops column evo_a.suppliers.note") != std::string::npos);
    const run_result back = run({generator, "diff", "--database", cluster().conninfo(database), "--allow", "PG103"});
    REQUIRE_MESSAGE(back.ok(), back.err);
    write_file(dir / "back.up.sql", back.out);
    const auto failed = apply_file(database, dir / "back.up.sql");
    CHECK_MESSAGE(!failed, failed.value_or("") << "\n" << back.out);
    check_clean(generator, database, "after diff --database, applied");

    // JSON for tools, and exit 2 when it cannot check (the password never shown).
    connection(cluster().conninfo(database)).exec("ALTER TABLE evo_a.suppliers ADD COLUMN note text");
    const run_result json = run({generator, "check", "--database", cluster().conninfo(database), "--format", "json"});
    CHECK(WEXITSTATUS(json.status) == 1);
    CHECK(json.out.find("\"what\": \"extra\"") != std::string::npos);
    const run_result unreachable =
        run({generator, "check", "--database", cluster().conninfo("no_such_database") + " password=s3cret-word"});
    CHECK(WEXITSTATUS(unreachable.status) == 2);
    CHECK(unreachable.err.find("could not check the database") != std::string::npos);
    CHECK(unreachable.err.find("s3cret-word") == std::string::npos);
    drop_database(database);
    std::error_code ignored;
    fs::remove_all(dir, ignored);
}

namespace {
// `generator migrate COMMAND --database … --dir DIR ARGS…`.
run_result migrate_live(const std::string& generator, const std::string& command, const std::string& database,
                        const fs::path& dir, std::vector<std::string> args = {}) {
    std::vector<std::string> argv = {generator, "migrate", command, "--database", cluster().conninfo(database), "--dir",
                                     dir.string()};
    argv.insert(argv.end(), args.begin(), args.end());
    return run(argv);
}

// Polls `query` (every 25 ms, for up to 10 s) until it gives `value`; whether it did.
bool wait_for(connection& db, const std::string& query, const std::string& value) {
    for (int i = 0; i < 400; ++i) {
        if (db.text(query) == value) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(25));
    }
    return false;
}

std::string recorded(const std::string& database) {
    return connection(cluster().conninfo(database))
        .text("SELECT coalesce(string_agg(version || ':' || steps_done || '/' || steps || ':' || direction, ' ' "
              "ORDER BY version), '') FROM pgcraft.migrations");
}
}  // namespace

TEST_CASE("migrate apply, status and down take each kind's migrations up and back, as pgcraft's own files do") {
    for (const kind_spec& kind : {simple_kind(), append_only_kind(), eav_kind()}) {
        CAPTURE(kind.name);
        const int n = static_cast<int>(kind.generators.size());
        const fs::path dir = make_temp_directory(kind.name + "-apply");
        for (int k = 1; k <= n; ++k) {
            const run_result r = run({kind.generators[k - 1], "migrate", "new", "v" + std::to_string(k), "--dir",
                                      dir.string(), "--allow", "PG102", "--allow", "PG103", "--allow", "PG105",
                                      "--allow", "PG201"});
            REQUIRE_MESSAGE(r.ok(), r.err);
        }
        const std::string& last = kind.generators.back();
        const std::string database = database_name(kind, "apply");
        drop_database(database);
        create_database(database);
        run_result r = migrate_live(last, "apply", database, dir, {"--to", "3"});
        INFO("apply --to 3: " << r.out << r.err);
        REQUIRE(r.ok());
        CHECK(recorded(database).starts_with("1:"));
        check_clean(kind.generators[2], database, kind.name + " applied to 3");
        r = migrate_live(last, "status", database, dir);
        CHECK(r.out.find("0003_v3  applied") != std::string::npos);
        CHECK(r.out.find("0004_v4  pending") != std::string::npos);
        r = migrate_live(last, "apply", database, dir);
        INFO("apply: " << r.out << r.err);
        REQUIRE(r.ok());
        check_clean(last, database, kind.name + " applied to the newest");
        r = migrate_live(last, "down", database, dir, {"--to", "2"});
        INFO("down --to 2: " << r.out << r.err);
        REQUIRE(r.ok());
        check_clean(kind.generators[1], database, kind.name + " down to 2");
        r = migrate_live(last, "down", database, dir, {"--to", "0"});
        REQUIRE_MESSAGE(r.ok(), r.err);
        CHECK(recorded(database).empty());
        drop_database(database);
        std::error_code ignored;
        fs::remove_all(dir, ignored);
    }
}

#ifdef PGCRAFT_EXAMPLE_GENERATOR
TEST_CASE("migrate apply refuses a changed or missing file, a database not where the next migration starts, "
          "and two appliers never run at once") {
    const fs::path dir = make_temp_directory("apply-faults");
    for (const fs::directory_entry& e : fs::directory_iterator(PGCRAFT_EXAMPLE_MIGRATIONS))
        fs::copy_file(e.path(), dir / e.path().filename());
    const std::string database = "example_apply";
    drop_database(database);
    create_database(database);
    const std::string generator = PGCRAFT_EXAMPLE_GENERATOR;
    REQUIRE(migrate_live(generator, "apply", database, dir, {"--to", "1"}).ok());

    // Drift before the next migration: refused, the drift shown, nothing applied.
    connection db(cluster().conninfo(database));
    db.exec("ALTER TABLE inventory.vendors ADD COLUMN by_hand text");
    run_result r = migrate_live(generator, "apply", database, dir);
    CHECK(!r.ok());
    CHECK(r.err.find("not in the state 0001_initial.json describes") != std::string::npos);
    CHECK(r.err.find("extra: column inventory.vendors.by_hand") != std::string::npos);
    CHECK(recorded(database) == "1:1/1:up");
    db.exec("ALTER TABLE inventory.vendors DROP COLUMN by_hand");

    // A file changed after it was applied (with pgcraft.sum rewritten to match): refused, naming it.
    const std::string original = slurp(dir / "0001_initial.up.sql");
    const std::string sums = slurp(dir / "pgcraft.sum");
    const run_result sha_before = run({"/usr/bin/sha256sum", (dir / "0001_initial.up.sql").string()});
    write_file(dir / "0001_initial.up.sql", original + "\n-- edited\n");
    const run_result sha_after = run({"/usr/bin/sha256sum", (dir / "0001_initial.up.sql").string()});
    std::string edited_sums = sums;
    edited_sums.replace(edited_sums.find(sha_before.out.substr(0, 64)), 64, sha_after.out.substr(0, 64));
    write_file(dir / "pgcraft.sum", edited_sums);
    r = migrate_live(generator, "apply", database, dir);
    CHECK(!r.ok());
    CHECK(r.err.find("0001_initial.up.sql has changed since it was applied") != std::string::npos);
    // A file that does not match pgcraft.sum: refused by the lint, naming it.
    write_file(dir / "pgcraft.sum", sums);
    r = migrate_live(generator, "apply", database, dir);
    CHECK(!r.ok());
    CHECK(r.err.find("0001_initial.up.sql has changed since it was written") != std::string::npos);
    write_file(dir / "0001_initial.up.sql", original);

    // A failing step (a reader holds a lock the first step needs) is rolled back: nothing recorded; a rerun completes.
    connection reader(cluster().conninfo(database));
    reader.exec("BEGIN");
    reader.exec("SELECT count(*) FROM inventory.products");
    r = migrate_live(generator, "apply", database, dir);
    CHECK(!r.ok());
    CHECK(r.err.find("0002_warehouses_and_notes: step 1 of 3 failed (rolled back)") != std::string::npos);
    CHECK(recorded(database) == "1:1/1:up");
    reader.exec("ROLLBACK");

    // Two appliers at once: while the lock is held, both wait; then one applies and the other finds nothing to do.
    connection holder(cluster().conninfo(database));
    holder.text("SELECT pg_advisory_lock(" + std::to_string(pgcraft::sql::version_table::lock_key) + ")::text");
    run_result first, second;
    std::thread a([&] { first = migrate_live(generator, "apply", database, dir); });
    std::thread b([&] { second = migrate_live(generator, "apply", database, dir); });
    const std::string waiting = "SELECT count(*)::text FROM pg_stat_activity WHERE pid <> pg_backend_pid() "
                                "AND query LIKE '%pg_try_advisory_lock%'";
    CHECK(wait_for(db, waiting, "2"));
    holder.text("SELECT pg_advisory_unlock(" + std::to_string(pgcraft::sql::version_table::lock_key) + ")::text");
    a.join();
    b.join();
    INFO("first: " << first.out << first.err << "\nsecond: " << second.out << second.err);
    CHECK(first.ok());
    CHECK(second.ok());
    const bool one_applied = (first.out.find("applied 0002") != std::string::npos) !=
                             (second.out.find("applied 0002") != std::string::npos);
    CHECK(one_applied);
    CHECK(((first.out + second.out).find("nothing to apply")) != std::string::npos);
    CHECK(recorded(database) == "1:1/1:up 2:3/3:up");
    check_clean(generator, database, "applied by one of two");
    drop_database(database);
    std::error_code ignored;
    fs::remove_all(dir, ignored);
}

TEST_CASE("a migration stopped in its index build (the connection killed) resumes from the drop of what it left") {
    const fs::path migrations = PGCRAFT_EXAMPLE_MIGRATIONS;
    const std::string generator = PGCRAFT_EXAMPLE_GENERATOR;
    const std::string database = "example_killed";
    drop_database(database);
    create_database(database);
    REQUIRE(migrate_live(generator, "apply", database, migrations, {"--to", "1"}).ok());
    // Where an applier stopped after 0002's first step: that step applied and recorded, as apply records it.
    connection db(cluster().conninfo(database));
    {
        const std::string up = slurp(migrations / "0002_warehouses_and_notes.up.sql");
        const std::size_t step1 = up.find("-- step 1 of 3");
        const std::size_t step2 = up.find("-- step 2 of 3");
        REQUIRE(step2 != std::string::npos);
        db.exec(up.substr(step1, step2 - step1));
    }
    const run_result sha = run({"/usr/bin/sha256sum", (migrations / "0002_warehouses_and_notes.up.sql").string()});
    db.exec("INSERT INTO pgcraft.migrations (version, name, checksum, steps, steps_done) VALUES (2, "
            "'0002_warehouses_and_notes', '" + sha.out.substr(0, 64) + "', 3, 1)");
    // A writer's open transaction makes the index build wait; the applier is killed while it waits.
    connection writer(cluster().conninfo(database));
    writer.exec("BEGIN");
    writer.exec("UPDATE inventory.products SET name = name WHERE false");  // holds its lock on products
    run_result killed;
    std::thread applier([&] { killed = migrate_live(generator, "apply", database, migrations); });
    const std::string building = "SELECT count(*)::text FROM pg_stat_activity WHERE query LIKE 'CREATE INDEX CONCURRENTLY%'";
    CHECK(wait_for(db, building, "1"));
    db.text("SELECT count(pg_terminate_backend(pid))::text FROM pg_stat_activity WHERE query LIKE 'CREATE INDEX CONCURRENTLY%'");
    applier.join();
    writer.exec("COMMIT");
    INFO("killed: " << killed.out << killed.err);
    CHECK(!killed.ok());
    CHECK(killed.err.find("step 3 of 3 failed") != std::string::npos);
    CHECK(recorded(database) == "1:1/1:up 2:2/3:up");
    // The build left an invalid index; the rerun drops it and builds it again.
    CHECK(db.text("SELECT count(*)::text FROM pg_index WHERE NOT indisvalid") == "1");
    const run_result status = migrate_live(generator, "status", database, migrations);
    CHECK(status.out.find("unfinished: 2 of 3 steps applied") != std::string::npos);
    const run_result rerun = migrate_live(generator, "apply", database, migrations);
    INFO("rerun: " << rerun.out << rerun.err);
    CHECK(rerun.ok());
    CHECK(recorded(database) == "1:1/1:up 2:3/3:up");
    CHECK(db.text("SELECT count(*)::text FROM pg_index WHERE NOT indisvalid") == "0");
    check_clean(generator, database, "resumed");
    drop_database(database);
}

TEST_CASE("a migration whose connection is killed inside a transactional step leaves the previous version") {
    const fs::path migrations = PGCRAFT_EXAMPLE_MIGRATIONS;
    const std::string generator = PGCRAFT_EXAMPLE_GENERATOR;
    const std::string database = "example_killed_in_transaction";
    drop_database(database);
    create_database(database);
    REQUIRE(migrate_live(generator, "apply", database, migrations, {"--to", "1"}).ok());
    // A reader's open transaction makes 0002's first step wait for its lock on products, after the
    // step has begun: its record of the migration is written, in the same transaction. It is killed there.
    connection db(cluster().conninfo(database));
    connection reader(cluster().conninfo(database));
    reader.exec("BEGIN");
    reader.exec("SELECT count(*) FROM inventory.products");
    run_result killed;
    std::thread applier([&] { killed = migrate_live(generator, "apply", database, migrations); });
    const std::string waiting = "SELECT count(*)::text FROM pg_stat_activity WHERE datname = current_database() "
                                "AND wait_event_type = 'Lock' AND query LIKE '%ALTER TABLE inventory.products%'";
    REQUIRE(wait_for(db, waiting, "1"));
    // The record is there, uncommitted: another session does not see it.
    CHECK(recorded(database) == "1:1/1:up");
    CHECK(db.text("SELECT count(pg_terminate_backend(pid))::text FROM pg_stat_activity WHERE datname = "
                  "current_database() AND wait_event_type = 'Lock'") == "1");
    applier.join();
    reader.exec("ROLLBACK");
    INFO("killed: " << killed.out << killed.err);
    CHECK(!killed.ok());
    CHECK(killed.err.find("0002_warehouses_and_notes: step 1 of 3 failed") != std::string::npos);
    // Nothing of the step stays: the version table says 0001, the database is 0001's (apply checks it
    // against 0001's snapshot before it starts 0002 again), and the rerun completes.
    CHECK(recorded(database) == "1:1/1:up");
    CHECK(db.text("SELECT (to_regclass('inventory.warehouse') IS NULL)::text") == "true");
    const run_result status = migrate_live(generator, "status", database, migrations);
    CHECK(status.out.find("0002_warehouses_and_notes") != std::string::npos);
    const run_result rerun = migrate_live(generator, "apply", database, migrations);
    INFO("rerun: " << rerun.out << rerun.err);
    CHECK(rerun.ok());
    CHECK(rerun.out.find("applied 0002_warehouses_and_notes") != std::string::npos);
    CHECK(recorded(database) == "1:1/1:up 2:3/3:up");
    check_clean(generator, database, "after the killed transaction");
    drop_database(database);
}

TEST_CASE("migrate baseline marks a database made by ddl as having every migration; one with drift is refused") {
    const fs::path migrations = PGCRAFT_EXAMPLE_MIGRATIONS;
    const std::string generator = PGCRAFT_EXAMPLE_GENERATOR;
    const std::string database = "example_baseline";
    const fs::path dir = make_temp_directory("baseline");
    const run_result ddl = run({generator, "ddl"});
    REQUIRE(ddl.ok());
    write_file(dir / "fresh.sql", ddl.out);
    drop_database(database);
    create_database(database);
    REQUIRE(!apply_file(database, dir / "fresh.sql"));
    connection db(cluster().conninfo(database));
    db.exec("ALTER TABLE inventory.vendors DROP COLUMN website");
    run_result r = migrate_live(generator, "baseline", database, migrations);
    CHECK(!r.ok());
    CHECK(r.err.find("missing: column inventory.vendors.website") != std::string::npos);
    db.exec("ALTER TABLE inventory.vendors ADD COLUMN website text");
    r = migrate_live(generator, "baseline", database, migrations);
    INFO(r.out << r.err);
    CHECK(r.ok());
    CHECK(recorded(database) == "1:1/1:up 2:3/3:up");
    r = migrate_live(generator, "apply", database, migrations);
    CHECK(r.out.find("nothing to apply") != std::string::npos);
    r = migrate_live(generator, "baseline", database, migrations);
    CHECK(!r.ok());
    drop_database(database);
    std::error_code ignored;
    fs::remove_all(dir, ignored);
}

#endif

TEST_CASE("every version's fresh DDL applies to an empty database") {
    for (const kind_spec& kind : {simple_kind(), append_only_kind(), eav_kind()}) {
        const fs::path dir = make_temp_directory(kind.name + "-ddl");
        for (std::size_t k = 1; k <= kind.generators.size(); ++k) {
            INFO(kind.name << " v" << k);
            const run_result ddl = run({kind.generators[k - 1], "ddl"});
            REQUIRE_MESSAGE(ddl.ok(), ddl.err);
            const fs::path file = dir / ("v" + std::to_string(k) + ".sql");
            write_file(file, ddl.out);
            const std::string a = database_name(kind, "ddl" + std::to_string(k));
            drop_database(a);
            create_database(a);
            const auto failed = apply_file(a, file);
            CHECK_MESSAGE(!failed, failed.value_or(""));
            if (!failed && k == 1) {
                const seeded s = seed(kind, a);
                check_seed(kind, a, s, 1);
            }
            if (!failed && k > 1) {
                // What the writes refer to: a vendor and a product.
                connection db(cluster().conninfo(a));
                const int v = static_cast<int>(k);
                const std::string vendor =
                    db.text("INSERT INTO " + kind.rel(kind.vendors(v)) + " (name) VALUES ('V') RETURNING id");
                db.exec("INSERT INTO " + kind.rel("products") + " (vendor_id, " + kind.product_name(v) +
                        ", price, qty, state" + (v >= 6 ? ", min_qty" : "") + ") VALUES (" + vendor +
                        ", 'P', '1', 1, 'active'" + (v >= 6 ? ", 1" : "") + ")");
            }
            if (!failed) check_writes(kind, a, static_cast<int>(k), "fresh DDL");
            drop_database(a);
        }
        std::error_code ignored;
        fs::remove_all(dir, ignored);
    }
}

TEST_CASE("simple: migrations up and down give the fresh DDL's database") { evolve(simple_kind()); }

TEST_CASE("append_only: migrations up and down give the fresh DDL's database") { evolve(append_only_kind()); }

TEST_CASE("eav: migrations up and down give the fresh DDL's database") { evolve(eav_kind()); }

TEST_CASE("ledger: migrations up and down give the fresh DDL's database") { evolve(ledger_kind()); }

#ifdef PGCRAFT_EXAMPLE_GENERATOR
TEST_CASE("the example's committed migrations give its DDL's database, and back") {
    // The files in examples/inventory/migrations, as committed: up to the
    // example's DDL, down one step to its first migration alone, then to nothing.
    const fs::path migrations = PGCRAFT_EXAMPLE_MIGRATIONS;
    check_with_squawk("the example", migrations);
    const fs::path dir = make_temp_directory("example");
    const run_result ddl = run({PGCRAFT_EXAMPLE_GENERATOR, "ddl"});
    REQUIRE_MESSAGE(ddl.ok(), ddl.err);
    write_file(dir / "fresh.sql", ddl.out);
    drop_database("example_fresh");
    create_database("example_fresh");
    REQUIRE(!apply_file("example_fresh", dir / "fresh.sql"));
    const std::string fresh = normalised_dump("example_fresh");
    drop_database("example_fresh");
    drop_database("example_first");
    create_database("example_first");
    REQUIRE(!apply_file("example_first", migrations / "0001_initial.up.sql"));
    const std::string first = normalised_dump("example_first");
    drop_database("example_first");

    drop_database("example_migrated");
    create_database("example_migrated");
    for (const char* file : {"0001_initial.up.sql", "0002_warehouses_and_notes.up.sql"}) {
        const auto failed = apply_file("example_migrated", migrations / file);
        REQUIRE_MESSAGE(!failed, *failed);
    }
    const std::string migrated = normalised_dump("example_migrated");
    CHECK_MESSAGE(migrated == fresh, unified_diff(fresh, "fresh", migrated, "migrated"));
    REQUIRE(!apply_file("example_migrated", migrations / "0002_warehouses_and_notes.down.sql"));
    const std::string down = normalised_dump("example_migrated");
    CHECK_MESSAGE(down == first, unified_diff(first, "0001 alone", down, "down from 0002"));
    REQUIRE(!apply_file("example_migrated", migrations / "0001_initial.down.sql"));
    CHECK(connection(cluster().conninfo("example_migrated"))
              .text("SELECT count(*)::text FROM pg_namespace WHERE nspname = 'inventory'") == "0");
    drop_database("example_migrated");

    // The same files through dbmate and sqitch: 0002 builds an index
    // concurrently, which neither may run in a transaction.
    drop_database("example_empty");
    create_database("example_empty");
    const std::string empty = normalised_dump("example_empty");
    drop_database("example_empty");
    const runner_case runners{"example", PGCRAFT_EXAMPLE_GENERATOR, migrations, dir / "runners", {empty, first, fresh}};
    apply_with_dbmate(runners);
    apply_with_sqitch(runners);
    std::error_code ignored;
    fs::remove_all(dir, ignored);
}

TEST_CASE("a migration blocked by an open transaction fails within its lock_timeout, and changes nothing") {
    const fs::path migrations = PGCRAFT_EXAMPLE_MIGRATIONS;
    drop_database("example_locked");
    create_database("example_locked");
    REQUIRE(!apply_file("example_locked", migrations / "0001_initial.up.sql"));
    // A reader's transaction holds its lock on products: ADD COLUMN must wait
    // for it, and gives up after the file's lock_timeout instead of queueing
    // every later query of the table behind it. (Without the timeout this
    // test would wait for ever, and fail by the suite's time limit.)
    connection reader(cluster().conninfo("example_locked"));
    reader.exec("BEGIN");
    reader.exec("SELECT count(*) FROM inventory.products");
    const auto failed = apply_file("example_locked", migrations / "0002_warehouses_and_notes.up.sql");
    REQUIRE(failed);
    CHECK(failed->find("canceling statement due to lock timeout") != std::string::npos);
    reader.exec("ROLLBACK");
    // The migration ran in one transaction: nothing of it stayed.
    connection db(cluster().conninfo("example_locked"));
    CHECK(db.text("SELECT count(*)::text FROM information_schema.columns WHERE table_schema = 'inventory' AND "
                  "table_name = 'products' AND column_name = 'notes'") == "0");
    CHECK(db.text("SELECT count(*)::text FROM pg_class WHERE relname = 'ix__products__name'") == "0");
    // Once the reader is gone, the same file applies.
    CHECK(!apply_file("example_locked", migrations / "0002_warehouses_and_notes.up.sql"));
    drop_database("example_locked");
}

namespace {
// While an index is built on products, a transaction that wrote the table
// stays open (so the build must wait for it), and another session updates a
// row with a short lock_timeout. Returns how that update failed, or nullopt;
// and whether the build was still under way when the update was done.
struct writes_during_build {
    std::optional<std::string> update_failure;
    bool build_was_running = false;
    bool index_valid = false;
};

writes_during_build write_while_building(const std::string& database, const std::string& build_sql, bool in_transaction) {
    connection db(cluster().conninfo(database));
    db.exec("INSERT INTO inventory.vendors (name) VALUES ('Acme');"
            "INSERT INTO inventory.products (vendor_id, name, sku, price, reorder_level) "
            "SELECT 1, 'p' || i, 's' || i, i, 0 FROM generate_series(1, 1000) AS i");
    connection writer(cluster().conninfo(database));
    writer.exec("BEGIN");
    writer.exec("UPDATE inventory.products SET price = price WHERE id = 1");
    const fs::path file = make_temp_directory("build") / "build.sql";
    write_file(file, build_sql);
    run_result built;
    std::vector<std::string> psql = {tool("psql"), "-X", "-q", "-v", "ON_ERROR_STOP=1", "-f", file.string(), "-d",
                                     cluster().conninfo(database)};
    if (in_transaction) psql.insert(psql.begin() + 5, "--single-transaction");
    std::thread builder([&] { built = run(psql); });
    // Until the build waits for the writer's transaction.
    const std::string waiting = "SELECT count(*)::text FROM pg_stat_activity WHERE query LIKE '%CREATE INDEX%ix__products__name%' "
                                "AND wait_event_type IS NOT NULL AND pid <> pg_backend_pid()";
    CHECK(wait_for(db, waiting, "1"));
    writes_during_build result;
    connection other(cluster().conninfo(database));
    other.exec("SET lock_timeout = '1s'");
    if (auto failed = other.failure_of("UPDATE inventory.products SET price = price + 1 WHERE id = 2"))
        result.update_failure = failed->message;
    result.build_was_running = db.text(waiting) != "0";
    writer.exec("COMMIT");
    builder.join();
    INFO("the build: " << built.err << built.out);
    CHECK(built.ok());
    result.index_valid = db.text("SELECT count(*)::text FROM pg_index WHERE indisvalid AND indexrelid = "
                                 "'inventory.ix__products__name'::regclass") == "1";
    return result;
}

// The last step of a migration file: the text after its last step marker.
std::string last_step(const fs::path& file) {
    const std::string text = slurp(file);
    const std::size_t at = text.rfind("\n-- step ");
    REQUIRE(at != std::string::npos);
    return text.substr(at + 1);
}
}  // namespace

TEST_CASE("an index built by a migration on a table in use lets its writes go on; a plain build would block them") {
    const fs::path migrations = PGCRAFT_EXAMPLE_MIGRATIONS;
    const std::string build = last_step(migrations / "0002_warehouses_and_notes.up.sql");
    REQUIRE(build.find("CREATE INDEX CONCURRENTLY IF NOT EXISTS ix__products__name") != std::string::npos);
    for (const bool concurrently : {true, false}) {
        CAPTURE(concurrently);
        const std::string database = concurrently ? "example_online" : "example_blocking";
        drop_database(database);
        create_database(database);
        REQUIRE(!apply_file(database, migrations / "0001_initial.up.sql"));
        connection(cluster().conninfo(database)).exec("ALTER TABLE inventory.products ADD COLUMN notes text");
        // The twin: the same index built the ordinary way, in a transaction.
        std::string plain = build;
        plain.replace(plain.find("CONCURRENTLY IF NOT EXISTS "), 27, "");
        const writes_during_build r = write_while_building(database, concurrently ? build : plain, !concurrently);
        CHECK(r.build_was_running);
        CHECK(r.index_valid);
        if (concurrently) {
            CHECK_MESSAGE(!r.update_failure, r.update_failure.value_or(""));
        } else {
            REQUIRE(r.update_failure);
            CHECK(r.update_failure->find("lock timeout") != std::string::npos);
        }
        drop_database(database);
    }
}
#endif

}  // TEST_SUITE
