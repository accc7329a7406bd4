// The `plugins` command's output: each dimension's plugins in the order they
// run, with the keys they require and produce, as text or as a Graphviz graph
// (rendered in the generator library, generator/cli/plugin_report.cpp).
#pragma once

#include <string>
#include <vector>

namespace pgcraft::generator {

struct plugin_row {
    std::string name;
    std::vector<std::string> required;
    std::vector<std::string> produced;
    std::string singleton_group;
    int min_postgres_version = 0;
};

struct dimension_plugin_report {
    std::string dimension;
    std::string table;  ///< schema-qualified
    std::vector<plugin_row> plugins;  ///< in run order
};

/// Each dimension, then its plugins in run order with what they require and produce.
std::string render_plugin_text(const std::vector<dimension_plugin_report>& reports);

/// One cluster per dimension; an edge from each producer to each plugin that
/// requires what it produces, labelled with the key.
std::string render_plugin_dot(const std::vector<dimension_plugin_report>& reports);

}  // namespace pgcraft::generator
