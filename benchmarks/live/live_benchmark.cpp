// Live databases: introspecting and drift-checking the synthetic schema
// (see synthetic_schema.hpp) on a real cluster, against the baseline of
// `pg_dump --schema-only` of the same database, measured in the same run.
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

#include <unistd.h>


#include <pgcraft/live/drift.hpp>
#include <pgcraft/live/introspect.hpp>
#include <pgcraft/sql/render.hpp>

#include "pg_cluster.hpp"
#include "synthetic_options.hpp"
#include "synthetic_schema.hpp"

int main(int argc, char** argv) {
    pgcraft_bench::synthetic_options options;
    options.repeat = 3;
    if (const auto code = pgcraft_bench::parse(options, argc, argv, "pgcraft live benchmark: introspection and the drift check of a synthetic schema")) return *code;
    const int dimensions = options.dimensions, repeat = options.repeat;

    const pgcraft::catalog::catalog declared = pgcraft_bench::synthetic(dimensions, false);
    pgcraft_it::pg_cluster& cluster = pgcraft_it::cluster();
    {
        pgcraft_it::connection admin(cluster.conninfo("postgres"));
        admin.exec("DROP DATABASE IF EXISTS live_bench WITH (FORCE)");
        admin.exec("CREATE DATABASE live_bench");
        pgcraft_it::connection db(cluster.conninfo("live_bench"));
        db.exec("BEGIN;\n" + pgcraft::sql::render_ddl(declared) + "COMMIT;");
    }
    const std::string conninfo = cluster.conninfo("live_bench");
    const std::string dump = cluster.bindir() + "/pg_dump --schema-only -d '" + conninfo + "' > /dev/null";
    const double pg_dump = pgcraft_bench::seconds(repeat, [&] {
        if (std::system(dump.c_str()) != 0) throw std::runtime_error("pg_dump failed");
    });
    std::size_t sink = 0;
    pgcraft::live::connection db(conninfo);
    const pgcraft::live::scope what = pgcraft::live::scope_of(declared);
    const double introspect =
        pgcraft_bench::seconds(repeat, [&] { sink += pgcraft::live::introspect(db, what).size(); });
    std::size_t differences = 0;
    // Cold: the declarations built in a scratch database and read (a cache of its own each run).
    int run = 0;
    const std::string cache = "/tmp/pgcraft-live-bench-cache-" + std::to_string(::getpid());
    const double cold = pgcraft_bench::seconds(repeat, [&] {
        ::setenv("XDG_CACHE_HOME", (cache + "/" + std::to_string(++run)).c_str(), 1);
        differences = pgcraft::live::drift(conninfo, declared).size();
    });
    // Warm: what the scratch database gave, kept from the last run.
    const double check = pgcraft_bench::seconds(repeat, [&] {
        differences += pgcraft::live::drift(conninfo, declared).size();
    });
    std::filesystem::remove_all(cache);
    std::printf("%d dimensions, %zu objects; the check found %zu differences (sink %zu)\n", dimensions, declared.size(),
                differences, sink);
    std::printf("| measurement | seconds | / pg_dump |\n| --- | --- | --- |\n");
    std::printf("| pg_dump --schema-only (baseline) | %.3f | 1.00 |\n", pg_dump);
    std::printf("| introspect: every object read into catalog values | %.3f | %.2f |\n", introspect, introspect / pg_dump);
    std::printf("| check --database, first run: scratch database, DDL, both read, compared | %.3f | %.2f |\n", cold,
                cold / pg_dump);
    std::printf("| check --database, again: the server's form kept, the database read, compared | %.3f | %.2f |\n",
                check, check / pg_dump);
    return differences == 0 ? 0 : 1;
}
