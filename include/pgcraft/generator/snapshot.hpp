// A catalog as canonical JSON, and back: what a migration is diffed against.
// Keys are sorted, objects come in identity order, SQL bodies are verbatim, and
// the format carries its version, so that a snapshot written today reads the
// same tomorrow and two snapshots of equal catalogs are equal text.
#pragma once

#include <string>
#include <string_view>

#include <pgcraft/catalog/catalog.hpp>

namespace pgcraft::generator {

/// The version this library writes and reads.
inline constexpr int snapshot_format_version = 1;

/// The catalog's snapshot: canonical JSON text, ending in a newline.
std::string write_snapshot(const catalog::catalog& c);

/// The catalog a snapshot holds; throws std::invalid_argument saying what is
/// wrong (not JSON, another format or version, a malformed object). Equal to
/// the catalog it was written from; its statements' order among independent
/// objects is identity order rather than the order the objects were added.
catalog::catalog read_snapshot(std::string_view text);

}  // namespace pgcraft::generator
