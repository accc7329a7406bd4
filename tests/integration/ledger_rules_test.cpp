// A ledger's rules on a live server: double entry checked at COMMIT (per
// currency), balances maintained in the same transaction, limits that two
// concurrent sessions cannot both pass (READ COMMITTED and REPEATABLE READ),
// the audit of the balances, and the protection of the rules' own tables.
#include <doctest/doctest.h>

#include <chrono>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <pgcraft/generator/build_catalog.hpp>
#include <pgcraft/live/drift.hpp>
#include <pgcraft/model.hpp>
#include <pgcraft/sql/render.hpp>

#include "database_queries.hpp"
#include "pg_cluster.hpp"
#include "printers.hpp"

namespace ledger_rules_fixture {

namespace pg = pgcraft;

// Money between accounts: every entry balances per currency; no account but
// the world's may go below zero, none above a million.
struct transfers {
    using dimension = pg::ledger<pg::in_schema<"money">, pg::double_entry<"currency">,
                                 pg::balances<"account", "currency">,
                                 pg::min_balance<0, "<account> NOT LIKE 'world%'">, pg::max_balance<1000000>,
                                 pg::group_limits,
                                 pg::event<"pay",
                                           "SELECT :payer AS <account>, :currency AS <currency>, -:amount AS <value> "
                                           "UNION ALL SELECT :payee, :currency, :amount",
                                           pg::param<"payer", std::string>, pg::param<"payee", std::string>,
                                           pg::param<"currency", pg::varchar<3>>, pg::param<"amount", std::int64_t>>>;
    std::string account;
    pg::varchar<3> currency;
};

// Stock per sku, with no counter-leg: balances, a minimum, and the latest move per sku.
struct stock {
    using dimension = pg::ledger<pg::in_schema<"money">, pg::balances<"sku">, pg::min_balance<0>, pg::latest<"sku">>;
    std::string sku;
    std::optional<std::string> note;
};

// A journal of exact decimals that balances, with no balances kept.
struct journal {
    using dimension = pg::ledger<pg::in_schema<"money">, pg::ledger_value<pg::numeric<12, 2>>, pg::double_entry<>>;
    std::string account;
};

// Payments a client may send twice: the request id makes the second a replay.
struct payments {
    using dimension = pg::ledger<pg::in_schema<"money">, pg::double_entry<>, pg::balances<"account">,
                                 pg::idempotency_key<"request_id">>;
    std::string account;
    std::optional<std::string> request_id;
};

// Revenue per invoice line, kept equal to the lines of an invoice (a table of the app's own).
struct revenue {
    using dimension =
        pg::ledger<pg::in_schema<"money">,
                   pg::reconciliation<"sync", "<invoice_id> = :invoice",
                                      "SELECT invoice_id AS <invoice_id>, line AS <line>, amount AS <value> "
                                      "FROM money.invoice_lines WHERE invoice_id = :invoice",
                                      pg::param<"invoice", std::int64_t>>>;
    std::int64_t invoice_id;
    std::string line;
};

// Books kept with a debit/credit column instead of signed values.
enum class book_side { debit, credit };
struct books {
    using dimension = pg::ledger<pg::in_schema<"money">, pg::direction<"side">, pg::double_entry<>,
                                 pg::balances<"account">, pg::min_balance<0, "<account> = 'cash'">>;
    std::string account;
    book_side side;
};

using schema = pg::schema<transfers, stock, journal, payments, revenue, books>;

}  // namespace ledger_rules_fixture

