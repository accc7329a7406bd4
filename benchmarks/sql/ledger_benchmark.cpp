// The ledger benchmark: on a throwaway PostgreSQL cluster, one entry of two
// legs per transaction into a ledger with double entry, balances and a
// minimum-balance check, with a short history (10,000 entries) and a long
// one (1,000,000), beside an insert of the same two rows into a plain table
// of the same columns and history, measured in the same run.
//
//   build/…/benchmarks/pgcraft_ledger_benchmark [--short 10000] [--long 1000000] [--entries 2000] [--rounds 5]
//
// Targets (from the client, one round trip per entry, as an application
// writes): the cost per entry with the long history at most 1.2 times the
// cost with the short one, and at most 4 times the plain insert. The
// server-side figures run the same transactions in a DO block that commits
// after each entry, without round trips. Exits 2 when a target is missed.
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

#include <pgcraft/generator/build_catalog.hpp>
#include <pgcraft/model.hpp>
#include <pgcraft/sql/render.hpp>

#include "bench_session.hpp"
#include "pg_cluster.hpp"

namespace ledger_bench {

namespace pg = pgcraft;

// Money between accounts 1..N, funded from account 0, the world's, which
// alone may go below zero.
struct transfers {
    using dimension = pg::ledger<pg::in_schema<"bench">, pg::double_entry<>, pg::balances<"account">,
                                 pg::min_balance<0, "<account> <> 0">>;
    std::int64_t account;
};

using schema = pg::schema<transfers>;

}  // namespace ledger_bench

namespace {

constexpr int accounts = 1000;

// The plain baseline: the ledger table's columns and key, nothing else.
constexpr const char* plain_table = R"(CREATE TABLE bench.plain_legs (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    entry_id uuid NOT NULL DEFAULT gen_random_uuid(),
    account bigint NOT NULL,
    value bigint NOT NULL,
    created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
    reverses bigint))";

using sql_bench::session;

// A database with the ledger and the plain table, each with `history`
// entries of two legs (the world funds an account), loaded in bulk.
struct history_database {
    std::string conninfo;
    explicit history_database(int history) {
        pgcraft_it::connection setup = pgcraft_it::fresh_database();
        conninfo = pgcraft_it::cluster().conninfo(setup.text("SELECT current_database()"));
        setup.exec(pgcraft::sql::render_ddl(pgcraft::generator::build_catalog<ledger_bench::schema>()));
        setup.exec(plain_table);
        const std::string n = std::to_string(history);
        const std::string legs = "SELECT e.id, leg.account, leg.value FROM "
                                 "(SELECT gen_random_uuid() AS id, g FROM generate_series(1, " + n + ") g) AS e, "
                                 "LATERAL (VALUES (0::bigint, -100::bigint), (1 + e.g % " + std::to_string(accounts) +
                                 ", 100)) AS leg(account, value)";
        // The history is written as the triggers would have written it, without them (a superuser's bulk load).
        setup.exec("SET session_replication_role = replica");
        setup.exec("INSERT INTO bench.transfers (entry_id, account, value) " + legs);
        setup.exec("INSERT INTO bench.transfers_heads (entry_id) SELECT DISTINCT entry_id FROM bench.transfers");
        setup.exec("INSERT INTO bench.transfers_balances (account, debits, credits, legs) "
                   "SELECT account, coalesce(sum(value) FILTER (WHERE value > 0), 0), "
                   "coalesce(-sum(value) FILTER (WHERE value < 0), 0), count(*) FROM bench.transfers GROUP BY account");
        setup.exec("INSERT INTO bench.plain_legs (entry_id, account, value) " + legs);
        setup.exec("RESET session_replication_role");
        setup.exec("VACUUM ANALYZE");
        if (!setup.query("SELECT * FROM bench.transfers_audit_balances()").empty())
            throw std::runtime_error("the loaded balances do not match the loaded legs");
    }
};

const std::string ledger_entry = "INSERT INTO bench.transfers_entries (entry_id, account, value) "
                                 "VALUES ($1::uuid, $2::bigint, -1), ($1::uuid, $3::bigint, 1)";
const std::string plain_entry = "INSERT INTO bench.plain_legs (entry_id, account, value) "
                                "VALUES ($1::uuid, $2::bigint, -1), ($1::uuid, $3::bigint, 1)";

std::string random_uuid(std::mt19937_64& random) {
    char text[37];
    const std::uint64_t a = random(), b = random();
    std::snprintf(text, sizeof text, "%08x-%04x-4%03x-8%03x-%012llx", static_cast<unsigned>(a >> 32),
                  static_cast<unsigned>((a >> 16) & 0xffff), static_cast<unsigned>(a & 0xfff),
                  static_cast<unsigned>(b >> 52), static_cast<unsigned long long>(b & 0xffffffffffffULL));
    return text;
}

