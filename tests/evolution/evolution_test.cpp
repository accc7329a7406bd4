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
#include <vector>

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

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
    std::string granted_at_v2() const { return history ? "products_current" : "products"; }
};

std::vector<std::string> generators_of(const char* paths) { return split(paths, '|'); }

kind_spec simple_kind() { return {"simple", "evo_s", "evo_s_reader", false, generators_of(PGCRAFT_EVOLUTION_SIMPLE)}; }
kind_spec append_only_kind() {
    return {"append_only", "evo_a", "evo_a_reader", true, generators_of(PGCRAFT_EVOLUTION_APPEND_ONLY)};
}
kind_spec eav_kind() { return {"eav", "evo_e", "evo_e_reader", true, generators_of(PGCRAFT_EVOLUTION_EAV)}; }

std::string migration_file(int k, const std::string& suffix) {
    char prefix[16];
    std::snprintf(prefix, sizeof prefix, "%04d", k);
    return std::string(prefix) + "_v" + std::to_string(k) + suffix;
}

std::string database_name(const kind_spec& kind, const std::string& what) { return "evo_" + kind.name + "_" + what; }

// ---------------------------------------------------------------- checks on B

/// INSERT, UPDATE and DELETE through every writable relation of version v.
void check_writes(const kind_spec& kind, const std::string& database, int v, const std::string& when) {
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

TEST_SUITE("evolution") {

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

#ifdef PGCRAFT_EXAMPLE_GENERATOR
TEST_CASE("the example's committed migrations give its DDL's database, and back") {
    // The files in examples/inventory/migrations, as committed: up to the
    // example's DDL, down one step to its first migration alone, then to nothing.
    const fs::path migrations = PGCRAFT_EXAMPLE_MIGRATIONS;
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
#endif

}  // TEST_SUITE
