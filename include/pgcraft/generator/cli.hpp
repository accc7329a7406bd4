// The generator's command line: `ddl` prints (or writes) the schema's DDL,
// `plugins` shows each dimension's plugin order, and extensions add their own.
// Errors go to stderr with a non-zero exit; a file is written whole or not at all.
#pragma once

#include <cstdio>
#include <exception>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <stdexcept>
#include <string>
#include <system_error>
#include <vector>

#include <CLI/CLI.hpp>

#include <pgcraft/extension.hpp>
#include <pgcraft/generator/entry.hpp>
#include <pgcraft/generator/plugin_report.hpp>
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

namespace detail {
inline void emit(const std::string& text, const std::string& output) {
    if (output.empty() || output == "-") {
        std::cout << text << std::flush;
        if (!std::cout) throw std::runtime_error("cannot write to standard output");
    } else {
        write_file_atomically(output, text);
    }
}
}  // namespace detail

/// A generator's command line, for the schema that `entry` describes.
inline int run(const generator_entry& entry, int argc, char** argv) {
    CLI::App app{"pgcraft generator for " + entry.name + ": PostgreSQL DDL from the schema's C++ declarations",
                 entry.name};
    app.require_subcommand(1);
    std::string output;
    CLI::App* ddl = app.add_subcommand("ddl", "Print the DDL that creates the whole schema");
    ddl->add_option("-o,--output", output, "Write to this file instead of standard output");

    std::string format = "text";
    CLI::App* plugins = app.add_subcommand("plugins", "Print each dimension's plugins in the order they run");
    plugins->add_option("--format", format, "text, or dot for a Graphviz graph")
        ->check(CLI::IsMember({"text", "dot"}));

    std::vector<CLI::App*> extension_commands;
    for (const pgcraft::command* c : entry.commands)
        extension_commands.push_back(app.add_subcommand(std::string(c->name), std::string(c->description)));

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        return app.exit(e);
    }
    try {
        if (ddl->parsed()) {
            detail::emit(sql::render_ddl(entry.build()), output);
        } else if (plugins->parsed()) {
            const auto reports = entry.plugins();
            detail::emit(format == "dot" ? render_plugin_dot(reports) : render_plugin_text(reports), {});
        } else {
            for (std::size_t i = 0; i < extension_commands.size(); ++i)
                if (extension_commands[i]->parsed()) {
                    const int status = entry.commands[i]->run(entry.build(), std::cout);
                    std::cout << std::flush;
                    return status;
                }
        }
        return 0;
    } catch (const std::exception& e) {
        std::cerr << entry.name << ": error: " << e.what() << '\n';
        return 1;
    }
}

}  // namespace pgcraft::generator
