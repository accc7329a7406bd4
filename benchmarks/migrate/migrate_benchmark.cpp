// The generator's run time for migrations: the diff and the migration files of
// a large schema, and its snapshot written and read, against the baseline of
// rendering the same schema's DDL (what `ddl` does) in the same run.
//
// Synthetic schema: N dimensions of ten members each, two in three simple
// and one in three append-only (an entity and a versions table, two views, a
// function and three triggers with their functions), each in one of ten
// schemas. Version 2 changes one column's type in every tenth dimension,
// under the views of the append-only ones, which are then re-created.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <string>
#include <vector>


#include <pgcraft/generator/snapshot.hpp>
#include <pgcraft/migrate/diff.hpp>
#include <pgcraft/migrate/files.hpp>
#include <pgcraft/sql/render.hpp>

#include "synthetic_options.hpp"
#include "synthetic_schema.hpp"

using pgcraft_bench::seconds;
using pgcraft_bench::synthetic;

int main(int argc, char** argv) {
    pgcraft_bench::synthetic_options options;
    options.repeat = 5;
    if (const auto code = pgcraft_bench::parse(options, argc, argv, "pgcraft migration benchmark: diff, files and snapshots of a synthetic schema")) return *code;
    const int dimensions = options.dimensions, repeat = options.repeat;

    const pgcraft::catalog::catalog before = synthetic(dimensions, false);
    const pgcraft::catalog::catalog after = synthetic(dimensions, true);
    std::size_t sink = 0;

    const double ddl = seconds(repeat, [&] { sink += pgcraft::sql::render_ddl(after).size(); });
    const std::string previous_text = pgcraft::generator::write_snapshot(before);
    // What `migrate new` does once the schema's catalog is built: read the
    // newest snapshot, diff both ways, write the snapshot and the files' texts.
    auto migrate_new = [&](const pgcraft::catalog::catalog& previous) {
        const pgcraft::migrate::migration up = pgcraft::migrate::diff(previous, after);
        pgcraft::migrate::diff_options back;
        back.down = true;
        const pgcraft::migrate::migration down = pgcraft::migrate::diff(after, previous, {}, back);
        const std::string snapshot = pgcraft::generator::write_snapshot(after);
        const std::string hash = pgcraft::migrate::sha256_hex(snapshot);
        sink += pgcraft::migrate::migration_file_text(up, {}, "0002_bench", "up", "from", hash).size();
        sink += pgcraft::migrate::migration_file_text(down, back, "0002_bench", "down", hash, "from").size();
    };
    const double migration = seconds(repeat, [&] { migrate_new(before); });
    const double whole = seconds(repeat, [&] { migrate_new(pgcraft::generator::read_snapshot(previous_text)); });
    const std::string snapshot_text = pgcraft::generator::write_snapshot(after);
    const double write = seconds(repeat, [&] { sink += pgcraft::generator::write_snapshot(after).size(); });
    const double read = seconds(repeat, [&] { sink += pgcraft::generator::read_snapshot(snapshot_text).size(); });

    const pgcraft::migrate::migration up = pgcraft::migrate::diff(before, after);
    std::printf("%d dimensions, %zu objects; the migration has %zu statements (sink %zu)\n", dimensions,
                after.size(), up.statements.size(), sink);
    std::printf("| measurement | seconds | / ddl |\n| --- | --- | --- |\n");
    std::printf("| ddl (baseline: render_ddl) | %.3f | 1.00 |\n", ddl);
    std::printf("| diff up and down, files, snapshot and its hash | %.3f | %.2f |\n", migration, migration / ddl);
    std::printf("| migrate new: the snapshot read, then the above | %.3f | %.2f |\n", whole, whole / ddl);
    std::printf("| snapshot written | %.3f | %.2f |\n", write, write / ddl);
    std::printf("| snapshot read | %.3f | %.2f |\n", read, read / ddl);
    return 0;
}
