// The `plugins` command's output: each dimension's plugins in the order they
// run, with the keys they require and produce, as text or as a Graphviz graph.
#pragma once

#include <algorithm>
#include <cstddef>
#include <span>
#include <string>
#include <string_view>
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

namespace detail {
inline std::string join(const std::vector<std::string>& items) {
    if (items.empty()) return "-";
    std::string text;
    for (std::size_t i = 0; i < items.size(); ++i) text += (i > 0 ? ", " : "") + items[i];
    return text;
}

inline std::string dot_quote(std::string_view text) {
    std::string quoted = "\"";
    for (char c : text) {
        if (c == '"' || c == '\\') quoted += '\\';
        quoted += c;
    }
    return quoted + "\"";
}
}  // namespace detail

inline std::string render_plugin_text(const std::vector<dimension_plugin_report>& reports) {
    std::string text;
    for (const dimension_plugin_report& r : reports) {
        if (!text.empty()) text += "\n";
        text += r.dimension + " (" + r.table + ")\n";
        std::size_t width = 0;
        for (const plugin_row& p : r.plugins) width = std::max(width, p.name.size());
        for (std::size_t i = 0; i < r.plugins.size(); ++i) {
            const plugin_row& p = r.plugins[i];
            text += "  " + std::to_string(i + 1) + ". " + p.name + std::string(width - p.name.size(), ' ') +
                    "  requires: " + detail::join(p.required) + "  produces: " + detail::join(p.produced);
            if (!p.singleton_group.empty()) text += "  group: " + p.singleton_group;
            if (p.min_postgres_version > 0) text += "  needs: PostgreSQL " + std::to_string(p.min_postgres_version);
            text += "\n";
        }
    }
    return text;
}

/// One cluster per dimension; an edge from each producer to each plugin that
/// requires what it produces, labelled with the key.
inline std::string render_plugin_dot(const std::vector<dimension_plugin_report>& reports) {
    std::string text = "digraph plugins {\n    rankdir=LR;\n    node [shape=box];\n";
    for (std::size_t d = 0; d < reports.size(); ++d) {
        const dimension_plugin_report& r = reports[d];
        const std::string prefix = "d" + std::to_string(d) + "_";
        text += "    subgraph cluster_" + std::to_string(d) + " {\n        label=" +
                detail::dot_quote(r.dimension + " (" + r.table + ")") + ";\n";
        for (std::size_t i = 0; i < r.plugins.size(); ++i)
            text += "        " + prefix + std::to_string(i) + " [label=" +
                    detail::dot_quote(std::to_string(i + 1) + ". " + r.plugins[i].name) + "];\n";
        for (std::size_t consumer = 0; consumer < r.plugins.size(); ++consumer)
            for (const std::string& key : r.plugins[consumer].required)
                for (std::size_t producer = 0; producer < r.plugins.size(); ++producer)
                    for (const std::string& produced : r.plugins[producer].produced)
                        if (produced == key && producer != consumer)
                            text += "        " + prefix + std::to_string(producer) + " -> " + prefix +
                                    std::to_string(consumer) + " [label=" + detail::dot_quote(key) + "];\n";
        text += "    }\n";
    }
    return text + "}\n";
}

}  // namespace pgcraft::generator
