// migrate apply, down, status and baseline: the directory's files, run step
// by step, each step recorded in pgcraft.migrations as it commits.
#include <pgcraft/live/apply.hpp>

#include <chrono>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <stdexcept>
#include <thread>
#include <utility>

#include <fmt/format.h>

#include <pgcraft/generator/snapshot.hpp>
#include <pgcraft/live/connection.hpp>
#include <pgcraft/live/drift.hpp>
#include <pgcraft/migrate/files.hpp>
#include <pgcraft/sql/render_change.hpp>
#include <pgcraft/sql/session.hpp>
#include <pgcraft/sql/version_table.hpp>

namespace pgcraft::live {

namespace fs = std::filesystem;
namespace vt = sql::version_table;
namespace session = sql::session;

namespace {
struct migration_files {
    int number = 0;
    std::string stem;
    std::string up;
    std::string down;
    std::string checksum;  ///< of the up file
};

// The directory's migrations by number; it must lint clean.
std::map<int, migration_files> read_directory(const fs::path& directory) {
    const std::vector<std::string> problems = migrate::lint_directory(directory);
    if (!problems.empty())
        throw std::runtime_error(fmt::format("{} does not lint clean:\n  {}", directory.string(), fmt::join(problems, "\n  ")));
    std::map<int, migration_files> result;
    for (const fs::directory_entry& e : fs::directory_iterator(directory)) {
        const std::string file = e.path().filename().string();
        if (!file.ends_with(".up.sql") || file.size() < 12 || file[4] != '_') continue;
        migration_files m;
        m.stem = file.substr(0, file.size() - 7);
        m.number = std::stoi(m.stem.substr(0, 4));
        m.up = migrate::read_text(e.path());
        m.down = migrate::read_text(directory / (m.stem + ".down.sql"));
        m.checksum = migrate::sha256_hex(m.up);
        result.emplace(m.number, std::move(m));
    }
    return result;
}

struct recorded {
    int version = 0;
    std::string name;
    std::string checksum;
    int steps = 0;
    int steps_done = 0;
    bool down = false;
    std::string applied_at;
    std::string duration;
    bool finished() const { return !down && steps_done == steps; }
};

std::map<int, recorded> read_records(connection& db) {
    std::map<int, recorded> result;
    for (const row& r : db.query(vt::select_all())) {
        recorded x;
        x.version = std::stoi(r[0].value_or("0"));
        x.name = r[1].value_or("");
        x.checksum = r[2].value_or("");
        x.steps = std::stoi(r[3].value_or("0"));
        x.steps_done = std::stoi(r[4].value_or("0"));
        x.down = r[5].value_or("up") == "down";
        x.applied_at = r[6].value_or("");
        x.duration = r[7].value_or("");
        result.emplace(x.version, std::move(x));
    }
    return result;
}

bool version_table_exists(connection& db) { return db.query(vt::exists())[0][0] == std::optional<std::string>("t"); }

// A connection holding the appliers' lock, with the version table made.
// It is tried, not waited for: a session waiting in pg_advisory_lock holds
// a snapshot, which the other applier's CREATE INDEX CONCURRENTLY would wait
// for in turn (a deadlock).
connection locked(const std::string& conninfo) {
    connection db(conninfo);
    bool said = false;
    while (db.query(vt::try_lock(), {std::to_string(vt::lock_key)})[0][0] != std::optional<std::string>("t")) {
        if (!std::exchange(said, true)) std::cerr << "pgcraft: waiting for another migration of this database\n";
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
    if (!version_table_exists(db)) db.exec(vt::create());
    return db;
}

// Refuses what cannot be applied on top of: a changed or missing file, an applied one above a pending one.
void check_history(const std::map<int, migration_files>& files, const std::map<int, recorded>& records) {
    std::vector<std::string> problems;
    for (const auto& [version, r] : records) {
        const auto f = files.find(version);
        if (f == files.end()) {
            problems.push_back(fmt::format("the database has migration {:04} ({}), whose file is missing", version, r.name));
            continue;
        }
        if (f->second.checksum != r.checksum)
            problems.push_back(fmt::format("{}.up.sql has changed since it was applied (its SHA-256 is not the one "
                                           "recorded)", f->second.stem));
    }
    if (!records.empty())
        for (const auto& [number, f] : files)
            if (number < records.rbegin()->first && !records.contains(number))
                problems.push_back(fmt::format("{} is not applied, but migrations after it are", f.stem));
    if (!problems.empty())
        throw std::runtime_error(fmt::format("cannot apply:\n  {}", fmt::join(problems, "\n  ")));
}

struct runner {
    connection& db;
    std::ostream& out;

    // Runs steps from..steps.size() of a file; `start(i)` runs before step
    // i and `record(i)` after it, in its transaction if it has one.
    template <class Start, class Record>
    void run_steps(const std::string& stem, const std::vector<migrate::file_step>& steps, std::size_t from,
                   Start&& start, Record&& record) {
        for (std::size_t i = from; i < steps.size(); ++i) {
            const migrate::file_step& s = steps[i];
            try {
                // The steps run with the default search_path, as psql or a runner runs the files
                // (an extension declared without a schema goes in the first one); the records do not need it.
                if (s.in_transaction) {
                    db.exec(session::begin());
                    start(i + 1);
                    db.exec(session::default_search_path());
                    db.exec(s.settings + s.statements);
                    db.exec(session::empty_search_path());
                    record(i + 1);
                    db.exec(session::commit());
                } else {
                    start(i + 1);
                    db.exec(session::default_session_search_path());
                    db.exec(s.settings);
                    db.exec(s.statements);
                    db.exec(session::empty_session_search_path());
                    record(i + 1);
                    db.exec(session::reset_timeouts());
                }
            } catch (const error& e) {
                if (s.in_transaction) rollback();
                throw std::runtime_error(fmt::format("{}: step {} of {} failed{}: {}", stem, i + 1, steps.size(),
                                                     s.in_transaction ? " (rolled back)" : "", e.what()));
            }
        }
    }

    void rollback() {
        try {
            db.exec(session::rollback());
        } catch (const error&) {
        }
    }
};

// Where a migration that stopped goes on: at the step after the last done,
// or, when that is an index build, at the drop of what a failed build left.
std::size_t resume_point(const std::vector<migrate::file_step>& steps, int done) {
    std::size_t at = static_cast<std::size_t>(done);
    if (at > 0 && at < steps.size() && !steps[at].in_transaction && !steps[at - 1].in_transaction &&
        sql::is_drop_index_concurrently(steps[at - 1].statements))
        --at;
    return at;
}

std::string steps_text(int n) { return n == 1 ? "1 step" : fmt::format("{} steps", n); }

// Which way a migration goes, in the words of what is printed.
struct direction {
    std::string_view verb;         ///< "apply", "revert"
    std::string_view past_tense;  ///< "applied", "reverted"
};
constexpr direction up{"apply", "applied"}, down{"revert", "reverted"};

// One migration's steps from `from` on, in one direction: printed (a dry
// run) or run, `start` and `record` as runner::run_steps has them.
template <class Start, class Record>
void run_migration(runner& run, const apply_options& options, direction way, const std::string& stem,
                   const std::vector<migrate::file_step>& steps, std::size_t from, Start&& start, Record&& record) {
    if (options.dry_run) {
        run.out << fmt::format("would {} {} (steps {} to {}):\n", way.verb, stem, from + 1, steps.size());
        for (std::size_t i = from; i < steps.size(); ++i) run.out << steps[i].statements << '\n';
        return;
    }
    const auto started = std::chrono::steady_clock::now();
    run.run_steps(stem, steps, from, start, record);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    run.out << fmt::format("{} {} ({}) in {:.2f} s\n", way.past_tense, stem, steps_text(static_cast<int>(steps.size())),
                           seconds)
            << std::flush;
}

void check_state(const std::string& conninfo, const fs::path& directory, const std::string& stem,
                 const apply_options& options) {
    const pgcraft::catalog::catalog expected =
        stem.empty() ? pgcraft::catalog::catalog{} : generator::read_snapshot(migrate::read_text(directory / (stem + ".json")));
    if (expected.size() == 0) return;
    const std::vector<difference> drifted = drift(conninfo, expected, options.scratch_database);
    if (drifted.empty()) return;
    std::vector<std::string> lines;
    for (const difference& d : drifted) lines.push_back(describe(d));
    throw std::runtime_error(fmt::format("the database is not in the state {}.json describes, where the next "
                                         "migration starts:\n  {}",
                                         stem, fmt::join(lines, "\n  ")));
}
}  // namespace

std::vector<migration_state> migration_status(const std::string& conninfo, const fs::path& directory) {
    const std::map<int, migration_files> files = read_directory(directory);
    connection db(conninfo);
    std::map<int, recorded> records;
    if (version_table_exists(db)) records = read_records(db);
    std::vector<migration_state> result;
    for (const auto& [number, f] : files) {
        migration_state s;
        s.number = number;
        s.stem = f.stem;
        s.steps = static_cast<int>(migrate::read_steps(f.up).size());
        if (const auto r = records.find(number); r != records.end()) {
            s.what = r->second.down ? migration_state::state::partly_reverted
                     : r->second.finished() ? migration_state::state::applied
                                            : migration_state::state::partly_applied;
            s.steps = r->second.steps;
            s.steps_done = r->second.steps_done;
            s.applied_at = r->second.applied_at;
            s.duration = r->second.duration;
            s.changed = r->second.checksum != f.checksum;
        }
        result.push_back(std::move(s));
    }
    return result;
}

int apply_migrations(const std::string& conninfo, const fs::path& directory, const apply_options& options,
                     std::ostream& out) {
    const std::map<int, migration_files> files = read_directory(directory);
    connection db = locked(conninfo);
    const std::map<int, recorded> records = read_records(db);
    check_history(files, records);
    runner run{db, out};
    int applied = 0;
    std::string last_applied;
    for (const auto& [version, r] : records) last_applied = files.at(version).stem;
    bool state_checked = false;
    for (const auto& entry : files) {
        // Named, not bound: a lambda below uses them (clang 14 cannot capture a structured binding).
        const int number = entry.first;
        const migration_files& f = entry.second;
        if (options.to && number > *options.to) break;
        const auto r = records.find(number);
        if (r != records.end() && r->second.finished()) continue;
        if (r != records.end() && r->second.down)
            throw std::runtime_error(fmt::format("{} was being reverted and did not finish: go on with migrate down",
                                                 f.stem));
        const std::vector<migrate::file_step> steps = migrate::read_steps(f.up);
        const std::size_t from = r == records.end() ? 0 : resume_point(steps, r->second.steps_done);
        if (r == records.end() && !state_checked) {
            check_state(conninfo, directory, last_applied, options);
            state_checked = true;
        }
        const bool new_row = r == records.end();
        const auto start = [&](std::size_t step) {
            // The record of a new migration commits with its first step.
            if (step == 1 && new_row)
                db.query(vt::insert_started(), {std::to_string(number), f.stem, f.checksum, std::to_string(steps.size())});
        };
        run_migration(run, options, up, f.stem, steps, from, start, [&](std::size_t done) {
            db.query(vt::record_steps(),
                     {std::to_string(number), std::to_string(done), done == steps.size() ? "true" : "false"});
        });
        if (!options.dry_run) ++applied;
    }
    if (applied == 0 && !options.dry_run) out << "nothing to apply: the database is at the newest migration\n";
    return applied;
}

int revert_migrations(const std::string& conninfo, const fs::path& directory, const apply_options& options,
                      std::ostream& out) {
    if (!options.to) throw std::runtime_error("migrate down needs --to N (0: every migration)");
    const std::map<int, migration_files> files = read_directory(directory);
    connection db = locked(conninfo);
    const std::map<int, recorded> records = read_records(db);
    check_history(files, records);
    runner run{db, out};
    int reverted = 0;
    for (auto it = records.rbegin(); it != records.rend(); ++it) {
        const recorded& r = it->second;
        if (r.version <= *options.to) break;
        const migration_files& f = files.at(r.version);
        if (!r.down && !r.finished())
            throw std::runtime_error(fmt::format("{} did not finish applying: go on with migrate apply first", f.stem));
        const std::vector<migrate::file_step> steps = migrate::read_steps(f.down);
        const std::size_t from = r.down ? resume_point(steps, r.steps_done) : 0;
        const std::string version = std::to_string(r.version), total = std::to_string(steps.size());
        const auto start = [&](std::size_t step) {
            if (step == 1 && !r.down) db.query(vt::record_reverting(), {version, total, "0"});
        };
        run_migration(run, options, down, f.stem, steps, from, start, [&](std::size_t done) {
            if (done == steps.size())
                db.query(vt::remove(), {version});
            else
                db.query(vt::record_reverting(), {version, total, std::to_string(done)});
        });
        if (!options.dry_run) ++reverted;
    }
    if (reverted == 0 && !options.dry_run) out << fmt::format("nothing to revert: the database is at {:04} or below\n", *options.to);
    return reverted;
}

void baseline(const std::string& conninfo, const fs::path& directory, const apply_options& options, std::ostream& out) {
    const std::map<int, migration_files> files = read_directory(directory);
    if (files.empty()) throw std::runtime_error(directory.string() + " has no migration to mark");
    connection db = locked(conninfo);
    if (!read_records(db).empty())
        throw std::runtime_error("the database has migrations recorded already: baseline is for one that has none");
    check_state(conninfo, directory, files.rbegin()->second.stem, options);
    if (options.dry_run) {
        out << fmt::format("would mark {} migrations as applied\n", files.size());
        return;
    }
    db.exec(session::begin());
    for (const auto& [number, f] : files)
        db.query(vt::insert_applied(), {std::to_string(number), f.stem, f.checksum,
                                        std::to_string(migrate::read_steps(f.up).size())});
    db.exec(session::commit());
    out << fmt::format("marked {} migrations as applied: the database is at {}\n", files.size(), files.rbegin()->second.stem);
}

}  // namespace pgcraft::live
