// The generator's command line: `ddl` prints (or writes) the schema's DDL,
// `erd` draws it, `plugins` shows each dimension's plugin order, and
// extensions add their own. Errors go to stderr with a non-zero exit; a file
// is written whole or not at all. Compiled once, in the generator library.
#pragma once

#include <filesystem>
#include <string>

#include <pgcraft/generator/entry.hpp>

namespace pgcraft::generator {

/// Writes `text` to `path` through a temporary file in the same directory and
/// a rename, so that a reader never sees half of it.
void write_file_atomically(const std::filesystem::path& path, const std::string& text);

/// A generator's command line, for the schema that `entry` describes.
int run(const generator_entry& entry, int argc, char** argv);

}  // namespace pgcraft::generator
