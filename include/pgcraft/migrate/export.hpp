// The migrations of a directory as another runner reads them: dbmate,
// golang-migrate, Flyway or sqitch.
#pragma once

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <pgcraft/catalog/catalog.hpp>

namespace pgcraft::migrate {

/// A runner migration cut from a pgcraft migration: which of its up steps
/// and which of its down steps it holds (0-based), if any.
struct runner_part {
    std::optional<std::size_t> up;
    std::optional<std::size_t> down;
    friend bool operator==(const runner_part&, const runner_part&) = default;
};

/// The parts of a migration of `up_steps` steps up and `down_steps` down,
/// for a runner that sends a file as one query (dbmate, golang-migrate):
/// max(up_steps, down_steps) parts, at least one. Part i runs up step i;
/// the runner rolls back the last part first, so the down steps go to the
/// first parts in reverse: part 1 holds the last down step, and rolling
/// back every part runs the down steps in their order.
std::vector<runner_part> runner_parts(std::size_t up_steps, std::size_t down_steps);

/// What a sqitch verify script of a migration checks, from its snapshots:
/// what it made (in `to`, not in `from`) that the newest snapshot keeps must
/// be there; what it dropped that the newest snapshot does not have must be
/// gone. So every change verifies once all are deployed, and right after its
/// own deploy. In identity order.
struct verified_objects {
    std::vector<catalog::object_id> present;
    std::vector<catalog::object_id> absent;
};
verified_objects verify_objects(const catalog::catalog& from, const catalog::catalog& to,
                                const catalog::catalog& newest);

/// The migrations of `directory` (which must lint clean) as another runner
/// reads them, into `out` (which must exist):
///  - "dbmate": {version}_{name}.sql with -- migrate:up and -- migrate:down,
///  - "golang-migrate": {version}_{name}.up.sql and .down.sql,
///  - "flyway": V{N}__{name}.sql and U{N}__{name}.sql, V{N}.{i}__… for
///    several parts, with a .conf beside each part outside a transaction,
///  - "sqitch": sqitch.plan (project `project`), deploy/, revert/ and
///    verify/ scripts, and sqitch.conf when there is none.
/// dbmate, golang-migrate and Flyway get one migration per part (see
/// runner_parts); their version is NNNN and a 3-digit part number. Files
/// exported before are kept; one that differs is an error and nothing is
/// written, except sqitch's verify scripts (rewritten: they follow the
/// newest snapshot) and its plan (replaced when the old one is the start of
/// the new one). Returns the files it wrote, relative to `out`.
std::vector<std::string> export_migrations(const std::filesystem::path& directory, std::string_view format,
                                           const std::filesystem::path& out, std::string_view project = "pgcraft");

}  // namespace pgcraft::migrate