namespace {

using namespace pgcraft_it;

const pgcraft::catalog::catalog& rules_catalog() {
    static const pgcraft::catalog::catalog catalog = pgcraft::generator::build_catalog<ledger_rules_fixture::schema>();
    return catalog;
}

struct rules_database {
    connection db = fresh_database();
    rules_database() { apply_in_transaction(db, pgcraft::sql::render_ddl(rules_catalog())); }
    connection another_session() { return connection(cluster().conninfo(db.text("SELECT current_database()"))); }
};

constexpr const char* entry_a = "00000000-0000-4000-8000-00000000000a";
constexpr const char* entry_b = "00000000-0000-4000-8000-00000000000b";

// A transfer of `amount` from one account to another, as one entry of two legs in one statement.
std::string transfer(const std::string& entry, const std::string& from, const std::string& to, const std::string& amount,
                     const std::string& currency = "EUR") {
    return "INSERT INTO money.transfers_entries (entry_id, account, currency, value) VALUES ('" + entry + "', '" + from +
           "', '" + currency + "', -" + amount + "), ('" + entry + "', '" + to + "', '" + currency + "', " + amount + ")";
}

std::string balances(connection& db) {
    return show(db.query("SELECT account, currency, debits, credits, balance, legs FROM money.transfers_balances "
                         "ORDER BY account, currency"));
}

// Waits until some session waits for a lock; false if none does within 4 s.
bool someone_waits_for_a_lock(connection& db) {
    for (int i = 0; i < 200; ++i) {
        if (db.text("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'") != "0") return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return false;
}

}  // namespace

TEST_SUITE("ledger_rules") {

TEST_CASE("the rules' tables, functions and triggers read back as the catalog declares them") {
    rules_database d;
    const std::vector<std::string> drift = described(pgcraft::live::drift(d.db.conninfo(), rules_catalog()));
    INFO("drift:\n" << lines(drift));
    CHECK(drift.empty());
    // The checks run at COMMIT: a deferred constraint trigger on the heads.
    CHECK(show(d.db.query("SELECT tgname, tgdeferrable, tginitdeferred FROM pg_trigger "
                          "WHERE tgrelid = 'money.transfers_heads'::regclass AND tgconstraint <> 0")) ==
          "pgcraft_commit|t|t");
}

TEST_CASE("an entry written in two statements commits when it balances, and its balances follow") {
    rules_database d;
    d.db.exec(transfer(entry_a, "world", "alice", "100"));
    d.db.exec("BEGIN");
    d.db.query("INSERT INTO money.transfers_entries (entry_id, account, currency, value) VALUES ($1, 'alice', 'EUR', -30)", {entry_b});
    // Within the transaction the entry is still open: the balances move at COMMIT.
    CHECK(d.db.text("SELECT balance FROM money.transfers_balances WHERE account = 'alice'") == "100");
    d.db.query("INSERT INTO money.transfers_entries (entry_id, account, currency, value) VALUES ($1, 'bob', 'EUR', 30)", {entry_b});
    d.db.exec("COMMIT");
    CHECK(balances(d.db) == "alice|EUR|100|30|70|2\n"
                            "bob|EUR|30|0|30|1\n"
                            "world|EUR|0|100|-100|1");
    CHECK(d.db.text("SELECT count(*) FROM money.transfers_heads") == "2");
    CHECK(d.db.query("SELECT * FROM money.transfers_audit_balances()").empty());
}

TEST_CASE("an entry that does not balance fails at COMMIT, naming the entry, the currency and both sums") {
    rules_database d;
    d.db.exec("BEGIN");
    d.db.query("INSERT INTO money.transfers_entries (entry_id, account, currency, value) "
              "VALUES ($1, 'world', 'EUR', -100), ($1, 'alice', 'EUR', 100), ($1, 'world', 'USD', -5), "
              "($1, 'alice', 'USD', 4)", {entry_a});
    const auto f = d.db.failure_of("COMMIT");
    REQUIRE(f);
    CHECK(f->sqlstate == "23514");
    CHECK(f->message == std::string("pgcraft: entry ") + entry_a +
                            " of ledger money.transfers does not balance in USD: its debits are 4 and its credits 5");
    CHECK(d.db.text("SELECT count(*) FROM money.transfers") == "0");
    CHECK(d.db.text("SELECT count(*) FROM money.transfers_balances") == "0");
    // Without a currency, one sum per entry; and a single leg does not balance either.
    const auto single = d.db.failure_of("INSERT INTO money.journal_entries (entry_id, account, value) VALUES ($1, 'cash', 1.50)",
                                        {entry_b});
    REQUIRE(single);
    CHECK(single->message == std::string("pgcraft: entry ") + entry_b +
                                 " of ledger money.journal does not balance: its debits are 1.50 and its credits 0");
    d.db.query("INSERT INTO money.journal_entries (entry_id, account, value) VALUES ($1, 'cash', 1.50), ($1, 'sales', -1.50)", {entry_b});
    CHECK(d.db.text("SELECT count(*) FROM money.journal") == "2");
}

TEST_CASE("a leg cannot join an entry that an earlier transaction committed") {
    rules_database d;
    d.db.exec(transfer(entry_a, "world", "alice", "10"));
    const auto f = d.db.failure_of(
        "INSERT INTO money.transfers_entries (entry_id, account, currency, value) VALUES ($1, 'alice', 'EUR', 0)", {entry_a});
    REQUIRE(f);
    CHECK(f->sqlstate == "23514");
    CHECK(f->message == std::string("pgcraft: entry ") + entry_a +
                            " of ledger money.transfers was written by another transaction: the legs of an entry are "
                            "written in one transaction");
    CHECK(d.db.text("SELECT count(*) FROM money.transfers") == "2");
}

TEST_CASE("after SET CONSTRAINTS … IMMEDIATE has checked an entry, no leg can join it") {
    rules_database d;
    d.db.exec(transfer(entry_a, "world", "alice", "10"));
    d.db.exec("BEGIN");
    d.db.exec(transfer(entry_b, "alice", "bob", "5"));
    d.db.exec("SET CONSTRAINTS ALL IMMEDIATE");  // checked now, and counted in the balances
    const auto late = d.db.failure_of(
        "INSERT INTO money.transfers_entries (entry_id, account, currency, value) VALUES ($1, 'bob', 'EUR', 1000)",
        {entry_b});
    REQUIRE(late);
    CHECK(late->sqlstate == "23514");
    CHECK(late->message == std::string("pgcraft: entry ") + entry_b +
                               " of ledger money.transfers was checked already (SET CONSTRAINTS … IMMEDIATE ran its "
                               "checks): no leg can join it");
    d.db.exec("ROLLBACK");
    d.db.exec("BEGIN");
    d.db.exec(transfer(entry_b, "alice", "bob", "5"));
    d.db.exec("SET CONSTRAINTS ALL IMMEDIATE");
    d.db.exec("COMMIT");
    CHECK(d.db.query("SELECT * FROM money.transfers_audit_balances()").empty());
    CHECK(d.db.text("SELECT balance FROM money.transfers_balances WHERE account = 'bob'") == "5");
}

TEST_CASE("a reversal is an entry of its own that balances and takes the balances back") {
    rules_database d;
    d.db.exec(transfer(entry_a, "world", "alice", "10"));
    CHECK(d.db.query("SELECT * FROM money.transfers_reverse($1)", {entry_a}).size() == 2);
    CHECK(balances(d.db) == "alice|EUR|10|10|0|2\n"
                            "world|EUR|10|10|0|2");
    CHECK(d.db.query("SELECT * FROM money.transfers_audit_balances()").empty());
}

TEST_CASE("a limit refuses the entry that passes it, naming the group, the balance and the limit") {
    rules_database d;
    d.db.exec(transfer(entry_a, "world", "alice", "100"));
    const auto below = d.db.failure_of(transfer(entry_b, "alice", "bob", "101"));
    REQUIRE(below);
    CHECK(below->sqlstate == "23514");
    CHECK(below->message == std::string("pgcraft: entry ") + entry_b +
                                " of ledger money.transfers would take the balance of account = alice, currency = EUR "
                                "to -1, below its minimum 0");
    // The world's account is left out of the minimum, but not of the maximum.
    const auto above = d.db.failure_of(transfer(entry_b, "world", "bob", "1000001"));
    REQUIRE(above);
    CHECK(above->message.find("would take the balance of account = bob, currency = EUR to 1000001, above its maximum "
                              "1000000") != std::string::npos);
    CHECK(balances(d.db) == "alice|EUR|100|0|100|1\n"
                            "world|EUR|0|100|-100|1");
    // Without double entry: stock leaves only what is there.
    d.db.exec("INSERT INTO money.stock_entries (sku, value) VALUES ('A', 5)");
    const auto none_left = d.db.failure_of("INSERT INTO money.stock_entries (sku, value) VALUES ('A', -6)");
    REQUIRE(none_left);
    CHECK(none_left->message.find("would take the balance of sku = A to -1, below its minimum 0") != std::string::npos);
    d.db.exec("INSERT INTO money.stock_entries (sku, value) VALUES ('A', -5)");
    CHECK(show(d.db.query("SELECT sku, debits, credits, balance, legs FROM money.stock_balances")) == "A|5|5|0|2");
}

TEST_CASE("two sessions that each take 60 of 100 cannot both commit, under READ COMMITTED and REPEATABLE READ") {
    for (const std::string isolation : {"READ COMMITTED", "REPEATABLE READ"}) {
        CAPTURE(isolation);
        rules_database d;
        d.db.exec(transfer(entry_a, "world", "alice", "100"));
        connection first = d.another_session();
        connection second = d.another_session();
        first.exec("BEGIN ISOLATION LEVEL " + isolation);
        first.exec(transfer("00000000-0000-4000-8000-000000000001", "alice", "bob", "60"));
        // Its checks now, rather than at COMMIT: it holds alice's balance row until it ends.
        first.exec("SET CONSTRAINTS ALL IMMEDIATE");
        second.exec("BEGIN ISOLATION LEVEL " + isolation);
        second.exec(transfer("00000000-0000-4000-8000-000000000002", "alice", "carol", "60"));
        std::optional<sql_failure> failure;
        std::thread committing([&] { failure = second.failure_of("COMMIT"); });
        const bool waited = someone_waits_for_a_lock(d.db);
        first.exec("COMMIT");
        committing.join();
        CHECK(waited);
        REQUIRE(failure);
        if (isolation == "READ COMMITTED") {
            // It read the balance the first left, 40.
            CHECK(failure->sqlstate == "23514");
            CHECK(failure->message.find("would take the balance of account = alice, currency = EUR to -20, below its "
                                        "minimum 0") != std::string::npos);
        } else {
            CHECK(failure->sqlstate == "40001");  // to retry, as REPEATABLE READ asks
        }
        CHECK(balances(d.db) == "alice|EUR|100|60|40|2\n"
                                "bob|EUR|60|0|60|1\n"
                                "world|EUR|0|100|-100|1");
        CHECK(d.db.query("SELECT * FROM money.transfers_audit_balances()").empty());
    }
}

TEST_CASE("the audit reports a balance that differs from its legs") {
    rules_database d;
    d.db.exec(transfer(entry_a, "world", "alice", "100"));
    // Only a superuser with triggers off can change a balance.
    d.db.exec("SET session_replication_role = replica");
    d.db.exec("UPDATE money.transfers_balances SET credits = credits + 7 WHERE account = 'alice'");
    d.db.exec("DELETE FROM money.transfers_balances WHERE account = 'world'");
    d.db.exec("RESET session_replication_role");
    CHECK(show(d.db.query("SELECT * FROM money.transfers_audit_balances()")) == "alice|EUR|100|7|1|100|0|1\n"
                                                                                "world|EUR|NULL|NULL|NULL|0|100|1");
}

TEST_CASE("the heads and balances are written only by the ledger's own triggers") {
    rules_database d;
    d.db.exec(transfer(entry_a, "world", "alice", "100"));
    const std::string before = balances(d.db);
    for (const std::string& statement : std::vector<std::string>{
             "UPDATE money.transfers_balances SET debits = 0",
             "DELETE FROM money.transfers_balances",
             "TRUNCATE money.transfers_balances",
             "INSERT INTO money.transfers_balances (account, currency) VALUES ('eve', 'EUR')",
             "UPDATE money.transfers_heads SET written_by = '1'",
             "DELETE FROM money.transfers_heads",
             "TRUNCATE money.transfers_heads",
             "INSERT INTO money.transfers_heads (entry_id) VALUES (gen_random_uuid())"}) {
        CAPTURE(statement);
        const auto f = d.db.failure_of(statement);
        REQUIRE(f);
        CHECK(f->sqlstate == "42501");
        CHECK(f->message.find("pgcraft: ledger money.transfers") != std::string::npos);
    }
    CHECK(balances(d.db) == before);
    CHECK(d.db.text("SELECT count(*) FROM money.transfers_heads") == "1");
}

TEST_CASE("the checks run with the owner's rights and a pinned search_path, whichever role commits") {
    rules_database d;
    d.db.exec(transfer(entry_a, "world", "alice", "100"));
    d.db.exec("CREATE ROLE ledger_clerk NOLOGIN");
    d.db.exec("GRANT USAGE ON SCHEMA money TO ledger_clerk");
    d.db.exec("GRANT SELECT, INSERT ON money.transfers_entries TO ledger_clerk");
    CHECK(show(d.db.query("SELECT proname, prosecdef, array_to_string(proconfig, ',') FROM pg_proc "
                          "WHERE proname = 'transfers_commit'")) == "transfers_commit|t|search_path=pg_catalog, pg_temp");
    d.db.exec("BEGIN");
    d.db.exec("SET LOCAL ROLE ledger_clerk");
    // A table of the clerk's own on its search_path stands in for nothing.
    d.db.exec("SET LOCAL search_path = money, public");
    d.db.exec(transfer(entry_b, "alice", "bob", "25"));
    d.db.exec("COMMIT");
    CHECK(d.db.text("SELECT balance FROM money.transfers_balances WHERE account = 'bob'") == "25");
    // The clerk reads no balance and writes no head: only the entries are granted.
    d.db.exec("BEGIN");
    d.db.exec("SET LOCAL ROLE ledger_clerk");
    const auto f = d.db.failure_of("SELECT * FROM money.transfers_balances");
    REQUIRE(f);
    CHECK(f->sqlstate == "42501");
    d.db.exec("ROLLBACK");
    d.db.exec("DROP OWNED BY ledger_clerk; DROP ROLE ledger_clerk");
}

TEST_CASE("the latest leg per group is the one with the greatest id, even within one transaction, read by an index") {
    rules_database d;
    d.db.exec("BEGIN");
    // One transaction: created_at and now() cannot order these, the id does.
    d.db.exec("INSERT INTO money.stock_entries (sku, value, note) VALUES ('A', 5, 'first'), ('B', 1, 'b'), "
              "('A', 2, 'second'), ('A', 7, 'third')");
    d.db.exec("COMMIT");
    CHECK(show(d.db.query("SELECT sku, value, note FROM money.stock_latest ORDER BY sku")) == "A|7|third\nB|1|b");
    CHECK(d.db.text("SELECT id = (SELECT max(id) FROM money.stock WHERE sku = 'A') FROM money.stock_latest "
                    "WHERE sku = 'A'") == "t");
    d.db.exec("SET enable_seqscan = off; SET enable_bitmapscan = off");  // the table is tiny
    const std::string plan = show(d.db.query("EXPLAIN SELECT * FROM money.stock_latest WHERE sku = 'A'"));
    CAPTURE(plan);
    CHECK(plan.find("Index Scan Backward using ix__stock__sku_id") != std::string::npos);
}

TEST_CASE("a replay of an entry with its idempotency key returns the stored legs and writes nothing") {
    rules_database d;
    const std::string pay = "INSERT INTO money.payments_entries (entry_id, account, value, request_id) VALUES "
                            "($1, 'alice', -10, 'r1'), ($1, 'bob', 10, 'r1') RETURNING id, entry_id, account, value";
    const std::string first = show(d.db.query(pay, {entry_a}));
    CHECK(first == std::string("1|") + entry_a + "|alice|-10\n2|" + entry_a + "|bob|10");
    // Sent again, with another entry_id or none: the same legs come back, nothing is written.
    CHECK(show(d.db.query(pay, {entry_b})) == first);
    CHECK(show(d.db.query("INSERT INTO money.payments_entries (account, value, request_id) VALUES "
                          "('alice', -10, 'r1'), ('bob', 10, 'r1') RETURNING id, entry_id, account, value")) == first);
    CHECK(d.db.text("SELECT count(*) FROM money.payments") == "2");
    CHECK(d.db.text("SELECT count(*) FROM money.payments_heads") == "1");
    CHECK(show(d.db.query("SELECT account, balance, legs FROM money.payments_balances ORDER BY account")) ==
          "alice|-10|1\nbob|10|1");
    // The same key with other legs is refused, naming the key and its entry.
    const auto other = d.db.failure_of("INSERT INTO money.payments_entries (account, value, request_id) VALUES "
                                       "('alice', -11, 'r1'), ('bob', 11, 'r1')");
    REQUIRE(other);
    CHECK(other->sqlstate == "23505");
    CHECK(other->message == std::string("pgcraft: idempotency key r1 of ledger money.payments belongs to entry ") +
                                entry_a + ", which has no such leg: a replay repeats the entry's legs");
    // One entry carries one key.
    const auto mixed = d.db.failure_of("INSERT INTO money.payments_entries (entry_id, account, value, request_id) VALUES "
                                       "('00000000-0000-4000-8000-0000000000cc', 'alice', -1, 'r2'), "
                                       "('00000000-0000-4000-8000-0000000000cc', 'bob', 1, 'r3')");
    REQUIRE(mixed);
    CHECK(mixed->sqlstate == "23514");
    CHECK(mixed->message.find("carry different idempotency keys, r2 and r3") != std::string::npos);
    // Within the transaction that writes it, the key names the entry: legs that give it and no entry_id join it.
    const std::vector<row> joined = d.db.query("INSERT INTO money.payments_entries (account, value, request_id) VALUES "
                                               "('alice', -2, 'r4'), ('bob', 2, 'r4') RETURNING entry_id");
    REQUIRE(joined.size() == 2);
    CHECK(joined[0][0] == joined[1][0]);
    // Without a key, every entry is new.
    d.db.exec("INSERT INTO money.payments_entries (entry_id, account, value) VALUES "
              "('00000000-0000-4000-8000-0000000000dd', 'alice', -1), ('00000000-0000-4000-8000-0000000000dd', 'alice', 1)");
    d.db.exec("INSERT INTO money.payments_entries (account, value) VALUES ('alice', 0)");
    CHECK(d.db.text("SELECT count(*) FROM money.payments_heads") == "4");
}

TEST_CASE("a replay sent while the first is still committing waits for it, then gets its legs") {
    rules_database d;
    connection first = d.another_session();
    connection second = d.another_session();
    const std::string pay = "INSERT INTO money.payments_entries (account, value, request_id) VALUES "
                            "('carol', -5, 'r9'), ('dave', 5, 'r9') RETURNING id, account, value";
    first.exec("BEGIN");
    const std::string written = show(first.query(pay));
    std::string replayed;
    std::thread replaying([&] { replayed = show(second.query(pay)); });
    const bool waited = someone_waits_for_a_lock(d.db);
    first.exec("COMMIT");
    replaying.join();
    CHECK(waited);
    CHECK(replayed == written);
    CHECK(d.db.text("SELECT count(*) FROM money.payments") == "2");
    // A first attempt rolled back leaves the key free.
    first.exec("BEGIN");
    first.query("INSERT INTO money.payments_entries (account, value, request_id) VALUES ('erin', 0, 'r10')");
    first.exec("ROLLBACK");
    CHECK(d.db.text("INSERT INTO money.payments_entries (account, value, request_id) VALUES ('erin', 0, 'r10') "
                    "RETURNING id > 2") == "t");
}

TEST_CASE("an event writes one entry of the legs its query gives, checked like any other, and returns them") {
    rules_database d;
    const std::vector<row> legs = d.db.query("SELECT id, entry_id, account, currency, value FROM "
                                             "money.transfers_pay('world', 'alice', 'EUR', 100) ORDER BY id");
    REQUIRE(legs.size() == 2);
    CHECK(legs[0][1] == legs[1][1]);
    CHECK(show({{legs[0][2], legs[0][3], legs[0][4]}, {legs[1][2], legs[1][3], legs[1][4]}}) ==
          "world|EUR|-100\nalice|EUR|100");
    CHECK(d.db.text("SELECT count(*) FROM money.transfers") == "2");
    // Named arguments, as PostgREST calls it; the limit holds at COMMIT.
    const auto over = d.db.failure_of(
        "SELECT * FROM money.transfers_pay(payer => 'alice', payee => 'bob', currency => 'EUR', amount => 500)");
    REQUIRE(over);
    CHECK(over->message.find("would take the balance of account = alice, currency = EUR to -400, below its minimum 0") !=
          std::string::npos);
    CHECK(d.db.query("SELECT * FROM money.transfers_pay(payer => 'alice', payee => 'bob', currency => 'EUR', amount => 40)")
              .size() == 2);
    CHECK(balances(d.db) == "alice|EUR|100|40|60|2\n"
                            "bob|EUR|40|0|40|1\n"
                            "world|EUR|0|100|-100|1");
    CHECK(show(d.db.query("SELECT pg_get_function_identity_arguments('money.transfers_pay'::regproc), prosecdef "
                          "FROM pg_proc WHERE oid = 'money.transfers_pay'::regproc")) ==
          "payer text, payee text, currency character varying, amount bigint|t");
}

TEST_CASE("a reconciliation posts the differences to the desired balances, reverses removed keys, and repeats as nothing") {
    rules_database d;
    d.db.exec("CREATE TABLE money.invoice_lines (invoice_id bigint, line text, amount bigint)");
    d.db.exec("INSERT INTO money.invoice_lines VALUES (1, 'a', 50), (1, 'b', 30), (2, 'a', 7)");
    const auto sync = [&](int invoice) {
        return show(d.db.query("SELECT invoice_id, line, value FROM money.revenue_sync($1)", {std::to_string(invoice)}));
    };
    CHECK(sync(1) == "1|a|50\n1|b|30");
    CHECK(sync(1).empty());  // nothing changed, nothing posted
    // Line a grows to 100, line b is removed, line c is new; invoice 2 is out of the scope.
    d.db.exec("UPDATE money.invoice_lines SET amount = 100 WHERE invoice_id = 1 AND line = 'a'");
    d.db.exec("DELETE FROM money.invoice_lines WHERE invoice_id = 1 AND line = 'b'");
    d.db.exec("INSERT INTO money.invoice_lines VALUES (1, 'c', 5)");
    CHECK(sync(1) == "1|a|50\n1|b|-30\n1|c|5");
    CHECK(sync(1).empty());
    CHECK(show(d.db.query("SELECT line, sum(value) FROM money.revenue WHERE invoice_id = 1 GROUP BY line ORDER BY line")) ==
          "a|100\nb|0\nc|5");
    CHECK(d.db.text("SELECT count(DISTINCT entry_id) FROM money.revenue") == "2");  // one entry per run that posted
    CHECK(sync(2) == "2|a|7");
}

TEST_CASE("two runs of a reconciliation at once: the second waits, then posts nothing; REPEATABLE READ is refused") {
    rules_database d;
    d.db.exec("CREATE TABLE money.invoice_lines (invoice_id bigint, line text, amount bigint)");
    d.db.exec("INSERT INTO money.invoice_lines VALUES (1, 'a', 50)");
    connection first = d.another_session();
    connection second = d.another_session();
    first.exec("BEGIN");
    CHECK(first.query("SELECT * FROM money.revenue_sync(1)").size() == 1);
    std::size_t posted = 99;
    std::thread running([&] { posted = second.query("SELECT * FROM money.revenue_sync(1)").size(); });
    const bool waited = someone_waits_for_a_lock(d.db);
    first.exec("COMMIT");
    running.join();
    CHECK(waited);
    CHECK(posted == 0);
    CHECK(d.db.text("SELECT sum(value) FROM money.revenue") == "50");
    second.exec("BEGIN ISOLATION LEVEL REPEATABLE READ");
    const auto refused = second.failure_of("SELECT * FROM money.revenue_sync(1)");
    REQUIRE(refused);
    CHECK(refused->sqlstate == "25000");
    CHECK(refused->message == "pgcraft: reconciliation sync of ledger money.revenue runs under READ COMMITTED, not "
                              "repeatable read: after waiting for another run it must see that run's entry");
    second.exec("ROLLBACK");
}

TEST_CASE("with a direction, debits and credits are sides: entries balance, reversals switch sides, limits hold") {
    rules_database d;
    const std::string entry = "INSERT INTO money.books_entries (entry_id, account, side, value) VALUES "
                              "($1, 'cash', 'debit', $2), ($1, 'capital', 'credit', $3)";
    d.db.query(entry, {entry_a, "100", "100"});
    CHECK(show(d.db.query("SELECT account, debits, credits, balance FROM money.books_balances ORDER BY account")) ==
          "capital|0|100|-100\ncash|100|0|100");
    const auto unbalanced = d.db.failure_of(entry, {entry_b, "100", "90"});
    REQUIRE(unbalanced);
    CHECK(unbalanced->message == std::string("pgcraft: entry ") + entry_b +
                                     " of ledger money.books does not balance: its debits are 100 and its credits 90");
    // A value is a magnitude: the side tells.
    const auto negative = d.db.failure_of(entry, {entry_b, "-5", "-5"});
    REQUIRE(negative);
    CHECK(negative->sqlstate == "23514");
    CHECK(negative->constraint == "ck__books__value");
    // Cash may not go below zero.
    const auto overdrawn = d.db.failure_of("INSERT INTO money.books_entries (entry_id, account, side, value) VALUES "
                                           "($1, 'cash', 'credit', 150), ($1, 'rent', 'debit', 150)",
                                           {entry_b});
    REQUIRE(overdrawn);
    CHECK(overdrawn->message.find("would take the balance of account = cash to -50, below its minimum 0") !=
          std::string::npos);
    // A reversal repeats each value on the other side.
    CHECK(show(d.db.query("SELECT account, side, value FROM money.books_reverse($1) ORDER BY id", {entry_a})) ==
          "cash|credit|100\ncapital|debit|100");
    CHECK(show(d.db.query("SELECT account, debits, credits, balance FROM money.books_balances ORDER BY account")) ==
          "capital|100|100|0\ncash|100|100|0");
    CHECK(d.db.query("SELECT * FROM money.books_audit_balances()").empty());
    // A leg that reverses another must be what the reversal writes.
    const auto wrong = d.db.failure_of("INSERT INTO money.books_entries (account, side, value, reverses) "
                                       "SELECT 'cash', 'debit', 100, min(id) FROM money.books");
    REQUIRE(wrong);
    CHECK(wrong->message.find("must repeat its value on the other side") != std::string::npos);
}

TEST_CASE("a group's own limit, set in the limits table, wins over the declared one") {
    rules_database d;
    d.db.exec(transfer(entry_a, "world", "alice", "10"));
    // Alice may overdraw by 50; bob keeps the declared minimum, 0.
    d.db.exec("INSERT INTO money.transfers_limits (account, currency, minimum) VALUES ('alice', 'EUR', -50)");
    d.db.exec(transfer("00000000-0000-4000-8000-000000000001", "alice", "bob", "55"));
    CHECK(d.db.text("SELECT balance FROM money.transfers_balances WHERE account = 'alice'") == "-45");
    const auto past_own = d.db.failure_of(transfer("00000000-0000-4000-8000-000000000002", "alice", "bob", "10"));
    REQUIRE(past_own);
    CHECK(past_own->message.find("would take the balance of account = alice, currency = EUR to -55, below its minimum "
                                 "-50") != std::string::npos);
    const auto past_declared = d.db.failure_of(transfer("00000000-0000-4000-8000-000000000003", "bob", "carol", "56"));
    REQUIRE(past_declared);
    CHECK(past_declared->message.find("would take the balance of account = bob, currency = EUR to -1, below its minimum "
                                      "0") != std::string::npos);
    // A group's own maximum, where the declared one would allow more.
    d.db.exec("INSERT INTO money.transfers_limits (account, currency, maximum) VALUES ('carol', 'EUR', 20)");
    const auto above = d.db.failure_of(transfer("00000000-0000-4000-8000-000000000004", "world", "carol", "21"));
    REQUIRE(above);
    CHECK(above->message.find("to 21, above its maximum 20") != std::string::npos);
    // The world's own minimum applies although the declared one's condition leaves it out.
    d.db.exec("INSERT INTO money.transfers_limits (account, currency, minimum) VALUES ('world', 'EUR', -15)");
    const auto world = d.db.failure_of(transfer("00000000-0000-4000-8000-000000000005", "world", "dave", "6"));
    REQUIRE(world);
    CHECK(world->message.find("account = world, currency = EUR to -16, below its minimum -15") != std::string::npos);
}

}  // TEST_SUITE
