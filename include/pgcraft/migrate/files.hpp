// A migrations directory: NNNN_name.up.sql, NNNN_name.down.sql and
// NNNN_name.json (the snapshot the migration leads to), with pgcraft.sum
// listing every file's SHA-256, so that a changed file is noticed.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <pgcraft/catalog/catalog.hpp>
#include <pgcraft/migrate/declared_changes.hpp>
#include <pgcraft/migrate/diff.hpp>

namespace pgcraft::migrate {

/// The whole text of a file; std::runtime_error naming it when it cannot be read.
std::string read_text(const std::filesystem::path& path);

/// The SHA-256 of `data`, as 64 lowercase hex digits.
std::string sha256_hex(std::string_view data);

struct migration_files {
    int number = 0;
    std::string stem;  ///< "0002_add_price"
    std::string up;
    std::string down;
    std::string snapshot;
    std::vector<std::string> warnings;
};

/// The next migration of `directory` towards `current`: diffed against its
/// newest snapshot (none: the empty catalog). Empty when nothing changed.
/// Throws refusal, or std::runtime_error for a directory it cannot trust
/// (a file that does not match pgcraft.sum, a bad name).
std::optional<migration_files> next_migration(const std::filesystem::path& directory, std::string_view name,
                                              const catalog::catalog& current, const declared_changes& changes,
                                              const diff_options& options = {});

/// Writes the migration's three files and the new pgcraft.sum: all of them,
/// or, if any write fails, none (the directory is left as it was).
void write_migration(const std::filesystem::path& directory, const migration_files& files);

/// Writes `outputs` beside their places, then moves them all into place; if
/// one cannot be written, none stays, and the files they replaced are back.
void write_all_or_none(const std::vector<std::pair<std::filesystem::path, std::string>>& outputs);

/// The migrations of `directory`, by number: each one's stem ("0002_add_price"),
/// from the names of its snapshots.
std::map<int, std::string> migration_stems(const std::filesystem::path& directory);

/// What is wrong with a migrations directory, a line each naming the file:
/// a file changed since pgcraft.sum was written, one missing or not listed,
/// a gap in the numbers, a header whose snapshots do not chain, and a
/// destructive hazard (found by diffing each migration's snapshots again)
/// that its file was not allowed. Empty when all is well. Throws
/// std::runtime_error when it cannot check (no such directory).
std::vector<std::string> lint_directory(const std::filesystem::path& directory);

/// "-- hazard PG103 drop-column: …" and "-- note: …" lines: what a migration
/// risks and what else it does to rows, for its file and for review.
std::string migration_notes(const migration& m);

/// A migration file's text: a header naming the snapshots it goes from and
/// to (their SHA-256), its hazards and the codes it was allowed, the notes,
/// then each step, marked: BEGIN, SET LOCAL timeouts, its statements and
/// COMMIT; or, outside a transaction, SET timeouts and its one statement.
/// psql -f runs it as it is.
std::string migration_file_text(const migration& m, const diff_options& options, std::string_view stem,
                                std::string_view direction, std::string_view from_hash, std::string_view to_hash);

/// The steps of a migration as its file holds them, each after a blank line and its marker.
std::string migration_steps_text(const migration& m, const diff_options& options);

/// One step of a migration file, as a runner other than pgcraft needs it:
/// whether it runs in one transaction, its SET lines (timeouts) and its
/// statements (without BEGIN and COMMIT).
struct file_step {
    bool in_transaction = true;
    std::string settings;
    std::string statements;
    friend bool operator==(const file_step&, const file_step&) = default;
};

/// The steps of a migration file written by migration_file_text, each
/// marked "-- step N of M: in one transaction" or "…: outside a transaction".
/// Throws std::runtime_error for a step it cannot read.
std::vector<file_step> read_steps(std::string_view file_text);

/// Whether `text` is a duration PostgreSQL takes for a timeout: digits and
/// an optional unit (us, ms, s, min, h, d).
bool valid_timeout(std::string_view text);

}  // namespace pgcraft::migrate
