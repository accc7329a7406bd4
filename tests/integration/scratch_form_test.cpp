// The drift check's scratch build (sql::render_scratch_ddl: tables without
// storage, identity columns plain, no comments) read back as the server keeps
// the plain build: for each case where the scratch form differs from the
// plain DDL, the reading of a database made by `ddl` equals it exactly.
#include <doctest/doctest.h>

#include <cstdint>
#include <optional>
#include <string>

#include <pgcraft/generator/build_catalog.hpp>
#include <pgcraft/live/drift.hpp>
#include <pgcraft/live/introspect.hpp>
#include <pgcraft/model.hpp>
#include <pgcraft/sql/render.hpp>

#include "pg_cluster.hpp"

namespace scratch_it {
namespace pg = pgcraft;

// A key and a unique constraint that share no column: stays a plain table.
struct accounts {
    using dimension = pg::simple<pg::in_schema<"scratch">, pg::unique<"code">, pg::comment<"Accounts">>;
    std::string code;
    std::optional<std::string> note;
};
// Partitioned by its key; an expression index (read "ON ONLY" from a partitioned table), a check.
struct postings {
    using dimension = pg::simple<pg::in_schema<"scratch">, pg::index<"lower(<memo>)">,
                                 pg::unique_index<"<id>", "<account_id>">, pg::check<"positive", "<amount> > 0">,
                                 pg::foreign_key<"account_id">::references<accounts>>;
    std::int64_t account_id;
    std::string memo;
    pg::numeric<12, 2> amount;
};
// A unique index on an expression: stays a plain table.
struct tags {
    using dimension = pg::simple<pg::in_schema<"scratch">, pg::unique_index<"lower(<label>)">>;
    std::string label;
};
// History kinds: triggers on partitioned tables, views, functions with comments.
struct prices {
    using dimension = pg::append_only<pg::in_schema<"scratch">, pg::index<"<amount>">>;
    std::string sku;
    pg::numeric<12, 2> amount;
};
struct profiles {
    using dimension = pg::eav<pg::in_schema<"scratch">>;
    std::string name;
    std::optional<std::int32_t> age;
};
using schema = pg::schema<accounts, postings, tags, prices, profiles>;
}  // namespace scratch_it

TEST_SUITE("scratch_form") {

TEST_CASE("the scratch form reads back as the server keeps the plain DDL") {
    const pgcraft::catalog::catalog declared = pgcraft::generator::build_catalog<scratch_it::schema>();
    const std::string scratch_ddl = pgcraft::sql::render_scratch_ddl(declared);
    INFO(scratch_ddl);
    // The cases are there: partitioned tables, plain ones, no identity, no comments.
    CHECK(scratch_ddl.find("CREATE TABLE scratch.postings (") != std::string::npos);
    CHECK(scratch_ddl.find("PARTITION BY LIST (id)") != std::string::npos);
    CHECK(scratch_ddl.find("IDENTITY") == std::string::npos);
    CHECK(scratch_ddl.find("COMMENT ON") == std::string::npos);
    const std::size_t accounts = scratch_ddl.find("CREATE TABLE scratch.accounts (");
    REQUIRE(accounts != std::string::npos);
    CHECK(scratch_ddl.substr(accounts, scratch_ddl.find(";\n", accounts) - accounts).find("PARTITION") ==
          std::string::npos);
    const std::size_t tags = scratch_ddl.find("CREATE TABLE scratch.tags (");
    REQUIRE(tags != std::string::npos);
    CHECK(scratch_ddl.substr(tags, scratch_ddl.find(";\n", tags) - tags).find("PARTITION") == std::string::npos);

    pgcraft_it::connection admin(pgcraft_it::cluster().conninfo("postgres"));
    admin.exec("DROP DATABASE IF EXISTS scratch_form_plain");
    admin.exec("CREATE DATABASE scratch_form_plain");
    const std::string conninfo = pgcraft_it::cluster().conninfo("scratch_form_plain");
    pgcraft::live::connection db(conninfo);
    db.exec("BEGIN;\n" + pgcraft::sql::render_ddl(declared) + "COMMIT;");
    const pgcraft::catalog::catalog plain = pgcraft::live::introspect(db, pgcraft::live::scope_of(declared));
    REQUIRE(plain.size() > 100);
    CHECK(plain.find(pgcraft::catalog::id::comment(pgcraft::catalog::id::table({"scratch", "accounts"}))));

    const pgcraft::catalog::catalog server_form = pgcraft::live::as_the_server_keeps_it(db, conninfo, declared);
    std::string differences;
    for (const pgcraft::live::difference& d : pgcraft::live::compare(plain, server_form))
        differences += pgcraft::live::describe(d) + "\n";
    INFO("the plain build read against the scratch form:\n" << differences);
    CHECK(differences.empty());
    CHECK(server_form.size() == plain.size());
    admin.exec("DROP DATABASE scratch_form_plain WITH (FORCE)");
}

}  // TEST_SUITE