// Seconds for `count` entries, one transaction each, from the client.
double time_client(session& db, const std::string& statement, int count, std::mt19937_64& random) {
    std::uniform_int_distribution<int> pick(1, accounts);
    const auto start = std::chrono::steady_clock::now();
    for (int i = 0; i < count; ++i) {
        const int from = pick(random);
        db.run(statement, {random_uuid(random), std::to_string(from), std::to_string(from % accounts + 1)});
    }
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// The same on the server: a DO block that commits after each entry, so
// that the ledger's checks at COMMIT run as they do for a client.
double time_server(session& db, const std::string& table, int count) {
    const std::string block =
        "DO $bench$ DECLARE a bigint; e uuid; BEGIN FOR i IN 1.." + std::to_string(count) +
        " LOOP a := 1 + floor(random() * " + std::to_string(accounts) + ")::bigint; e := gen_random_uuid(); "
        "INSERT INTO bench." + table + " (entry_id, account, value) VALUES (e, a, -1), (e, a % " +
        std::to_string(accounts) + " + 1, 1); COMMIT; END LOOP; END $bench$";
    const auto start = std::chrono::steady_clock::now();
    db.exec(block);
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

int argument(int argc, char** argv, const std::string& flag, int fallback) {
    for (int i = 1; i + 1 < argc; ++i)
        if (argv[i] == flag) return std::atoi(argv[i + 1]);
    return fallback;
}

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

struct measured {
    double plain, ledger, plain_server, ledger_server;  ///< µs per entry
};

}  // namespace

int main(int argc, char** argv) try {
    const int short_history = argument(argc, argv, "--short", 10000);
    const int long_history = argument(argc, argv, "--long", 1000000);
    const int entries = argument(argc, argv, "--entries", 2000);
    const int rounds = argument(argc, argv, "--rounds", 5);

    std::fprintf(stderr, "loading %d and %d entries of history…\n", short_history, long_history);
    const history_database short_db(short_history);
    const history_database long_db(long_history);
    session shorter(short_db.conninfo), longer(long_db.conninfo);
    for (session* db : {&shorter, &longer}) {
        db->prepare("ledger", ledger_entry);
        db->prepare("plain", plain_entry);
    }

    // Interleaved rounds, the median of each: every figure sees the same machine.
    std::mt19937_64 random(20261202);
    std::vector<double> samples[2][4];
    for (int r = 0; r < rounds; ++r) {
        session* dbs[] = {&shorter, &longer};
        for (int h = 0; h < 2; ++h) {
            samples[h][0].push_back(time_client(*dbs[h], "plain", entries, random));
            samples[h][1].push_back(time_client(*dbs[h], "ledger", entries, random));
            samples[h][2].push_back(time_server(*dbs[h], "plain_legs", entries));
            samples[h][3].push_back(time_server(*dbs[h], "transfers_entries", entries));
        }
    }
    measured m[2];
    for (int h = 0; h < 2; ++h) {
        const double per_entry = 1e6 / entries;
        m[h] = {median(samples[h][0]) * per_entry, median(samples[h][1]) * per_entry,
                median(samples[h][2]) * per_entry, median(samples[h][3]) * per_entry};
    }
    // Every check held on every entry: the balances still match the legs.
    for (const auto* conninfo : {&short_db.conninfo, &long_db.conninfo}) {
        pgcraft_it::connection check(*conninfo);
        if (!check.query("SELECT * FROM bench.transfers_audit_balances()").empty())
            throw std::runtime_error("the balances no longer match the legs");
    }

    const double growth = m[1].ledger / m[0].ledger;
    const double versus_plain = m[1].ledger / m[1].plain;
    const double growth_server = m[1].ledger_server / m[0].ledger_server;
    const double versus_plain_server = m[1].ledger_server / m[1].plain_server;
    const bool growth_met = growth <= 1.2, plain_met = versus_plain <= 4.0;
    std::printf("| history (entries) | plain µs/entry | ledger µs/entry | ratio | server-side plain µs | "
                "server-side ledger µs | server-side ratio |\n| --- | --- | --- | --- | --- | --- | --- |\n");
    const int histories[] = {short_history, long_history};
    for (int h = 0; h < 2; ++h)
        std::printf("| %d | %.1f | %.1f | %.2f | %.1f | %.1f | %.2f |\n", histories[h], m[h].plain, m[h].ledger,
                    m[h].ledger / m[h].plain, m[h].plain_server, m[h].ledger_server,
                    m[h].ledger_server / m[h].plain_server);
    std::printf("\n| target | client | server-side |\n| --- | --- | --- |\n"
                "| ledger, long history ÷ short ≤ 1.2 | %.2f %s | %.2f |\n"
                "| ledger ÷ plain insert, long history ≤ 4 | %.2f %s | %.2f |\n",
                growth, growth_met ? "✓" : "✗", growth_server, versus_plain, plain_met ? "✓" : "✗",
                versus_plain_server);
    std::printf("\nOne entry of two legs per transaction (double entry, balances of %d accounts, a minimum balance),\n"
                "%d entries per round, median of %d rounds; from the client one round trip per entry (prepared\n"
                "statement, autocommit), on the server a DO block that commits after each entry.\n",
                accounts, entries, rounds);
    return growth_met && plain_met ? 0 : 2;
} catch (const std::exception& e) {
    std::fprintf(stderr, "pgcraft_ledger_benchmark: %s\n", e.what());
    return 1;
}
