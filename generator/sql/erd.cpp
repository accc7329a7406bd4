// Entity-relationship diagrams of a catalog.
#include <pgcraft/sql/erd.hpp>

#include <algorithm>
#include <map>
#include <numeric>
#include <set>
#include <vector>

#include <fmt/format.h>

#include "dot.hpp"

namespace pgcraft::sql {

using namespace pgcraft::catalog;

namespace {

std::string qualified(const qualified_name& n) { return n.schema + "." + n.name; }

std::string type_of(const column& c) { return c.user_type.name.empty() ? c.type : qualified(c.user_type); }

// The tables, and which group each belongs to: tables that one view reads
// together (a history dimension's entity and its versions or attributes)
// form a group, named after the first of them.
struct layout {
    std::vector<const table*> tables;
    std::vector<std::size_t> group;  ///< per table: the index of its group's first table
};

layout layout_of(const pgcraft::catalog::catalog& c) {
    layout l;
    l.tables = c.all<table>();
    std::map<qualified_name, std::size_t> position;
    for (std::size_t i = 0; i < l.tables.size(); ++i) position.emplace(l.tables[i]->name, i);
    std::vector<std::size_t> parent(l.tables.size());
    std::iota(parent.begin(), parent.end(), 0);
    auto root = [&](std::size_t i) {
        while (parent[i] != i) i = parent[i] = parent[parent[i]];
        return i;
    };
    for (const view* v : c.all<view>()) {
        std::vector<std::size_t> read;
        for (const object_id& id : v->reads)
            if (id.kind == object_kind::table)
                if (auto it = position.find(id.qualified()); it != position.end()) read.push_back(it->second);
        for (std::size_t r : read) {
            const std::size_t a = root(read.front()), b = root(r);
            parent[std::max(a, b)] = std::min(a, b);
        }
    }
    for (std::size_t i = 0; i < l.tables.size(); ++i) l.group.push_back(root(i));
    return l;
}

struct keys {
    std::set<std::string> primary, foreign, unique;
};

keys keys_of(const pgcraft::catalog::catalog& c, const table& t) {
    keys k;
    for (const constraint* x : c.constraints_of(t.name)) {
        std::set<std::string>* into = x->kind == constraint_kind::primary_key ? &k.primary
                                      : x->kind == constraint_kind::foreign_key ? &k.foreign
                                      : x->kind == constraint_kind::unique      ? &k.unique
                                                                                : nullptr;
        if (into) into->insert(x->columns.begin(), x->columns.end());
    }
    return k;
}

// Mermaid names and types are words: a run of anything else becomes one
// '_' (numeric(10,2) -> numeric_10_2); the real type is in the comment.
std::string mermaid_word(std::string_view text) {
    std::string word;
    for (char ch : text) {
        const bool ok = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '_';
        if (ok) word += ch;
        else if (!word.empty() && word.back() != '_') word += '_';
    }
    while (!word.empty() && word.back() == '_') word.pop_back();
    return word.empty() ? "_" : word;
}

std::string mermaid_text(std::string_view text) {
    std::string quoted;
    for (char ch : text) quoted += ch == '"' ? '\'' : ch;
    return quoted;
}

std::string html(std::string_view text) {
    std::string escaped;
    for (char ch : text) {
        switch (ch) {
            case '&': escaped += "&amp;"; break;
            case '<': escaped += "&lt;"; break;
            case '>': escaped += "&gt;"; break;
            case '"': escaped += "&quot;"; break;
            default: escaped += ch;
        }
    }
    return escaped;
}

std::string dot_id(std::string_view text) { return dot_quoted(text); }

}  // namespace

std::string render_erd_mermaid(const pgcraft::catalog::catalog& c) {
    const layout l = layout_of(c);
    std::string text = "erDiagram\n";
    std::vector<std::size_t> order(l.tables.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return l.group[a] < l.group[b]; });
    for (std::size_t i : order) {
        const table& t = *l.tables[i];
        if (l.group[i] != i) text += fmt::format("    %% {}: history of {}\n", qualified(t.name), qualified(l.tables[l.group[i]]->name));
        const keys k = keys_of(c, t);
        text += fmt::format("    {} {{\n", mermaid_word(qualified(t.name)));
        for (const column* col : c.columns_of(t.name)) {
            std::vector<std::string> marks;
            if (k.primary.contains(col->name)) marks.emplace_back("PK");
            if (k.foreign.contains(col->name)) marks.emplace_back("FK");
            if (k.unique.contains(col->name)) marks.emplace_back("UK");
            const std::string type = type_of(*col);
            text += fmt::format("        {} {}{}{}\n", mermaid_word(type), mermaid_word(col->name),
                                marks.empty() ? "" : " " + fmt::format("{}", fmt::join(marks, ", ")),
                                fmt::format(" \"{}{}\"", mermaid_text(type), col->nullable ? ", null" : ""));
        }
        text += "    }\n";
    }
    for (const table* t : l.tables)
        for (const constraint* x : c.constraints_of(t->name)) {
            if (x->kind != constraint_kind::foreign_key) continue;
            bool optional = false;
            for (const column* col : c.columns_of(t->name))
                if (std::find(x->columns.begin(), x->columns.end(), col->name) != x->columns.end())
                    optional = optional || col->nullable;
            text += fmt::format("    {} }}o--{} {} : \"{}\"\n", mermaid_word(qualified(t->name)), optional ? "o|" : "||",
                                mermaid_word(qualified(x->references->table)), mermaid_text(x->name));
        }
    return text;
}

