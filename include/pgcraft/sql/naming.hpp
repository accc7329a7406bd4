// The naming convention for generated constraints and indexes:
//   pk__<table>__<cols>, uq__…, ix__…, ck__…, fk__<table>__<cols>__<referenced table>
// with columns joined by "_". A name longer than PostgreSQL's 63 bytes keeps
// its first 54 bytes and gets "_" and 8 hex digits of a hash of the full name,
// so that it stays unique and the same from one run to the next.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace pgcraft::sql {

/// PostgreSQL cuts longer names (NAMEDATALEN - 1), with only a NOTICE.
inline constexpr std::size_t max_identifier_bytes = 63;
/// Where objects go when a dimension names no schema.
inline constexpr std::string_view default_schema = "public";

/// 32-bit FNV-1a: small, and stable across platforms and releases. Pass a
/// previous result as `hash` to hash several parts as one text.
constexpr std::uint32_t name_hash(std::string_view text, std::uint32_t hash = 2166136261u) noexcept {
    for (char c : text) {
        hash ^= static_cast<unsigned char>(c);
        hash *= 16777619u;
    }
    return hash;
}

/// `name` if it fits in 63 bytes, else its truncated and hashed form. The cut
/// never splits a UTF-8 character.
inline std::string fit_identifier(std::string_view name) {
    if (name.size() <= max_identifier_bytes) return std::string(name);
    constexpr std::size_t suffix = 9;  // "_" and 8 hex digits
    std::size_t keep = max_identifier_bytes - suffix;
    while (keep > 0 && (static_cast<unsigned char>(name[keep]) & 0xC0) == 0x80) --keep;
    std::string fitted(name.substr(0, keep));
    fitted += '_';
    const std::uint32_t hash = name_hash(name);
    constexpr char hex[] = "0123456789abcdef";
    for (int shift = 28; shift >= 0; shift -= 4) fitted += hex[(hash >> shift) & 0xF];
    return fitted;
}

/// `<prefix>__<table>__<col>_<col>[__<referenced>]`, fitted to 63 bytes.
inline std::string convention_name(std::string_view prefix, std::string_view table,
                                   std::span<const std::string> columns, std::string_view referenced = {}) {
    std::string name(prefix);
    name += "__";
    name += table;
    if (!columns.empty()) {
        name += "__";
        for (std::size_t i = 0; i < columns.size(); ++i) {
            if (i > 0) name += '_';
            name += columns[i];
        }
    }
    if (!referenced.empty()) {
        name += "__";
        name += referenced;
    }
    return fit_identifier(name);
}

/// The name PostgreSQL gives the sequence of an identity column of `table`:
/// table_column_seq, each part cut (the longer first) to fit 63 bytes, as its
/// makeObjectName does. (Names are ASCII here, so bytes are characters.)
inline std::string identity_sequence_name(std::string_view table, std::string_view column) {
    constexpr std::string_view label = "seq";
    const std::size_t available = max_identifier_bytes - 1 - (label.size() + 1);
    std::size_t a = table.size(), b = column.size();
    while (a + b > available) (a > b ? a : b) -= 1;
    return std::string(table.substr(0, a)) + "_" + std::string(column.substr(0, b)) + "_" + std::string(label);
}

/// What an enum type is renamed to while a migration replaces it by one
/// without some of its labels (and then drops): how lint recognises that drop.
inline constexpr std::string_view replaced_type_suffix = "_pgcraft_old";
/// The name an index's replacement is built under, beside it, until the old one is dropped.
inline constexpr std::string_view replacement_index_suffix = "_pgcraft_new";

}  // namespace pgcraft::sql
