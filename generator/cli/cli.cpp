#include <pgcraft/generator/cli.hpp>

#include <cerrno>
#include <cstdio>
#include <algorithm>
#include <exception>
#include <fstream>
#include <iostream>
#include <optional>
#include <set>
#include <sstream>
#include <stdexcept>
#include <system_error>
#include <vector>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <pgcraft/extension.hpp>
#include <pgcraft/generator/check.hpp>
#include <pgcraft/generator/snapshot.hpp>
#include <pgcraft/live/apply.hpp>
#include <pgcraft/live/drift.hpp>
#include <pgcraft/generator/plugin_report.hpp>
#include <pgcraft/migrate/diff.hpp>
#include <pgcraft/migrate/export.hpp>
#include <pgcraft/migrate/files.hpp>
#include <pgcraft/sql/erd.hpp>
#include <pgcraft/sql/render.hpp>

namespace pgcraft::generator {

namespace {
std::string reason(int error) { return std::error_code(error, std::generic_category()).message(); }
}  // namespace

void write_file_atomically(const std::filesystem::path& requested, const std::string& text) {
    namespace fs = std::filesystem;
    std::error_code error;
    // Over a symlink, the file it points to is what gets written.
    fs::path path = requested;
    if (fs::is_symlink(fs::symlink_status(path, error))) path = fs::weakly_canonical(path, error);
    const fs::path directory = path.has_parent_path() ? path.parent_path() : fs::path(".");
    if (!fs::is_directory(directory, error))
        throw std::runtime_error("cannot write " + requested.string() + ": the directory " + directory.string() +
                                 " does not exist");
    const fs::path temporary = path.string() + ".pgcraft-tmp";
    {
        std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
        if (!out) throw std::runtime_error("cannot write " + requested.string() + ": " + reason(errno));
        out << text;
        out.flush();
        if (!out) {
            const int cause = errno;
            fs::remove(temporary, error);
            throw std::runtime_error("cannot write " + requested.string() + ": " + reason(cause));
        }
    }
    // A file written over keeps its permissions.
    if (const fs::file_status existing = fs::status(path, error); fs::exists(existing))
        fs::permissions(temporary, existing.permissions(), error);
    fs::rename(temporary, path, error);
    if (error) {
        std::error_code ignored;
        fs::remove(temporary, ignored);
        throw std::runtime_error("cannot replace " + requested.string() + ": " + error.message());
    }
}

namespace {
void emit(const std::string& text, const std::string& output) {
    if (output.empty() || output == "-") {
        std::cout << text << std::flush;
        if (!std::cout) throw std::runtime_error("cannot write to standard output");
    } else {
        write_file_atomically(output, text);
    }
}
std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + path + ": " + reason(errno));
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

migrate::declared_changes changes_of(const generator_entry& entry) {
    return entry.changes ? entry.changes() : migrate::declared_changes{};
}

std::set<std::string> allowed_codes(const std::vector<std::string>& codes) {
    for (const std::string& code : codes)
        if (!migrate::find_hazard(code)) throw std::runtime_error("--allow " + code + ": no hazard has that code");
    return {codes.begin(), codes.end()};
}

int run_migrate_new(const generator_entry& entry, const std::string& directory, const std::string& name,
                    const migrate::diff_options& options) {
    const std::optional<migrate::migration_files> files =
        migrate::next_migration(directory, name, entry.build(), changes_of(entry), options);
    if (!files) {
        std::cout << "no changes: the schema matches the newest snapshot in " << directory << "\n";
        return 0;
    }
    for (const std::string& w : files->warnings) std::cerr << entry.name << ": warning: " << w << '\n';
    migrate::write_migration(directory, *files);
    std::cout << "wrote " << files->stem << ".up.sql, " << files->stem << ".down.sql and " << files->stem
              << ".json in " << directory << "\n";
    return 0;
}

std::string render_status(const std::vector<live::migration_state>& states) {
    std::string text;
    for (const live::migration_state& s : states) {
        using state = live::migration_state::state;
        std::string what;
        switch (s.what) {
            case state::pending: what = "pending"; break;
            case state::applied: what = fmt::format("applied {} (took {})", s.applied_at, s.duration); break;
            case state::partly_applied:
                what = fmt::format("unfinished: {} of {} steps applied (migrate apply goes on)", s.steps_done, s.steps);
                break;
            case state::partly_reverted:
                what = fmt::format("unfinished: {} of {} steps of the way back run (migrate down goes on)", s.steps_done,
                                   s.steps);
                break;
        }
        if (s.changed) what += "; its file has changed since";
        text += fmt::format("{}  {}\n", s.stem, what);
    }
    return text.empty() ? "no migrations\n" : text;
}

int run_drift_check(const generator_entry& entry, const std::string& database, const std::string& scratch,
                    const std::string& format) {
    std::vector<live::difference> differences;
    try {
        differences = live::drift(database, entry.build(),
                                  scratch.empty() ? std::nullopt : std::optional<std::string>(scratch));
    } catch (const std::exception& e) {
        std::cerr << entry.name << ": error: could not check the database: " << e.what() << '\n';
        return 2;
    }
    if (format == "json") {
        std::cout << live::drift_json(differences) << '\n';
    } else {
        for (const live::difference& d : differences) std::cout << live::describe(d) << '\n';
        if (differences.empty()) std::cout << "the database is as declared\n";
    }
    std::cout << std::flush;
    return differences.empty() ? 0 : 1;
}

// The live database's catalog, in the declarations' terms (see drift.hpp).
catalog::catalog live_catalog(const generator_entry& entry, const std::string& database, const std::string& scratch) {
    const catalog::catalog declared = entry.build();
    live::connection db(database);
    const catalog::catalog server_form = live::as_the_server_keeps_it(
        db, database, declared, scratch.empty() ? std::nullopt : std::optional<std::string>(scratch));
    return live::in_declared_terms(live::introspect(db, live::scope_of(declared)), server_form, declared);
}

std::string run_diff(const generator_entry& entry, const std::string& from_path, const std::string& database,
                     const std::string& scratch, const std::string& to_path, bool down, std::set<std::string> allowed) {
    auto snapshot = [](const std::string& path) {
        try {
            return read_snapshot(read_file(path));
        } catch (const std::invalid_argument& e) {
            throw std::runtime_error(path + ": " + e.what());
        }
    };
    const catalog::catalog from = database.empty() ? snapshot(from_path) : live_catalog(entry, database, scratch);
    // Two snapshots carry no declarations: renames are known only from the schema.
    const catalog::catalog to = to_path.empty() ? entry.build() : snapshot(to_path);
    const migrate::declared_changes changes = to_path.empty() ? changes_of(entry) : migrate::declared_changes{};
    migrate::diff_options options;
    options.allowed = std::move(allowed);
    options.down = down;
    const migrate::migration m =
        down ? migrate::diff(to, from, migrate::reversed(changes), options) : migrate::diff(from, to, changes, options);
    for (const std::string& w : m.warnings) std::cerr << entry.name << ": warning: " << w << '\n';
    return migrate::migration_notes(m) + migrate::migration_steps_text(m, options);
}
}  // namespace