std::string render_erd_dot(const pgcraft::catalog::catalog& c) {
    const layout l = layout_of(c);
    std::string text =
        "digraph schema {\n"
        "    graph [rankdir=LR, fontname=\"Helvetica\", fontsize=11];\n"
        "    node [shape=plaintext, fontname=\"Helvetica\", fontsize=10];\n"
        "    edge [fontname=\"Helvetica\", fontsize=9, dir=both, arrowtail=crow, arrowhead=tee];\n";
    auto node = [&](const table& t, std::string_view indent) {
        const keys k = keys_of(c, t);
        std::string rows;
        for (const column* col : c.columns_of(t.name)) {
            std::string marks;
            if (k.primary.contains(col->name)) marks += "PK ";
            if (k.foreign.contains(col->name)) marks += "FK ";
            if (k.unique.contains(col->name)) marks += "UK ";
            if (!marks.empty()) marks.pop_back();
            rows += fmt::format(
                "<tr><td port={port} align=\"left\">{name}</td><td align=\"left\">{type}{null}</td><td>{marks}</td></tr>",
                fmt::arg("port", dot_id(col->name)), fmt::arg("name", html(col->name)), fmt::arg("type", html(type_of(*col))),
                fmt::arg("null", col->nullable ? " NULL" : ""), fmt::arg("marks", marks));
        }
        return fmt::format(
            "{indent}{id} [label=<<table border=\"0\" cellborder=\"1\" cellspacing=\"0\" cellpadding=\"3\">"
            "<tr><td colspan=\"3\" bgcolor=\"#dde4ee\"><b>{name}</b></td></tr>{rows}</table>>];\n",
            fmt::arg("indent", indent), fmt::arg("id", dot_id(qualified(t.name))), fmt::arg("name", html(qualified(t.name))),
            fmt::arg("rows", rows));
    };
    for (std::size_t i = 0; i < l.tables.size(); ++i) {
        if (l.group[i] != i) continue;
        const bool grouped = std::count(l.group.begin(), l.group.end(), i) > 1;
        if (!grouped) {
            text += node(*l.tables[i], "    ");
            continue;
        }
        text += fmt::format("    subgraph {} {{\n        label={};\n        style=rounded;\n        color=\"#8899aa\";\n",
                            dot_id("cluster_" + qualified(l.tables[i]->name)),
                            dot_id(qualified(l.tables[i]->name) + " with its history"));
        for (std::size_t j = 0; j < l.tables.size(); ++j)
            if (l.group[j] == i) text += node(*l.tables[j], "        ");
        text += "    }\n";
    }
    for (const table* t : l.tables)
        for (const constraint* x : c.constraints_of(t->name)) {
            if (x->kind != constraint_kind::foreign_key) continue;
            const std::string from = x->columns.empty() ? std::string() : ":" + dot_id(x->columns.front());
            const std::string to = x->references->columns.empty() ? std::string() : ":" + dot_id(x->references->columns.front());
            text += fmt::format("    {}{} -> {}{} [label={}];\n", dot_id(qualified(t->name)), from,
                                dot_id(qualified(x->references->table)), to, dot_id(x->name));
        }
    return text + "}\n";
}

}  // namespace pgcraft::sql
