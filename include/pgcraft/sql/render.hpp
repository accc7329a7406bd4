// DDL from a catalog, formatted as a person would write it: one column per
// line, names and types aligned, statements in dependency order.
#pragma once

#include <algorithm>
#include <cstddef>
#include <string>
#include <variant>
#include <vector>

#include <pgcraft/catalog/catalog.hpp>
#include <pgcraft/sql/quote.hpp>

namespace pgcraft::sql {

namespace detail {
inline std::string join_quoted(const std::vector<std::string>& names) {
    std::string text;
    for (std::size_t i = 0; i < names.size(); ++i) {
        if (i > 0) text += ", ";
        text += quote_identifier(names[i]);
    }
    return text;
}

inline std::string pad(std::string text, std::size_t width) {
    if (text.size() < width) text.append(width - text.size(), ' ');
    return text;
}

inline std::string constraint_body(const catalog::constraint& c) {
    switch (c.kind) {
        case catalog::constraint_kind::primary_key:
            return "PRIMARY KEY (" + join_quoted(c.columns) + ")";
        case catalog::constraint_kind::unique:
            return "UNIQUE (" + join_quoted(c.columns) + ")";
        case catalog::constraint_kind::check:
            return "CHECK (" + c.expression + ")";
        case catalog::constraint_kind::foreign_key: {
            std::string text = "FOREIGN KEY (" + join_quoted(c.columns) + ") REFERENCES " +
                               quote_qualified(c.references->table) + " (" + join_quoted(c.references->columns) + ")";
            if (!c.references->on_delete.empty()) text += " ON DELETE " + c.references->on_delete;
            if (!c.references->on_update.empty()) text += " ON UPDATE " + c.references->on_update;
            return text;
        }
    }
    return {};
}
}  // namespace detail

inline std::string render_create(const catalog::schema& s) {
    return "CREATE SCHEMA " + quote_identifier(s.name) + ";\n";
}

inline std::string render_create(const catalog::table& t) {
    std::size_t name_width = 0;
    std::size_t type_width = 0;
    for (const catalog::column& c : t.columns) {
        name_width = std::max(name_width, quote_identifier(c.name).size());
        type_width = std::max(type_width, c.type.size());
    }
    std::vector<std::string> lines;
    for (const catalog::column& c : t.columns) {
        std::string attributes;
        if (!c.nullable) attributes += " NOT NULL";
        if (c.identity) attributes += " GENERATED ALWAYS AS IDENTITY";
        if (!c.default_sql.empty()) attributes += " DEFAULT " + c.default_sql;
        if (!c.generated.empty()) attributes += " GENERATED ALWAYS AS (" + c.generated + ") STORED";
        std::string line = "    " + detail::pad(quote_identifier(c.name), name_width) + " ";
        line += attributes.empty() ? c.type : detail::pad(c.type, type_width) + attributes;
        lines.push_back(std::move(line));
    }
    for (const catalog::constraint& c : t.constraints)
        lines.push_back("    CONSTRAINT " + quote_identifier(c.name) + " " + detail::constraint_body(c));

    std::string text = "CREATE TABLE " + quote_qualified(t.name) + " (\n";
    for (std::size_t i = 0; i < lines.size(); ++i) text += lines[i] + (i + 1 < lines.size() ? ",\n" : "\n");
    text += ");\n";
    if (!t.comment.empty())
        text += "COMMENT ON TABLE " + quote_qualified(t.name) + " IS " + quote_literal(t.comment) + ";\n";
    for (const catalog::column& c : t.columns)
        if (!c.comment.empty())
            text += "COMMENT ON COLUMN " + quote_qualified(t.name) + "." + quote_identifier(c.name) + " IS " +
                    quote_literal(c.comment) + ";\n";
    return text;
}

inline std::string render_create(const catalog::index& ix) {
    std::string text = ix.unique ? "CREATE UNIQUE INDEX " : "CREATE INDEX ";
    text += quote_identifier(ix.name.name) + " ON " + quote_qualified(ix.table);
    if (!ix.method.empty()) text += " USING " + ix.method;
    text += " (";
    for (std::size_t i = 0; i < ix.keys.size(); ++i) text += (i > 0 ? ", " : "") + ix.keys[i];
    text += ")";
    if (!ix.include.empty()) text += " INCLUDE (" + detail::join_quoted(ix.include) + ")";
    if (!ix.where.empty()) text += " WHERE " + ix.where;
    return text + ";\n";
}

namespace detail {
// A dollar-quote tag that `text` does not contain, so the text cannot end the quote.
inline std::string dollar_tag_for(std::string_view text) {
    std::string tag = "$pgcraft$";
    while (text.find(tag) != std::string_view::npos) tag.insert(tag.size() - 1, "_");
    return tag;
}
}  // namespace detail

inline std::string render_create(const catalog::role& r) {
    // CREATE ROLE has no IF NOT EXISTS, and roles belong to the whole cluster.
    const std::string statement = "CREATE ROLE " + quote_identifier(r.name) + (r.login ? " LOGIN" : " NOLOGIN") + ";";
    const std::string tag = detail::dollar_tag_for(statement);
    return "DO " + tag + "\nBEGIN\n    " + statement + "\nEXCEPTION WHEN duplicate_object THEN\n    NULL;\nEND\n" + tag +
           ";\n";
}

inline std::string render_create(const catalog::function& f) {
    std::string text = "CREATE FUNCTION " + quote_qualified(f.name) + "(" + f.arguments + ")\n";
    text += "    RETURNS " + f.returns + "\n    LANGUAGE " + f.language + "\n";
    if (!f.volatility.empty()) text += "    " + f.volatility + "\n";
    if (f.security_definer) {
        text += "    SECURITY DEFINER\n";
        text += "    SET search_path = " + (f.search_path.empty() ? std::string("pg_catalog, pg_temp") : f.search_path) +
                "\n";
    } else if (!f.search_path.empty()) {
        text += "    SET search_path = " + f.search_path + "\n";
    }
    const std::string tag = detail::dollar_tag_for(f.body);
    text += "AS " + tag + "\n" + f.body + (f.body.ends_with('\n') ? "" : "\n") + tag + ";\n";
    if (!f.comment.empty())
        text += "COMMENT ON FUNCTION " + quote_qualified(f.name) + "(" + f.arguments + ") IS " + quote_literal(f.comment) +
                ";\n";
    return text;
}

inline std::string render_create(const catalog::grant& g) {
    std::string privileges;
    for (std::size_t i = 0; i < g.privileges.size(); ++i) privileges += (i > 0 ? ", " : "") + g.privileges[i];
    std::string target;
    switch (g.on.kind) {
        case catalog::object_kind::schema: target = "SCHEMA " + quote_identifier(g.on.name.name); break;
        case catalog::object_kind::table: target = "TABLE " + quote_qualified(g.on.name); break;
        case catalog::object_kind::function:
            target = "FUNCTION " + quote_qualified(g.on.name) + "(" + g.on.arguments + ")";
            break;
        default: target = "TABLE " + quote_qualified(g.on.name); break;
    }
    return "GRANT " + privileges + " ON " + target + " TO " + quote_identifier(g.role) + ";\n";
}

inline std::string render_create(const catalog::view& v) {
    std::string text = "CREATE VIEW " + quote_qualified(v.name) + " AS\n" + v.query;
    if (!text.ends_with(';')) text += ";";
    text += "\n";
    if (!v.comment.empty()) text += "COMMENT ON VIEW " + quote_qualified(v.name) + " IS " + quote_literal(v.comment) + ";\n";
    return text;
}

inline std::string render_create(const catalog::trigger& t) {
    std::string events;
    for (std::size_t i = 0; i < t.events.size(); ++i) events += (i > 0 ? " OR " : "") + t.events[i];
    return "CREATE TRIGGER " + quote_identifier(t.name) + "\n    " + t.timing + " " + events + " ON " +
           quote_qualified(t.on.name) + "\n    FOR EACH " + (t.for_each_statement ? "STATEMENT" : "ROW") + (t.when.empty() ? "" : " WHEN (" + t.when + ")") +
           " EXECUTE FUNCTION " + quote_qualified(t.function.name) + "(" + t.function.arguments + ");\n";
}

/// Every object's CREATE statement, dependencies first, a blank line apart.
inline std::string render_ddl(const catalog::catalog& c) {
    std::string text;
    const catalog::object* previous = nullptr;
    for (const catalog::object* o : c.in_dependency_order()) {
        // A blank line between statements, except within a run of grants.
        const bool grant_run = previous && std::holds_alternative<catalog::grant>(*previous) &&
                               std::holds_alternative<catalog::grant>(*o);
        if (!text.empty() && !grant_run) text += "\n";
        text += std::visit([](const auto& x) { return render_create(x); }, *o);
        previous = o;
    }
    return text;
}

}  // namespace pgcraft::sql
