// The statements of pgcraft's version table, pgcraft.migrations: which
// migrations of a directory a database has, and how far a migration that
// did not finish got. Values are statement parameters ($1, $2, …).
#pragma once

#include <string_view>

namespace pgcraft::sql::version_table {

/// The key of the session advisory lock that keeps two appliers apart.
inline constexpr long long lock_key = 0x7067637261667400LL;  // "pgcraft\0"

/// $1 lock_key: takes the appliers' lock if it is free (true), else false at once.
std::string_view try_lock();
/// Whether pgcraft.migrations exists (true / false).
std::string_view exists();

/// CREATE SCHEMA / TABLE IF NOT EXISTS: version, name, the up file's SHA-256,
/// the steps it has and has done (in the direction it is going), when it
/// started and finished, how long it took.
std::string_view create();
/// version, name, checksum, steps, steps_done, direction, applied_at, duration, in version order.
std::string_view select_all();
/// $1 version, $2 name, $3 checksum, $4 steps: a migration starting, no step done.
std::string_view insert_started();
/// $1 version, $2 steps done; finished when they are all done ($3 'true').
std::string_view record_steps();
/// $1 version, $2 steps of the way back, $3 steps done on the way back.
std::string_view record_reverting();
/// $1 version: gone, its way back done.
std::string_view remove();
/// $1 version, $2 name, $3 checksum, $4 steps: marked applied without running it (baseline).
std::string_view insert_applied();

}  // namespace pgcraft::sql::version_table
