// The options of the benchmarks of the synthetic schema (synthetic_schema.hpp):
// how many dimensions, and how many runs of each measurement.
#pragma once

#include <optional>

#include <CLI/CLI.hpp>

namespace pgcraft_bench {

struct synthetic_options {
    int dimensions = 1000;
    int repeat = 3;
};

/// Reads --dimensions and --repeat into `options`; an exit code when the
/// program should stop there (--help, or an option it does not know).
inline std::optional<int> parse(synthetic_options& options, int argc, char** argv, const char* description) {
    CLI::App app{description};
    app.add_option("--dimensions", options.dimensions, "How many dimensions");
    app.add_option("--repeat", options.repeat, "Runs of each measurement (the median is reported)");
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        return app.exit(e);
    }
    return std::nullopt;
}

}  // namespace pgcraft_bench
