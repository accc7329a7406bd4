#include <pgcraft/generator/plugin_report.hpp>

#include <algorithm>

#include <fmt/format.h>

#include "../sql/dot.hpp"

namespace pgcraft::generator {

namespace {
std::string listed(const std::vector<std::string>& items) {
    return items.empty() ? "-" : fmt::format("{}", fmt::join(items, ", "));
}
}  // namespace

std::string render_plugin_text(const std::vector<dimension_plugin_report>& reports) {
    std::string text;
    for (const dimension_plugin_report& r : reports) {
        if (!text.empty()) text += "\n";
        text += fmt::format("{} ({})\n", r.dimension, r.table);
        std::size_t width = 0;
        for (const plugin_row& p : r.plugins) width = std::max(width, p.name.size());
        for (std::size_t i = 0; i < r.plugins.size(); ++i) {
            const plugin_row& p = r.plugins[i];
            text += fmt::format("  {}. {:<{}}  requires: {}  produces: {}", i + 1, p.name, width, listed(p.required),
                                listed(p.produced));
            if (!p.singleton_group.empty()) text += "  group: " + p.singleton_group;
            if (p.min_postgres_version > 0) text += fmt::format("  needs: PostgreSQL {}", p.min_postgres_version);
            text += "\n";
        }
    }
    return text;
}

std::string render_plugin_dot(const std::vector<dimension_plugin_report>& reports) {
    using sql::dot_quoted;
    std::string text = "digraph plugins {\n    rankdir=LR;\n    node [shape=box];\n";
    for (std::size_t d = 0; d < reports.size(); ++d) {
        const dimension_plugin_report& r = reports[d];
        text += fmt::format("    subgraph cluster_{} {{\n        label={};\n", d,
                            dot_quoted(r.dimension + " (" + r.table + ")"));
        for (std::size_t i = 0; i < r.plugins.size(); ++i)
            text += fmt::format("        d{}_{} [label={}];\n", d, i,
                                dot_quoted(std::to_string(i + 1) + ". " + r.plugins[i].name));
        for (std::size_t consumer = 0; consumer < r.plugins.size(); ++consumer)
            for (const std::string& key : r.plugins[consumer].required)
                for (std::size_t producer = 0; producer < r.plugins.size(); ++producer)
                    for (const std::string& produced : r.plugins[producer].produced)
                        if (produced == key && producer != consumer)
                            text += fmt::format("        d{0}_{1} -> d{0}_{2} [label={3}];\n", d, producer, consumer,
                                                dot_quoted(key));
        text += "    }\n";
    }
    return text + "}\n";
}

}  // namespace pgcraft::generator
