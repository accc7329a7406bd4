// The generator's command line: `ddl` prints (or writes) the schema's DDL.
// Errors go to stderr with a non-zero exit; a file is written whole or not at all.
#pragma once

#include <cstdio>
#include <exception>
#include <filesystem>
#include <stdexcept>
#include <fstream>
#include <iostream>
#include <string>
#include <system_error>

#include <CLI/CLI.hpp>

#include <pgcraft/generator/build_catalog.hpp>
#include <pgcraft/sql/render.hpp>

namespace pgcraft::generator {

/// Writes `text` to `path` through a temporary file in the same directory and
/// a rename, so that a reader never sees half of it.
inline void write_file_atomically(const std::filesystem::path& path, const std::string& text) {
    const std::filesystem::path temporary = path.string() + ".pgcraft-tmp";
    {
        std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
        if (!out) throw std::runtime_error("cannot write " + temporary.string());
        out << text;
        out.flush();
        if (!out) {
            std::error_code ignored;
            std::filesystem::remove(temporary, ignored);
            throw std::runtime_error("cannot write " + temporary.string());
        }
    }
    std::error_code error;
    std::filesystem::rename(temporary, path, error);
    if (error) {
        std::error_code ignored;
        std::filesystem::remove(temporary, ignored);
        throw std::runtime_error("cannot replace " + path.string() + ": " + error.message());
    }
}

/// The generator's main(): `return pgcraft::generator::run<my::schema>(argc, argv, "my-schema");`
template <class Schema>
int run(int argc, char** argv, const std::string& name) {
    CLI::App app{"pgcraft generator for " + name + ": PostgreSQL DDL from the schema's C++ declarations",
                 name};
    app.require_subcommand(1);
    std::string output;
    CLI::App* ddl = app.add_subcommand("ddl", "Print the DDL that creates the whole schema");
    ddl->add_option("-o,--output", output, "Write to this file instead of standard output");

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        return app.exit(e);
    }
    try {
        if (ddl->parsed()) {
            const std::string text = sql::render_ddl(build_catalog<Schema>());
            if (output.empty() || output == "-") {
                std::cout << text << std::flush;
                if (!std::cout) throw std::runtime_error("cannot write to standard output");
            } else {
                write_file_atomically(output, text);
            }
        }
        return 0;
    } catch (const std::exception& e) {
        std::cerr << name << ": error: " << e.what() << '\n';
        return 1;
    }
}

}  // namespace pgcraft::generator