int run(const generator_entry& entry, int argc, char** argv) {
    CLI::App app{"pgcraft generator for " + entry.name + ": PostgreSQL DDL from the schema's C++ declarations",
                 entry.name};
    app.require_subcommand(1);
    std::string output;
    CLI::App* ddl = app.add_subcommand("ddl", "Print the DDL that creates the whole schema");
    ddl->add_option("-o,--output", output, "Write to this file instead of standard output");

    std::string erd_format = "mermaid";
    std::string erd_output;
    CLI::App* erd = app.add_subcommand("erd", "Draw the schema: tables, their columns and keys, foreign keys");
    erd->add_option("--format", erd_format, "mermaid (for Markdown) or dot (for Graphviz)")
        ->check(CLI::IsMember({"mermaid", "dot"}));
    erd->add_option("-o,--output", erd_output, "Write to this file instead of standard output");

    CLI::App* check = app.add_subcommand(
        "check", "Check the schema's SQL with PostgreSQL's parser: every statement parses, and every column an "
                 "expression names exists (a build step of the generator target); with --database, check a live "
                 "database for drift (exit 0: as declared, 1: drift, 2: could not check)");
    std::string database;
    std::string scratch_database;
    std::string check_format = "text";
    check->add_option("--database", database,
                      "A libpq connection string or URL (PG* variables and ~/.pgpass apply): compare that database "
                      "with the declarations");
    check->add_option("--scratch-database", scratch_database,
                      "An empty database to build the declarations in for the comparison (default: one created "
                      "beside the checked database, and dropped)");
    check->add_option("--format", check_format, "text, or json for tools")->check(CLI::IsMember({"text", "json"}));

    std::vector<std::string> introspect_schemas;
    std::string introspect_database;
    CLI::App* introspect = app.add_subcommand(
        "introspect", "Print a live database's objects as a snapshot, as the server keeps them");
    introspect->add_option("--database", introspect_database, "A libpq connection string or URL")->required();
    introspect->add_option("--schema", introspect_schemas, "A schema to read (default: the declared schema's)");

    std::string snapshot_output;
    CLI::App* snapshot = app.add_subcommand(
        "snapshot", "Write the schema's catalog as canonical JSON: what the next migration is diffed against");
    snapshot->add_option("-o,--output", snapshot_output, "Write to this file instead of standard output");

    std::string migration_name;
    std::string migrations_dir;
    std::vector<std::string> allowed;
    CLI::App* migrate = app.add_subcommand("migrate", "Migrations: write them, export them, apply them to a database");
    migrate->require_subcommand(1);
    CLI::App* migrate_new = migrate->add_subcommand(
        "new", "Write the migration from the newest snapshot in DIR to this schema (up, down, snapshot, pgcraft.sum)");
    migrate_new->add_option("name", migration_name, "The migration's name: lowercase letters, digits and _")->required();
    migrate_new->add_option("--dir", migrations_dir, "The migrations directory")->required();
    migrate_new->add_option("--allow", allowed, "Allow a destructive hazard by its code (PG103 …; see the README)");
    std::string lock_timeout = migrate::diff_options{}.lock_timeout;
    std::string statement_timeout = migrate::diff_options{}.statement_timeout;
    auto duration = [](const std::string& text) {
        return migrate::valid_timeout(text) ? std::string() : "'" + text + "' is not a duration such as 5s, 500ms or 2min";
    };
    migrate_new->add_option("--lock-timeout", lock_timeout, "How long a statement may wait for a lock")
        ->capture_default_str()
        ->check(duration);
    migrate_new->add_option("--statement-timeout", statement_timeout, "How long a statement may run")
        ->capture_default_str()
        ->check(duration);
    std::string index_timeout = migrate::diff_options{}.index_timeout;
    migrate_new->add_option("--index-timeout", index_timeout, "How long an index may take to build concurrently")
        ->capture_default_str()
        ->check(duration);

    std::string export_format;
    std::string export_to;
    std::string export_project = "pgcraft";
    CLI::App* migrate_export = migrate->add_subcommand(
        "export", "Write the migrations of DIR as another runner reads them (dbmate, golang-migrate, flyway, sqitch); "
                  "for dbmate, golang-migrate and flyway each step becomes a migration of its own");
    migrate_export->add_option("--dir", migrations_dir, "The migrations directory")->required();
    migrate_export->add_option("--format", export_format, "dbmate, golang-migrate, flyway or sqitch")
        ->required()
        ->check(CLI::IsMember({"dbmate", "golang-migrate", "flyway", "sqitch"}));
    migrate_export->add_option("--to", export_to, "The runner's directory")->required();
    migrate_export->add_option("--project", export_project, "The project named in sqitch.plan (sqitch only)")
        ->capture_default_str();

    // Live databases: apply, down, status, baseline.
    std::string apply_database;
    std::optional<int> apply_to;
    bool dry_run = false;
    std::string apply_scratch;
    auto live_options = [&](CLI::App* command, bool with_to, const char* to_help) {
        command->add_option("--database", apply_database, "A libpq connection string or URL (PG* variables and "
                                                          "~/.pgpass apply)")
            ->required();
        command->add_option("--dir", migrations_dir, "The migrations directory")->required();
        if (with_to) command->add_option("--to", apply_to, to_help);
        command->add_flag("--dry-run", dry_run, "Print what would run, run nothing");
        command->add_option("--scratch-database", apply_scratch,
                            "An empty database for the state check (default: one created beside, and dropped)");
    };
    CLI::App* migrate_apply = migrate->add_subcommand(
        "apply", "Apply the pending migrations of DIR to a database, step by step, each recorded in pgcraft.migrations");
    live_options(migrate_apply, true, "The last migration to apply (default: the newest)");
    CLI::App* migrate_down = migrate->add_subcommand("down", "Run the way back of the migrations above --to, newest first");
    live_options(migrate_down, true, "The migration to go back to (0: none)");
    migrate_down->get_option("--to")->required();
    CLI::App* migrate_status = migrate->add_subcommand("status", "List the migrations of DIR: applied, pending, unfinished");
    migrate_status->add_option("--database", apply_database, "A libpq connection string or URL")->required();
    migrate_status->add_option("--dir", migrations_dir, "The migrations directory")->required();
    CLI::App* migrate_baseline = migrate->add_subcommand(
        "baseline", "Mark a database that already matches the newest snapshot as having every migration of DIR");
    live_options(migrate_baseline, false, "");

    std::string diff_from;
    std::string diff_to;
    bool diff_down = false;
    CLI::App* diff = app.add_subcommand("diff", "Print the migration from a snapshot to this schema (or to another snapshot)");
    std::string diff_database;
    std::string diff_scratch;
    CLI::Option* diff_from_option = diff->add_option("--from", diff_from, "The snapshot to start from");
    diff->add_option("--database", diff_database,
                     "Start from a live database instead (a libpq connection string or URL): the migration that "
                     "brings it to the declarations")
        ->excludes(diff_from_option);
    diff->add_option("--scratch-database", diff_scratch, "With --database: where the declarations are built to "
                                                         "compare (default: a database created beside, and dropped)");
    diff->add_option("--to", diff_to, "The snapshot to go to (default: this schema, with its declared renames)");
    diff->add_flag("--down", diff_down, "Print the way back instead");
    diff->add_option("--allow", allowed, "Allow a destructive hazard by its code (PG103 …; see the README)");

    std::string lint_dir;
    CLI::App* lint = app.add_subcommand(
        "lint", "Check a migrations directory: files against pgcraft.sum, numbering, headers, and destructive hazards "
                "each file was not allowed (exit 0: clean, 1: problems, 2: could not check)");
    lint->add_option("dir", lint_dir, "The migrations directory")->required();

    std::string format = "text";
    CLI::App* plugins = app.add_subcommand("plugins", "Print each dimension's plugins in the order they run");
    plugins->add_option("--format", format, "text, or dot for a Graphviz graph")
        ->check(CLI::IsMember({"text", "dot"}));

    std::vector<CLI::App*> extension_commands;
    for (const pgcraft::command* c : entry.commands)
        extension_commands.push_back(app.add_subcommand(std::string(c->name), std::string(c->description)));

    // CLI11 takes an unknown word for a missing subcommand; name it instead.
    if (argc > 1 && argv[1][0] != '-') {
        std::vector<std::string> names;
        for (const CLI::App* sub : app.get_subcommands({})) names.push_back(sub->get_name());
        if (std::find(names.begin(), names.end(), argv[1]) == names.end()) {
            const std::string known = fmt::format("{}", fmt::join(names, ", "));
            std::cerr << entry.name << ": error: unknown command '" << argv[1] << "' (the commands are " << known
                      << "; see --help)\n";
            return 2;
        }
    }
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        return app.exit(e);
    }
    try {
        if (ddl->parsed()) {
            emit(sql::render_ddl(entry.build()), output);
        } else if (snapshot->parsed()) {
            emit(write_snapshot(entry.build()), snapshot_output);
        } else if (check->parsed() && !database.empty()) {
            return run_drift_check(entry, database, scratch_database, check_format);
        } else if (introspect->parsed()) {
            const catalog::catalog declared = entry.build();
            live::scope what = live::scope_of(declared);
            if (!introspect_schemas.empty()) what.schemas = introspect_schemas;
            live::connection db(introspect_database);
            emit(write_snapshot(live::introspect(db, what)), {});
        } else if (check->parsed()) {
            const std::vector<std::string> problems = check_sql(entry.build());
            for (const std::string& p : problems) std::cerr << entry.name << ": error: " << p << '\n';
            return problems.empty() ? 0 : 1;
        } else if (erd->parsed()) {
            const catalog::catalog c = entry.build();
            emit(erd_format == "dot" ? sql::render_erd_dot(c) : sql::render_erd_mermaid(c), erd_output);
        } else if (migrate_new->parsed()) {
            migrate::diff_options options;
            options.allowed = allowed_codes(allowed);
            options.lock_timeout = lock_timeout;
            options.statement_timeout = statement_timeout;
            options.index_timeout = index_timeout;
            return run_migrate_new(entry, migrations_dir, migration_name, options);
        } else if (migrate_apply->parsed() || migrate_down->parsed() || migrate_baseline->parsed()) {
            live::apply_options options;
            options.to = apply_to;
            options.dry_run = dry_run;
            if (!apply_scratch.empty()) options.scratch_database = apply_scratch;
            if (migrate_apply->parsed())
                live::apply_migrations(apply_database, migrations_dir, options, std::cout);
            else if (migrate_down->parsed())
                live::revert_migrations(apply_database, migrations_dir, options, std::cout);
            else
                live::baseline(apply_database, migrations_dir, options, std::cout);
        } else if (migrate_status->parsed()) {
            std::cout << render_status(live::migration_status(apply_database, migrations_dir));
        } else if (migrate_export->parsed()) {
            const std::vector<std::string> written =
                migrate::export_migrations(migrations_dir, export_format, export_to, export_project);
            std::cout << (written.empty() ? "nothing new to export" : fmt::format("wrote {}", fmt::join(written, ", "))) << " in "
                      << export_to << "\n";
        } else if (lint->parsed()) {
            std::vector<std::string> problems;
            try {
                problems = migrate::lint_directory(lint_dir);
            } catch (const std::exception& e) {
                std::cerr << entry.name << ": error: " << e.what() << '\n';
                return 2;
            }
            for (const std::string& p : problems) std::cout << lint_dir << ": " << p << '\n';
            std::cout << std::flush;
            return problems.empty() ? 0 : 1;
        } else if (diff->parsed()) {
            if (diff_from.empty() == diff_database.empty())
                throw std::runtime_error("diff needs --from SNAPSHOT or --database URL");
            emit(run_diff(entry, diff_from, diff_database, diff_scratch, diff_to, diff_down, allowed_codes(allowed)), {});
        } else if (plugins->parsed()) {
            const auto reports = entry.plugins();
            emit(format == "dot" ? render_plugin_dot(reports) : render_plugin_text(reports), {});
        } else {
            for (std::size_t i = 0; i < extension_commands.size(); ++i)
                if (extension_commands[i]->parsed()) {
                    const int status = entry.commands[i]->run(entry.build(), std::cout);
                    std::cout << std::flush;
                    if (!std::cout) throw std::runtime_error("cannot write to standard output");
                    return status;
                }
        }
        return 0;
    } catch (const std::exception& e) {
        std::cerr << entry.name << ": error: " << e.what() << '\n';
        return 1;
    }
}

}  // namespace pgcraft::generator
