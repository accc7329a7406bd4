// How doctest prints the values the integration tests compare, and texts for
// their messages.
#pragma once

#include <doctest/doctest.h>

#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include <pgcraft/live/drift.hpp>

#include "pg_cluster.hpp"

namespace doctest {
template <>
struct StringMaker<std::optional<std::string>> {
    static String convert(const std::optional<std::string>& v) {
        return v ? String(("'" + *v + "'").c_str()) : String("NULL");
    }
};
}  // namespace doctest

namespace pgcraft_it {
inline std::ostream& operator<<(std::ostream& out, const sql_failure& f) {
    out << "SQLSTATE " << f.sqlstate << ": " << f.message;
    if (!f.detail.empty()) out << " (" << f.detail << ")";
    return out;
}
inline std::ostream& operator<<(std::ostream& out, const std::optional<sql_failure>& f) {
    if (f) return out << *f;
    return out << "(no failure)";
}

/// `items` one per line, for test messages.
inline std::string lines(const std::vector<std::string>& items) {
    std::string text;
    for (const std::string& item : items) text += (text.empty() ? "" : "\n") + item;
    return text;
}

/// Each difference as pgcraft::live::describe says it: "missing: column app.items.notes".
inline std::vector<std::string> described(const std::vector<pgcraft::live::difference>& differences) {
    std::vector<std::string> texts;
    for (const pgcraft::live::difference& d : differences) texts.push_back(pgcraft::live::describe(d));
    return texts;
}
}  // namespace pgcraft_it
