#include <pgcraft/sql_type.hpp>

#include <cstdint>
#include <limits>
#include <optional>
#include <string>

#include <doctest/doctest.h>

namespace pg = pgcraft;

namespace sql_type_test {
struct money {
    std::int64_t cents;
};
}  // namespace sql_type_test

template <>
struct pgcraft::sql_type<sql_type_test::money> {
    static constexpr std::string_view name = "bigint";
};

TEST_CASE("plain C++ types") {
    CHECK(pg::sql_type<std::string>::name == "text");
    CHECK(pg::sql_type<bool>::name == "boolean");
    CHECK(pg::sql_type<float>::name == "real");
    CHECK(pg::sql_type<double>::name == "double precision");
    CHECK(pg::sql_type<std::int16_t>::name == "smallint");
    CHECK(pg::sql_type<std::int32_t>::name == "integer");
    CHECK(pg::sql_type<std::int64_t>::name == "bigint");
    CHECK(pg::sql_type<long long>::name == "bigint");
}

TEST_CASE("integers narrower or unsigned get a wider type and their C++ range") {
    CHECK(pg::sql_type<std::int8_t>::name == "smallint");
    CHECK(pg::sql_type<std::int8_t>::min_value == "-128");
    CHECK(pg::sql_type<std::int8_t>::max_value == "127");
    CHECK(pg::sql_type<std::uint8_t>::name == "smallint");
    CHECK(pg::sql_type<std::uint16_t>::name == "integer");
    CHECK(pg::sql_type<std::uint16_t>::max_value == "65535");
    CHECK(pg::sql_type<std::uint32_t>::name == "bigint");
    CHECK(pg::sql_type<std::uint32_t>::min_value == "0");
    CHECK(pg::sql_type<std::uint32_t>::max_value == "4294967295");
    CHECK(pg::sql_type<std::uint64_t>::name == "numeric(20,0)");
    CHECK(pg::sql_type<std::uint64_t>::max_value == "18446744073709551615");
    CHECK_FALSE(pg::has_sql_range<std::int32_t>);
    CHECK(pg::has_sql_range<std::uint32_t>);
}

TEST_CASE("annotation types") {
    CHECK(pg::sql_type<pg::varchar<32>>::name == "varchar(32)");
    CHECK(pg::sql_type<pg::numeric<10, 2>>::name == "numeric(10,2)");
    CHECK(pg::sql_type<pg::numeric<20>>::name == "numeric(20,0)");
    CHECK(pg::sql_type<pg::uuid>::name == "uuid");
    CHECK(pg::sql_type<pg::jsonb>::name == "jsonb");
    CHECK(pg::sql_type<pg::json>::name == "json");
    CHECK(pg::sql_type<pg::bytea>::name == "bytea");
    CHECK(pg::sql_type<pg::timestamptz>::name == "timestamptz");
    CHECK(pg::sql_type<std::chrono::system_clock::time_point>::name == "timestamptz");
    CHECK(pg::sql_type<pg::timestamp>::name == "timestamp");
    CHECK(pg::sql_type<pg::date>::name == "date");
    CHECK(pg::sql_type<pg::interval>::name == "interval");
}

TEST_CASE("types without a faithful SQL type are not mapped") {
    CHECK_FALSE(pg::has_sql_type<char>);
    CHECK_FALSE(pg::has_sql_type<long double>);
    CHECK_FALSE(pg::has_sql_type<std::optional<int>>);  // nullability is the column's business
}

TEST_CASE("a user's own specialisation") {
    CHECK(pg::sql_type<sql_type_test::money>::name == "bigint");
}

TEST_CASE("optional members are nullable columns of the value type") {
    CHECK(pg::column_type_traits<std::optional<std::string>>::nullable);
    CHECK(std::is_same_v<pg::column_type_traits<std::optional<std::string>>::value_type, std::string>);
    CHECK_FALSE(pg::column_type_traits<std::string>::nullable);
}

TEST_CASE("annotation types stay usable as values") {
    pg::varchar<8> code = std::string("AB-12");
    CHECK(code.size() == 5);
    code += "x";
    CHECK(code == "AB-12x");
    pg::numeric<10, 2> price{"12.50"};
    CHECK(price.text == "12.50");
}

#if defined(__SIZEOF_INT128__)
__extension__ typedef __int128 int128;
__extension__ typedef unsigned __int128 uint128;

TEST_CASE("128-bit integers hold every value in numeric(39,0), or have no SQL type") {
    if constexpr (std::integral<int128>) {  // GNU mode (-std=gnu++20, CMake's default)
        CHECK(pg::sql_type<int128>::name == "numeric(39,0)");
        CHECK(pg::sql_type<int128>::min_value == "-170141183460469231731687303715884105728");
        CHECK(pg::sql_type<int128>::max_value == "170141183460469231731687303715884105727");
        CHECK(pg::sql_type<uint128>::name == "numeric(39,0)");
        CHECK(pg::sql_type<uint128>::min_value == "0");
        CHECK(pg::sql_type<uint128>::max_value == "340282366920938463463374607431768211455");
    } else {  // strict ISO mode: not an integer type, so not mapped
        CHECK_FALSE(pg::has_sql_type<int128>);
        CHECK_FALSE(pg::has_sql_type<uint128>);
    }
}
#endif

TEST_CASE("the extremes of 64-bit integers as range literals") {
    CHECK(pg::sql_type<std::uint64_t>::min_value == "0");
    CHECK(pg::sql_type<std::uint64_t>::max_value == "18446744073709551615");
    CHECK(pg::sql_type<std::int8_t>::min_value == "-128");
    CHECK(pg::sql_type<std::int8_t>::max_value == "127");
}
