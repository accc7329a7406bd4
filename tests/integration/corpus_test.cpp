// A corpus of valid, unusual schemas: each compiles, passes the generator's
// check, applies on the real server, matches the live catalog, and takes a
// row. Reserved words and capitals, 64 members, self and cross-kind foreign
// keys, every member type.
#include <doctest/doctest.h>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

#include <pgcraft/generator/build_catalog.hpp>
#include <pgcraft/generator/check.hpp>
#include <pgcraft/model.hpp>
#include <pgcraft/sql/render.hpp>

#include "applied_schema.hpp"
#include "pg_cluster.hpp"
#include "printers.hpp"

namespace corpus {
namespace pg = pgcraft;

// Keywords and capitals everywhere a name goes.
struct order {
    using dimension = pg::simple<pg::in_schema<"User Data">, pg::table_name<"Order">,
                                 pg::column<"group", pg::comment<"a keyword">>, pg::check<"<limit> >= 0">,
                                 pg::unique<"user", "group">, pg::index<"lower(<Name>)">>;
    std::string user;
    std::string group;
    std::int32_t limit;
    std::string Name;
    std::optional<std::string> desc;
};
using reserved = pg::schema<order>;

// As many members as reflection takes.
struct wide {
    using dimension = pg::simple<pg::in_schema<"corpus">>;
    std::int32_t m00;
    std::int32_t m01;
    std::int32_t m02;
    std::int32_t m03;
    std::int32_t m04;
    std::int32_t m05;
    std::int32_t m06;
    std::int32_t m07;
    std::int32_t m08;
    std::int32_t m09;
    std::int32_t m10;
    std::int32_t m11;
    std::int32_t m12;
    std::int32_t m13;
    std::int32_t m14;
    std::int32_t m15;
    std::int32_t m16;
    std::int32_t m17;
    std::int32_t m18;
    std::int32_t m19;
    std::int32_t m20;
    std::int32_t m21;
    std::int32_t m22;
    std::int32_t m23;
    std::int32_t m24;
    std::int32_t m25;
    std::int32_t m26;
    std::int32_t m27;
    std::int32_t m28;
    std::int32_t m29;
    std::int32_t m30;
    std::int32_t m31;
    std::int32_t m32;
    std::int32_t m33;
    std::int32_t m34;
    std::int32_t m35;
    std::int32_t m36;
    std::int32_t m37;
    std::int32_t m38;
    std::int32_t m39;
    std::int32_t m40;
    std::int32_t m41;
    std::int32_t m42;
    std::int32_t m43;
    std::int32_t m44;
    std::int32_t m45;
    std::int32_t m46;
    std::int32_t m47;
    std::int32_t m48;
    std::int32_t m49;
    std::int32_t m50;
    std::int32_t m51;
    std::int32_t m52;
    std::int32_t m53;
    std::int32_t m54;
    std::int32_t m55;
    std::int32_t m56;
    std::int32_t m57;
    std::int32_t m58;
    std::int32_t m59;
    std::int32_t m60;
    std::int32_t m61;
    std::int32_t m62;
    std::int32_t m63;
};
using many = pg::schema<wide>;

// A tree (a self reference), a history dimension referenced by a simple one
// and referencing one, an EAV dimension beside them.
struct categories {
    using dimension = pg::simple<pg::in_schema<"corpus">, pg::foreign_key<"parent_id">::references<categories>>;
    std::string title;
    std::optional<std::int64_t> parent_id;
};
struct articles {
    using dimension = pg::append_only<pg::in_schema<"corpus">, pg::foreign_key<"category_id">::references<categories>,
                                      pg::unique<"slug">>;
    std::string slug;
    std::int64_t category_id;
};
struct comments {
    using dimension = pg::simple<pg::in_schema<"corpus">, pg::foreign_key<"article_id">::references<articles>>;
    std::int64_t article_id;
    std::string body;
};
struct revisions {
    using dimension = pg::append_only<pg::in_schema<"corpus">, pg::foreign_key<"article_id">::references<articles>>;
    std::int64_t article_id;
    std::int32_t number;
};
struct preferences {
    using dimension = pg::eav<pg::in_schema<"corpus">, pg::check<"<volume> BETWEEN 0 AND 11">>;
    std::int32_t volume;
    std::optional<std::string> theme;
};
using references = pg::schema<categories, articles, comments, revisions, preferences>;

// Derived names that would clash: "ix__a__b__c" for both tables' indexes, and
// the key's name taken by an explicit check.
struct a {
    using dimension = pg::simple<pg::in_schema<"names">, pg::index<"<b__c>">>;
    std::int32_t b__c;
};
struct a__b {
    using dimension = pg::simple<pg::in_schema<"names">, pg::index<"<c>">>;
    std::int32_t c;
};
struct keyed {
    using dimension = pg::simple<pg::in_schema<"names">, pg::check<"pk__keyed__id", "<n> > 0">>;
    std::int32_t n;
};
using clashing = pg::schema<a, a__b, keyed>;

enum class mood : std::uint8_t { calm, curious, busy };
__extension__ typedef __int128 int128;
__extension__ typedef unsigned __int128 uint128;

// Every member type pgcraft maps, required and optional.
struct every_type {
    using dimension = pg::simple<pg::in_schema<"types">>;
    std::string text;
    bool flag;
    std::int8_t i8;
    std::int16_t i16;
    std::int32_t i32;
    std::int64_t i64;
    int128 i128;
    std::uint8_t u8;
    std::uint16_t u16;
    std::uint32_t u32;
    std::uint64_t u64;
    uint128 u128;
    float f32;
    double f64;
    pg::varchar<12> code;
    pg::numeric<12, 3> amount;
    pg::uuid uid;
    pg::jsonb document;
    pg::json raw_document;
    pg::bytea blob;
    pg::timestamptz at;
    std::chrono::sys_time<std::chrono::nanoseconds> at_nanoseconds;
    pg::timestamp wall_clock;
    pg::date day;
    pg::interval span;
    mood current_mood;
    std::optional<std::string> maybe_text;
    std::optional<std::uint64_t> maybe_u64;
    std::optional<mood> maybe_mood;
};
struct every_type_history {
    using dimension = pg::append_only<pg::in_schema<"types">>;
    pg::numeric<12, 3> amount;
    mood current_mood;
    std::optional<pg::uuid> uid;
};
using types = pg::schema<every_type, every_type_history>;
}  // namespace corpus

