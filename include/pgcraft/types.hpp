// Column value types for SQL types that C++ does not name. Each is an ordinary
// value type, so a struct that uses them stays an aggregate and a row type.
#pragma once

#include <array>
#include <chrono>
#include <compare>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace pgcraft {

/// varchar(N): a std::string whose length the database limits to N characters.
template <std::size_t Length>
struct varchar : std::string {
    /// What PostgreSQL takes; any other N is an error of the dimension that uses it, naming the member.
    static constexpr bool valid_parameters = Length >= 1 && Length <= 10485760;
    using std::string::string;
    varchar() = default;
    varchar(std::string text) : std::string(std::move(text)) {}  // NOLINT: implicit on purpose
};

/// numeric(P,S): an exact decimal, kept as its decimal text ("12.50") so that
/// no value is rounded on its way through C++.
template <unsigned Precision, unsigned Scale = 0>
struct numeric {
    /// What PostgreSQL takes; any other P, S is an error of the dimension that uses it, naming the member.
    static constexpr bool valid_parameters = Precision >= 1 && Precision <= 1000 && Scale <= Precision;
    std::string text;
    friend bool operator==(const numeric&, const numeric&) = default;
};

/// uuid: sixteen bytes.
struct uuid {
    std::array<std::uint8_t, 16> bytes{};
    friend auto operator<=>(const uuid&, const uuid&) = default;
};

/// jsonb: a JSON document kept as its text.
struct jsonb {
    std::string text;
    friend bool operator==(const jsonb&, const jsonb&) = default;
};

/// json: JSON text stored as written (prefer jsonb unless the exact text matters).
struct json {
    std::string text;
    friend bool operator==(const json&, const json&) = default;
};

/// bytea: raw bytes.
using bytea = std::vector<std::byte>;

/// timestamptz: an instant, at PostgreSQL's microsecond resolution.
using timestamptz = std::chrono::sys_time<std::chrono::microseconds>;

/// timestamp (without time zone): a wall-clock reading with no zone.
using timestamp = std::chrono::local_time<std::chrono::microseconds>;

/// date: a calendar day.
using date = std::chrono::sys_days;

/// interval: a length of time (months and days are not representable in a duration).
using interval = std::chrono::microseconds;

}  // namespace pgcraft
