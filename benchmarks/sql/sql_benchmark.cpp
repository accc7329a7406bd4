// The SQL benchmark: on a throwaway PostgreSQL cluster, 20,000 entities with
// about five versions each; point reads, single-column updates, inserts and
// 1,000-row batch inserts through the dimensions' views, each as a ratio to
// the same operation on a plain table with the same columns, measured in the
// same run. The server-side ratio (the statements in a DO block, no round
// trips) is the one the targets are for; the client's is shown beside it.
// Exits 2 when a target is missed.
//
//   build/…/benchmarks/sql/pgcraft_sql_benchmark [--entities 20000] [--operations 4000] [--rounds 3]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

#include <pgcraft/generator/build_catalog.hpp>
#include <pgcraft/sql/render.hpp>

#include "bench_schema.hpp"
#include "bench_session.hpp"
#include "pg_cluster.hpp"

namespace {

using sql_bench::session;

struct operation {
    std::string name;
    std::string plain_sql;      ///< $1: an entity id (a batch's tag)
    std::string dimension_sql;
    double target;              ///< the largest acceptable server-side ratio
    int rows;                   ///< rows each statement writes or reads
};

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

// Seconds for `count` executions of a prepared statement with random ids.
double time_operation(session& db, const std::string& statement, int entities, int count, std::mt19937& random) {
    std::uniform_int_distribution<int> pick(1, entities);
    const auto start = std::chrono::steady_clock::now();
    for (int i = 0; i < count; ++i) db.run(statement, {std::to_string(pick(random))});
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// Seconds for `count` executions inside one DO block on the server: the cost
// of the statement itself, without the client's round trips. PL/pgSQL caches
// the plan of a static statement, as a prepared statement would.
double time_on_server(session& db, std::string sql, int entities, int count) {
    for (std::size_t at; (at = sql.find("$1")) != std::string::npos;) sql.replace(at, 2, "k");
    if (sql.rfind("SELECT", 0) == 0) sql.replace(0, 6, "PERFORM");
    const std::string block = "DO $bench$ DECLARE k integer; BEGIN FOR i IN 1.." + std::to_string(count) +
                              " LOOP k := 1 + floor(random() * " + std::to_string(entities) + ")::integer; " + sql +
                              "; END LOOP; END $bench$";
    const auto start = std::chrono::steady_clock::now();
    db.exec(block);
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

int argument(int argc, char** argv, const std::string& flag, int fallback) {
    for (int i = 1; i + 1 < argc; ++i)
        if (argv[i] == flag) return std::atoi(argv[i + 1]);
    return fallback;
}

}  // namespace

int main(int argc, char** argv) try {
    const int entities = argument(argc, argv, "--entities", 20000);
    const int operations = argument(argc, argv, "--operations", 4000);
    const int rounds = argument(argc, argv, "--rounds", 3);

    pgcraft_it::connection setup = pgcraft_it::fresh_database();
    const std::string database = setup.text("SELECT current_database()");
    setup.exec(pgcraft::sql::render_ddl(pgcraft::generator::build_catalog<sql_bench::schema>()));

    session db(pgcraft_it::cluster().conninfo(database));
    std::fprintf(stderr, "loading %d entities with 5 versions each…\n", entities);
    const std::string n = std::to_string(entities);
    db.exec("INSERT INTO bench.plain_products (name, sku, price, stock) "
            "SELECT 'product ' || g, 'SKU-' || g, g % 100, g FROM generate_series(1, " + n + ") g");
    db.exec("INSERT INTO bench.products_current (name, sku, price, stock) "
            "SELECT 'product ' || g, 'SKU-' || g, g % 100, g FROM generate_series(1, " + n + ") g");
    db.exec("INSERT INTO bench.plain_settings (label, code, max_items, enabled) "
            "SELECT 'setting ' || g, 'C' || g % 1000, 1 + g % 50, g % 2 = 0 FROM generate_series(1, " + n + ") g");
    db.exec("INSERT INTO bench.settings_current (label, code, max_items, enabled) "
            "SELECT 'setting ' || g, 'C' || g % 1000, 1 + g % 50, g % 2 = 0 FROM generate_series(1, " + n + ") g");
    for (int version = 2; version <= 5; ++version) {
        db.exec("UPDATE bench.plain_products SET stock = stock + 1");
        db.exec("UPDATE bench.products_current SET stock = stock + 1");
        db.exec("UPDATE bench.plain_settings SET max_items = max_items + 1");
        db.exec("UPDATE bench.settings_current SET max_items = max_items + 1");
    }
    db.exec("VACUUM ANALYZE");

    // Server-side targets (the issue's): the cost on the server, without round trips, is the one that counts.
    const std::vector<operation> ops = {
        {"append-only point read", "SELECT * FROM bench.plain_products WHERE id = $1",
         "SELECT * FROM bench.products_current WHERE id = $1", 1.3, 1},
        {"append-only single-column update", "UPDATE bench.plain_products SET stock = stock + 1 WHERE id = $1",
         "UPDATE bench.products_current SET stock = stock + 1 WHERE id = $1", 3.0, 1},
        {"append-only insert",
         "INSERT INTO bench.plain_products (name, sku, price, stock) VALUES ('new', 'NEW-' || $1::text, 1, 1)",
         "INSERT INTO bench.products_current (name, sku, price, stock) VALUES ('new', 'NEW-' || $1::text, 1, 1)", 2.5,
         1},
        {"EAV point read", "SELECT * FROM bench.plain_settings WHERE id = $1",
         "SELECT * FROM bench.settings_current WHERE id = $1", 3.0, 1},
        {"EAV single-attribute update", "UPDATE bench.plain_settings SET max_items = max_items + 1 WHERE id = $1",
         "UPDATE bench.settings_current SET max_items = max_items + 1 WHERE id = $1", 6.0, 1},
        {"append-only batch insert (1,000 rows)",
         "INSERT INTO bench.plain_products (name, sku, price, stock) "
         "SELECT 'batch', 'B-' || $1::text || '-' || g, 1, g FROM generate_series(1, 1000) g",
         "INSERT INTO bench.products_current (name, sku, price, stock) "
         "SELECT 'batch', 'B-' || $1::text || '-' || g, 1, g FROM generate_series(1, 1000) g",
         3.0, 1000},
        {"EAV batch insert (1,000 rows)",
         "INSERT INTO bench.plain_settings (label, code, max_items, enabled) "
         "SELECT 'batch ' || $1::text, 'B' || g % 1000, 1 + g % 50, true FROM generate_series(1, 1000) g",
         "INSERT INTO bench.settings_current (label, code, max_items, enabled) "
         "SELECT 'batch ' || $1::text, 'B' || g % 1000, 1 + g % 50, true FROM generate_series(1, 1000) g",
         3.0, 1000},
        {"ledger batch insert (1,000 legs)",
         "INSERT INTO bench.plain_moves (account, value) SELECT $1::bigint, g FROM generate_series(1, 1000) g",
         "INSERT INTO bench.moves_entries (account, value) SELECT $1::bigint, g FROM generate_series(1, 1000) g", 3.0,
         1000},
    };
    for (std::size_t i = 0; i < ops.size(); ++i) {
        db.prepare("plain_" + std::to_string(i), ops[i].plain_sql);
        db.prepare("dimension_" + std::to_string(i), ops[i].dimension_sql);
    }

    // What one round trip costs here, with nothing to do: the client-side
    // ratios shrink as it grows, so every run reports it.
    db.prepare("round_trip", "SELECT $1::integer");
    std::mt19937 random(20261123);
    std::vector<double> trips;
    for (int r = 0; r < rounds; ++r) trips.push_back(time_operation(db, "round_trip", entities, operations, random));
    const double round_trip = median(trips) / operations * 1e6;
    std::printf("| operation | server-side plain µs | server-side dimension µs | server-side ratio | target | "
                "client plain µs | client dimension µs | client ratio |\n"
                "| --- | --- | --- | --- | --- | --- | --- | --- |\n");
    bool all_met = true;
    for (std::size_t i = 0; i < ops.size(); ++i) {
        // A batch writes a thousand rows per statement: fewer statements per round.
        const int count = ops[i].rows > 1 ? std::max(1, operations / 200) : operations;
        // Interleaved rounds, the median of each: the two sides see the same machine.
        std::vector<double> plain, dimension, plain_server, dimension_server;
        for (int r = 0; r < rounds; ++r) {
            plain_server.push_back(time_on_server(db, ops[i].plain_sql, entities, count));
            dimension_server.push_back(time_on_server(db, ops[i].dimension_sql, entities, count));
            plain.push_back(time_operation(db, "plain_" + std::to_string(i), entities, count, random));
            dimension.push_back(time_operation(db, "dimension_" + std::to_string(i), entities, count, random));
        }
        const double per = 1e6 / count;
        const double ps = median(plain_server) * per, ds = median(dimension_server) * per;
        const double pc = median(plain) * per, dc = median(dimension) * per;
        const double server_ratio = ds / ps;
        const bool met = server_ratio <= ops[i].target;
        all_met = all_met && met;
        std::printf("| %s | %.1f | %.1f | %.2f | ≤ %.1f %s | %.1f | %.1f | %.2f |\n", ops[i].name.c_str(), ps, ds,
                    server_ratio, ops[i].target, met ? "✓" : "✗", pc, dc, dc / pc);
    }
    std::printf("\n%d entities, about 5 versions each; %d operations per round (batches: %d statements of 1,000 rows),\n"
                "median of %d rounds. Server-side: the statements in a DO block, no round trips, the figure the\n"
                "targets are for. Client: prepared statements, one round trip each (an empty one, SELECT $1, took\n"
                "%.1f µs). µs per statement.\n",
                entities, operations, std::max(1, operations / 200), rounds, round_trip);
    return all_met ? 0 : 2;
} catch (const std::exception& e) {
    std::fprintf(stderr, "pgcraft_sql_benchmark: %s\n", e.what());
    return 1;
}