using namespace pgcraft_it;

TEST_SUITE("corpus") {

TEST_CASE("reserved words and capitals as schema, table and column names") {
    connection db = applied<corpus::reserved>();
    db.exec("INSERT INTO \"User Data\".\"Order\" (\"user\", \"group\", \"limit\", \"Name\") VALUES ('u', 'g', 1, 'N')");
    const auto duplicate =
        db.failure_of("INSERT INTO \"User Data\".\"Order\" (\"user\", \"group\", \"limit\", \"Name\") VALUES ('u', 'g', 2, 'M')");
    REQUIRE(duplicate);
    CHECK(duplicate->sqlstate == "23505");
    CHECK(db.failure_of("INSERT INTO \"User Data\".\"Order\" (\"user\", \"group\", \"limit\", \"Name\") VALUES ('v', 'g', -1, 'M')"));
}

TEST_CASE("names that would clash are derived apart, and apply") {
    connection db = applied<corpus::clashing>();
    CHECK(db.text("SELECT string_agg(indexname, ',' ORDER BY indexname COLLATE \"C\") FROM pg_indexes "
                  "WHERE schemaname = 'names'") == "ix__a__b__c,ix__a__b__c_2,pk__a__b__id,pk__a__id,pk__keyed__id_2");
    const auto rejected = db.failure_of("INSERT INTO names.keyed (n) VALUES (0)");
    REQUIRE(rejected);
    CHECK(rejected->constraint == "pk__keyed__id");
}

TEST_CASE("64 members") {
    connection db = applied<corpus::many>();
    CHECK(db.text("SELECT count(*) FROM information_schema.columns WHERE table_schema = 'corpus' AND table_name = 'wide'") ==
          "65");
}

TEST_CASE("self and cross-kind foreign keys") {
    connection db = applied<corpus::references>();
    const std::string root = db.text("INSERT INTO corpus.categories (title) VALUES ('root') RETURNING id");
    const std::string leaf =
        db.text("INSERT INTO corpus.categories (title, parent_id) VALUES ('leaf', " + root + ") RETURNING id");
    const std::string article = db.text("INSERT INTO corpus.articles_current (slug, category_id) VALUES ('a', " + leaf +
                                        ") RETURNING id");
    db.exec("INSERT INTO corpus.comments (article_id, body) VALUES (" + article + ", 'nice')");
    db.exec("INSERT INTO corpus.revisions_current (article_id, number) VALUES (" + article + ", 1)");
    const auto orphan = db.failure_of("INSERT INTO corpus.comments (article_id, body) VALUES (-1, 'x')");
    REQUIRE(orphan);
    CHECK(orphan->sqlstate == "23503");
    db.exec("INSERT INTO corpus.preferences_current (volume) VALUES (11)");
    const auto loud = db.failure_of("INSERT INTO corpus.preferences_current (volume) VALUES (12)");
    REQUIRE(loud);
    CHECK(loud->sqlstate == "23514");
}

TEST_CASE("every member type, and its extremes") {
    connection db = applied<corpus::types>();
    db.exec("INSERT INTO types.every_type (text, flag, i8, i16, i32, i64, i128, u8, u16, u32, u64, u128, f32, f64, code, "
            "amount, uid, document, raw_document, blob, at, at_nanoseconds, wall_clock, day, span, current_mood) VALUES "
            "('t', true, -128, -32768, -2147483648, -9223372036854775808, -170141183460469231731687303715884105728, "
            "255, 65535, 4294967295, 18446744073709551615, 340282366920938463463374607431768211455, 1.5, 2.5, "
            "'abcdefghijkl', 123456789.123, gen_random_uuid(), '{\"a\": 1}', '[1, 2]', '\\x00ff', now(), now(), "
            "'2026-12-01 12:00', '2026-12-01', '1 day 2 hours', 'curious')");
    CHECK(db.text("SELECT u64::text || ' ' || u128::text || ' ' || current_mood::text FROM types.every_type") ==
          "18446744073709551615 340282366920938463463374607431768211455 curious");
    db.exec("INSERT INTO types.every_type_history_current (amount, current_mood) VALUES (1.5, 'busy')");
    CHECK(db.text("SELECT current_mood::text FROM types.every_type_history_current") == "busy");
}

}  // TEST_SUITE
