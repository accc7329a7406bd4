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
#include <vector>

#include <CLI/CLI.hpp>

#include <pgcraft/detail/type_list.hpp>
#include <pgcraft/extension.hpp>
#include <pgcraft/generator/build_catalog.hpp>
#include <pgcraft/generator/plugin_report.hpp>
#include <pgcraft/plan/schema_traits.hpp>
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

// The subcommands that the schema's extensions contribute.
struct extension_command {
    CLI::App* subcommand;
    const pgcraft::command* command;
};

template <class Extension>
void add_extension_commands(CLI::App& app, std::vector<extension_command>& added) {
    if constexpr (requires { Extension::commands; }) {
        for (const pgcraft::command& c : Extension::commands)
            added.push_back({app.add_subcommand(std::string(c.name), std::string(c.description)), &c});
    }
}

template <class... Extensions>
std::vector<extension_command> add_all_extension_commands(CLI::App& app, pgcraft::detail::type_list<Extensions...>) {
    std::vector<extension_command> added;
    (add_extension_commands<Extensions>(app, added), ...);
    return added;
}
}  // namespace detail

/// The generator's main(): `return pgcraft::generator::run<my::schema>(argc, argv, "my-schema");`
template <class Schema>
int run(int argc, char** argv, const std::string& name) {
    CLI::App app{"pgcraft generator for " + name + ": PostgreSQL DDL from the schema's C++ declarations",
                 name};
    app.require_subcommand(1);
    std::string output;
    CLI::App* ddl = app.add_subcommand("ddl", "Print the DDL that creates the whole schema");
    ddl->add_option("-o,--output", output, "Write to this file instead of standard output");

    std::string format = "text";
    CLI::App* plugins = app.add_subcommand("plugins", "Print each dimension's plugins in the order they run");
    plugins->add_option("--format", format, "text, or dot for a Graphviz graph")
        ->check(CLI::IsMember({"text", "dot"}));

    const auto extension_commands =
        detail::add_all_extension_commands(app, typename plan::schema_traits<Schema>::extensions{});

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        return app.exit(e);
    }
    try {
        if (ddl->parsed()) {
            detail::emit(sql::render_ddl(build_catalog<Schema>()), output);
        } else if (plugins->parsed()) {
            const auto reports = plugin_reports<Schema>();
            detail::emit(format == "dot" ? render_plugin_dot(reports) : render_plugin_text(reports), {});
        } else {
            for (const detail::extension_command& e : extension_commands)
                if (e.subcommand->parsed()) {
                    const int status = e.command->run(build_catalog<Schema>(), std::cout);
                    std::cout << std::flush;
                    return status;
                }
        }
        return 0;
    } catch (const std::exception& e) {
        std::cerr << name << ": error: " << e.what() << '\n';
        return 1;
    }
}

}  // namespace pgcraft::generator
