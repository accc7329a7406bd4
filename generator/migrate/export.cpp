// The migrations of a directory as another runner reads them. dbmate and
// golang-migrate send a file as one query string, which PostgreSQL runs in
// an implicit transaction when it holds several statements: a step outside
// a transaction (CREATE INDEX CONCURRENTLY) must be a file of its own, so
// each step becomes a runner migration ("part"); Flyway follows the same
// parts. sqitch runs each script with psql, which takes the files as they are.
#include <pgcraft/migrate/export.hpp>

#include <algorithm>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>
#include <utility>

#include <fmt/format.h>

#include <pgcraft/generator/snapshot.hpp>
#include <pgcraft/migrate/files.hpp>
#include <pgcraft/sql/render_change.hpp>

namespace pgcraft::migrate {

namespace fs = std::filesystem;

std::vector<runner_part> runner_parts(std::size_t up_steps, std::size_t down_steps) {
    std::vector<runner_part> parts(std::max({up_steps, down_steps, std::size_t{1}}));
    for (std::size_t i = 0; i < parts.size(); ++i) {
        if (i < up_steps) parts[i].up = i;
        if (i < down_steps) parts[i].down = down_steps - 1 - i;
    }
    return parts;
}

verified_objects verify_objects(const catalog::catalog& from, const catalog::catalog& to,
                                const catalog::catalog& newest) {
    verified_objects v;
    for (const auto& [id, o] : to.objects())
        if (!from.find(id) && newest.find(id)) v.present.push_back(id);
    for (const auto& [id, o] : from.objects())
        if (!to.find(id) && !newest.find(id)) v.absent.push_back(id);
    return v;
}

namespace {
constexpr std::size_t max_parts = 999;  // the 3 digits of a part's number
constexpr std::string_view plan_timestamp = "1970-01-01T00:00:00Z";

// What an export does with a file the runner's directory has already.
enum class on_existing {
    keep,     ///< nothing when it is the same text; a different one is an error
    rewrite,  ///< written again (sqitch's verify scripts follow the newest snapshot)
    extend,   ///< replaced when the new text starts with the old (sqitch's plan, migrations appended)
    leave,    ///< left as it is, whatever it holds (sqitch.conf: the user's own settings)
};

struct output {
    fs::path file;  ///< relative to the runner's directory
    std::string text;
    on_existing existing = on_existing::keep;
};

// A pgcraft migration as its files hold it.
struct source {
    int number = 0;
    std::string stem;  ///< "0002_add_price"
    std::string name;  ///< "add_price"
    std::string up;
    std::string down;
    std::vector<file_step> up_steps;
    std::vector<file_step> down_steps;
};

std::vector<file_step> steps_of(const fs::path& file, const std::string& text) {
    std::vector<file_step> steps;
    try {
        steps = read_steps(text);
    } catch (const std::runtime_error& e) {
        throw std::runtime_error(file.string() + ": " + e.what());
    }
    if (steps.empty())
        throw std::runtime_error(file.string() + " marks no steps: write it again with this pgcraft");
    return steps;
}

std::vector<source> read_sources(const fs::path& directory) {
    std::vector<source> sources;
    for (const auto& [number, stem] : migration_stems(directory)) {
        source s{number, stem, stem.substr(5), read_text(directory / (stem + ".up.sql")),
                 read_text(directory / (stem + ".down.sql")), {}, {}};
        s.up_steps = steps_of(directory / (stem + ".up.sql"), s.up);
        s.down_steps = steps_of(directory / (stem + ".down.sql"), s.down);
        sources.push_back(std::move(s));
    }
    return sources;
}

std::vector<runner_part> parts_of(const source& m) {
    std::vector<runner_part> parts = runner_parts(m.up_steps.size(), m.down_steps.size());
    if (parts.size() > max_parts)
        throw std::runtime_error(fmt::format("{} has {} steps: more than the {} parts a runner's version can number",
                                             m.stem, parts.size(), max_parts));
    return parts;
}

// NNNN and the part's 3 digits: the same width for every migration, so that
// runners that sort versions as numbers and those that sort them as text agree.
std::string part_version(const source& m, std::size_t part) { return fmt::format("{:04}{:03}", m.number, part + 1); }

// The header lines of a migration file after its first: from, to, hazards, allowed codes, notes.
std::string header_details(const std::string& text) {
    std::string details;
    for (std::size_t at = text.find('\n'); at != std::string::npos && text.compare(at + 1, 2, "--") == 0;) {
        const std::size_t end = text.find('\n', at + 1);
        details += text.substr(at + 1, end == std::string::npos ? std::string::npos : end - at);
        at = end;
    }
    return details;
}

// What an empty half of a part says instead.
std::string empty_up(const source& m) {
    return fmt::format("-- nothing to run: the up migration's {} step(s) are in the parts before\n", m.up_steps.size());
}
std::string empty_down(const source& m) {
    return fmt::format("-- nothing to run: rolling back the parts before, from the last, runs the down "
                       "migration's {} step(s) in order\n",
                       m.down_steps.size());
}

// A step as one query string: in a transaction, its SET LOCAL timeouts and
// statements; outside one, the statement alone, since with its SET lines the
// string would be run in an implicit transaction.
std::string one_query(const file_step& s) { return s.in_transaction ? s.settings + "\n" + s.statements : s.statements; }

// ---------------------------------------------------------------- dbmate

std::string step_name(const std::optional<std::size_t>& step, std::size_t steps, std::string_view direction) {
    return step ? fmt::format("{} step {} of {}", direction, *step + 1, steps) : fmt::format("no {} step", direction);
}

std::string dbmate_block(std::string_view direction, const std::optional<std::size_t>& step,
                         const std::vector<file_step>& steps, const std::string& empty) {
    if (!step) return fmt::format("-- migrate:{}\n{}", direction, empty);
    const file_step& s = steps[*step];
    return fmt::format("-- migrate:{}{}\n{}", direction, s.in_transaction ? "" : " transaction:false", one_query(s));
}

void export_dbmate(const source& m, std::vector<output>& outputs) {
    const std::vector<runner_part> parts = parts_of(m);
    for (std::size_t i = 0; i < parts.size(); ++i) {
        const runner_part& p = parts[i];
        std::string text = fmt::format("-- pgcraft migration {}, part {} of {} ({}, {})\n", m.stem, i + 1, parts.size(),
                                       step_name(p.up, m.up_steps.size(), "up"),
                                       step_name(p.down, m.down_steps.size(), "down"));
        if (i == 0) text += header_details(m.up);
        text += "\n" + dbmate_block("up", p.up, m.up_steps, empty_up(m)) + "\n" +
                dbmate_block("down", p.down, m.down_steps, empty_down(m));
        outputs.push_back({fmt::format("{}_{}.sql", part_version(m, i), m.name), std::move(text)});
    }
}

// ---------------------------------------------------------------- golang-migrate

// golang-migrate sends a file as it is and opens no transaction: the file holds its own.
std::string golang_text(const std::optional<std::size_t>& step, const std::vector<file_step>& steps,
                        const std::string& empty) {
    if (!step) return empty;
    const file_step& s = steps[*step];
    return s.in_transaction ? sql::render_in_transaction(one_query(s)) : s.statements;
}

void export_golang_migrate(const source& m, std::vector<output>& outputs) {
    const std::vector<runner_part> parts = parts_of(m);
    for (std::size_t i = 0; i < parts.size(); ++i) {
        const std::string stem = fmt::format("{}_{}", part_version(m, i), m.name);
        outputs.push_back({stem + ".up.sql", golang_text(parts[i].up, m.up_steps, empty_up(m))});
        outputs.push_back({stem + ".down.sql", golang_text(parts[i].down, m.down_steps, empty_down(m))});
    }
}

// ---------------------------------------------------------------- Flyway

// Flyway splits a script into statements itself and opens the transaction,
// or, told so by the script's .conf, runs it outside one: its SET lines stay.
void add_flyway_script(const fs::path& file, const std::optional<std::size_t>& step,
                       const std::vector<file_step>& steps, const std::string& empty, std::vector<output>& outputs) {
    if (!step) {
        outputs.push_back({file, empty});
        return;
    }
    const file_step& s = steps[*step];
    outputs.push_back({file, s.in_transaction ? s.settings + "\n" + s.statements : s.settings + s.statements});
    if (!s.in_transaction) outputs.push_back({file.string() + ".conf", "executeInTransaction=false\n"});
}

void export_flyway(const source& m, std::vector<output>& outputs) {
    const std::vector<runner_part> parts = parts_of(m);
    for (std::size_t i = 0; i < parts.size(); ++i) {
        // Flyway orders dotted versions as numbers: 2.1, 2.2, …, 2.10, then 3.
        const std::string version =
            parts.size() == 1 ? std::to_string(m.number) : fmt::format("{}.{}", m.number, i + 1);
        add_flyway_script(fmt::format("V{}__{}.sql", version, m.name), parts[i].up, m.up_steps, empty_up(m), outputs);
        add_flyway_script(fmt::format("U{}__{}.sql", version, m.name), parts[i].down, m.down_steps, empty_down(m),
                          outputs);
    }
}

// ---------------------------------------------------------------- sqitch

// sqitch's own rule for project and change names, narrowed: letters, digits
// and _ . -, starting and ending with a letter, digit or _.
bool valid_sqitch_name(std::string_view name) {
    auto word = [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    };
    return !name.empty() && word(name.front()) && word(name.back()) &&
           std::all_of(name.begin(), name.end(), [&](char c) { return word(c) || c == '.' || c == '-'; });
}

std::string sqitch_plan(const std::vector<source>& sources, std::string_view project,
                        const std::vector<std::string>& snapshot_hashes) {
    std::string plan = fmt::format("%syntax-version=1.0.0\n%project={}\n", project);
    plan += fmt::format("# Written by pgcraft's migrate export: every change is planned at {} by pgcraft, so that "
                        "the same migrations always give the same plan.\n\n",
                        plan_timestamp);
    for (std::size_t i = 0; i < sources.size(); ++i) {
        const std::string requires_previous = i == 0 ? "" : fmt::format("[{}] ", sources[i - 1].stem);
        plan += fmt::format("{} {}{} pgcraft <pgcraft@localhost> # pgcraft migration {}, to snapshot {}\n",
                            sources[i].stem, requires_previous, plan_timestamp, sources[i].stem,
                            snapshot_hashes[i].substr(0, 12));
    }
    return plan;
}

catalog::catalog snapshot_of(const fs::path& file, const std::string& text) {
    try {
        return generator::read_snapshot(text);
    } catch (const std::exception& e) {
        throw std::runtime_error(file.string() + ": " + e.what());
    }
}

void export_sqitch(const fs::path& directory, const std::vector<source>& sources, std::string_view project,
                   std::vector<output>& outputs) {
    if (!valid_sqitch_name(project))
        throw std::runtime_error(fmt::format("'{}' is not a sqitch project name: letters, digits and _ . -, starting "
                                             "and ending with a letter, digit or _",
                                             project));
    std::vector<catalog::catalog> snapshots;
    std::vector<std::string> hashes;
    for (const source& m : sources) {
        const fs::path file = directory / (m.stem + ".json");
        const std::string text = read_text(file);
        snapshots.push_back(snapshot_of(file, text));
        hashes.push_back(sha256_hex(text));
    }
    const catalog::catalog empty;
    for (std::size_t i = 0; i < sources.size(); ++i) {
        const source& m = sources[i];
        outputs.push_back({fs::path("deploy") / (m.stem + ".sql"), m.up});
        outputs.push_back({fs::path("revert") / (m.stem + ".sql"), m.down});
        const verified_objects v = verify_objects(i == 0 ? empty : snapshots[i - 1], snapshots[i], snapshots.back());
        const std::string verify =
            fmt::format("-- pgcraft verify {}: what it made is there and what it dropped is gone, as far as the "
                        "newest migration ({}) keeps them; written again by every export\n",
                        m.stem, sources.back().stem) +
            sql::render_verify(v.present, v.absent);
        outputs.push_back({fs::path("verify") / (m.stem + ".sql"), verify, on_existing::rewrite});
    }
    outputs.push_back({"sqitch.plan", sqitch_plan(sources, project, hashes), on_existing::extend});
    outputs.push_back({"sqitch.conf", "[core]\n\tengine = pg\n", on_existing::leave});
}

// ---------------------------------------------------------------- writing

// Whether `o` is to be written over what `out` holds; throws for a file it must not replace.
bool to_write(const fs::path& out, const output& o) {
    const fs::path path = out / o.file;
    if (!fs::exists(path)) return true;
    if (o.existing == on_existing::leave) return false;
    const std::string old = read_text(path);
    if (old == o.text) return false;
    if (o.existing == on_existing::rewrite) return true;
    if (o.existing == on_existing::extend && o.text.starts_with(old)) return true;
    throw std::runtime_error(path.string() + " exists already, with other content" +
                             (o.existing == on_existing::extend ? " than the start of the new one" : ""));
}
}  // namespace

std::vector<std::string> export_migrations(const fs::path& directory, std::string_view format, const fs::path& out,
                                           std::string_view project) {
    using exporter = void (*)(const source&, std::vector<output>&);
    const std::map<std::string_view, exporter> exporters = {
        {"dbmate", export_dbmate}, {"golang-migrate", export_golang_migrate}, {"flyway", export_flyway}};
    if (format != "sqitch" && !exporters.contains(format))
        throw std::runtime_error(fmt::format("no runner format '{}' (dbmate, golang-migrate, flyway, sqitch)", format));
    const std::vector<std::string> problems = lint_directory(directory);
    if (!problems.empty())
        throw std::runtime_error(fmt::format("{} does not lint clean: {}", directory.string(), problems.front()));
    if (!fs::is_directory(out)) throw std::runtime_error("the directory " + out.string() + " does not exist");

    const std::vector<source> sources = read_sources(directory);
    std::vector<output> outputs;
    if (format == "sqitch") {
        if (!sources.empty()) export_sqitch(directory, sources, project, outputs);
    } else {
        for (const source& m : sources) exporters.at(format)(m, outputs);
    }
    // Every file is checked before any is written.
    std::vector<std::pair<fs::path, std::string>> fresh;
    std::vector<std::string> written;
    for (output& o : outputs) {
        if (!to_write(out, o)) continue;
        written.push_back(o.file.generic_string());
        fresh.emplace_back(out / o.file, std::move(o.text));
    }
    for (const auto& [path, text] : fresh) fs::create_directories(path.parent_path());
    write_all_or_none(fresh);
    return written;
}

}  // namespace pgcraft::migrate
