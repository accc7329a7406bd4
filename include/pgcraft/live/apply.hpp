// Applying a migrations directory to a live database: a version table
// (pgcraft.migrations), a session advisory lock so that two appliers never
// run at once, each step of a migration committed with its record (a step
// in a transaction commits with it; one outside a transaction is recorded
// after it), so that a failure leaves the database at a known step and a
// rerun continues from there.
#pragma once

#include <filesystem>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace pgcraft::live {

struct apply_options {
    /// The last migration to apply (apply), or the one to go back to (down); none: the newest (apply).
    std::optional<int> to;
    /// Print what would run, run nothing.
    bool dry_run = false;
    /// Where the state check builds the snapshot it compares with (see drift.hpp).
    std::optional<std::string> scratch_database;
};

struct migration_state {
    int number = 0;
    std::string stem;
    enum class state { pending, applied, partly_applied, partly_reverted } what = state::pending;
    int steps = 0;       ///< of the direction it is going
    int steps_done = 0;
    std::string applied_at;
    std::string duration;
    bool changed = false;  ///< applied, but its file is no longer the one applied
};

/// The directory's migrations and what the database has of each.
std::vector<migration_state> migration_status(const std::string& conninfo, const std::filesystem::path& directory);

/// Applies the pending migrations in order (up to options.to), first going
/// on with one that did not finish. Refuses, naming the file: a directory
/// that does not lint clean, an applied migration whose file changed or is
/// missing, a pending one below an applied one, and a database that is not
/// in the state the next migration starts from (the drift shown). Returns
/// how many it applied; what it does is written to `out`. Throws std::runtime_error.
int apply_migrations(const std::string& conninfo, const std::filesystem::path& directory, const apply_options& options,
                     std::ostream& out);

/// Runs the way back of every applied migration above options.to (required), newest first.
int revert_migrations(const std::string& conninfo, const std::filesystem::path& directory,
                      const apply_options& options, std::ostream& out);

/// Marks a database that already matches the newest snapshot as having
/// every migration of the directory, without running them. Refuses when the
/// database has migrations recorded already, or does not match (the drift shown).
void baseline(const std::string& conninfo, const std::filesystem::path& directory, const apply_options& options,
              std::ostream& out);

}  // namespace pgcraft::live
