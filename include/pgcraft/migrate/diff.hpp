// The migration between two catalogs: the statements that turn a database
// holding `from` into one holding `to`, in an order PostgreSQL accepts,
// keeping data wherever the declarations say how (renames, conversions,
// backfills), and re-creating what PostgreSQL forces to be dropped together
// with everything that depends on it.
#pragma once

#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include <pgcraft/catalog/catalog.hpp>
#include <pgcraft/migrate/declared_changes.hpp>
#include <pgcraft/migrate/hazards.hpp>

namespace pgcraft::migrate {

struct diff_options {
    /// Writing the way back: a type goes back by an explicit cast, and a
    /// required column that comes back without a value is noted, not refused
    /// (its values are gone with the up migration).
    bool down = false;
    /// Hazard codes allowed for this migration: a destructive hazard whose
    /// code is not here is refused (see hazards.hpp). The way back allows all.
    std::set<std::string> allowed = {};
    /// How long a statement of the migration may wait for a lock, and run,
    /// before it fails (PostgreSQL's units: 500ms, 5s, 2min; 0 for no limit):
    /// a migration blocked behind a long transaction fails fast instead of
    /// queueing every other query of the table behind it.
    std::string lock_timeout = "5s";
    std::string statement_timeout = "10min";
    /// The statement_timeout of a step that builds an index concurrently:
    /// it scans the table twice and waits for older transactions.
    std::string index_timeout = "1h";
};

/// A part of a migration that commits on its own: statements run in one
/// transaction, or a single statement that PostgreSQL runs only outside one
/// (CREATE INDEX CONCURRENTLY, DROP INDEX CONCURRENTLY).
struct step {
    bool in_transaction = true;
    std::vector<std::string> statements;  ///< each ends in a newline
    friend bool operator==(const step&, const step&) = default;
};

/// A migration runs its main transaction first; then, online, what would
/// lock a table that holds rows for as long as it scans them: indexes built
/// concurrently, each its own step, then one transaction that validates
/// constraints added NOT VALID, sets NOT NULL through a validated check,
/// and attaches unique constraints to their concurrently built indexes.
struct migration {
    std::vector<std::string> statements;  ///< the main transaction's, each ends in a newline
    std::vector<step> later;              ///< the steps after it, in order
    std::vector<hazard> hazards;          ///< what it risks, by code, each naming its object
    std::vector<std::string> notes;       ///< for the file: what else it does to rows
    std::vector<std::string> warnings;    ///< for the person: a declared rename with nothing to rename
    /// Destructive hazard codes that the declarations allowed (pg::allow_drop), for the file's header.
    std::set<std::string> allowed_by_declaration;

    bool empty() const noexcept { return statements.empty() && later.empty(); }
    /// Every step in order: the main transaction (unless it is empty), then the later ones.
    std::vector<step> steps() const;
    /// Every statement of every step, a blank line between them.
    std::string sql() const;
};

/// The diff will not write a migration that would lose data nobody asked to
/// lose (a destructive hazard not allowed), or that PostgreSQL would refuse:
/// each reason names the object (and the hazard's code).
class refusal : public std::runtime_error {
public:
    explicit refusal(std::vector<std::string> reasons);
    const std::vector<std::string>& reasons() const noexcept { return reasons_; }

private:
    std::vector<std::string> reasons_;
};

/// The migration from `from` to `to`. Throws refusal.
migration diff(const catalog::catalog& from, const catalog::catalog& to, const declared_changes& changes = {},
               const diff_options& options = {});

/// The declared changes seen from the other side: renames the other way, the
/// kinds' data steps undone; conversions and backfills belong to the way up.
declared_changes reversed(const declared_changes& changes);

}  // namespace pgcraft::migrate
