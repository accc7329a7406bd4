// DDL from a catalog, formatted as a person would write it: one column per
// line, names and types aligned, statements in dependency order.
#include <pgcraft/sql/render.hpp>
#include <pgcraft/sql/render_change.hpp>

#include <algorithm>
#include <cstddef>
#include <map>
#include <set>
#include <variant>
#include <vector>

#include <fmt/format.h>

#include <pgcraft/sql/quote.hpp>

#include "render_parts.hpp"

namespace pgcraft::sql {

using namespace pgcraft::catalog;

std::string_view keyword(referential_action a) {
    switch (a) {
        case referential_action::no_action: return "NO ACTION";
        case referential_action::restrict: return "RESTRICT";
        case referential_action::cascade: return "CASCADE";
        case referential_action::set_null: return "SET NULL";
        case referential_action::set_default: return "SET DEFAULT";
    }
    return {};
}

std::string_view keyword(trigger_timing t) {
    switch (t) {
        case trigger_timing::before: return "BEFORE";
        case trigger_timing::after: return "AFTER";
        case trigger_timing::instead_of: return "INSTEAD OF";
    }
    return {};
}

std::string_view keyword(trigger_event e) {
    switch (e) {
        case trigger_event::insert: return "INSERT";
        case trigger_event::update: return "UPDATE";
        case trigger_event::delete_: return "DELETE";
        case trigger_event::truncate: return "TRUNCATE";
    }
    return {};
}

std::string_view keyword(volatility v) {
    switch (v) {
        case volatility::volatile_: return "VOLATILE";
        case volatility::stable: return "STABLE";
        case volatility::immutable: return "IMMUTABLE";
    }
    return {};
}

std::string_view keyword(language l) {
    switch (l) {
        case language::sql: return "sql";
        case language::plpgsql: return "plpgsql";
    }
    return {};
}

std::string_view keyword(privilege p) {
    switch (p) {
        case privilege::select: return "SELECT";
        case privilege::insert: return "INSERT";
        case privilege::update: return "UPDATE";
        case privilege::delete_: return "DELETE";
        case privilege::truncate: return "TRUNCATE";
        case privilege::references: return "REFERENCES";
        case privilege::trigger: return "TRIGGER";
        case privilege::usage: return "USAGE";
        case privilege::create: return "CREATE";
        case privilege::execute: return "EXECUTE";
    }
    return {};
}

namespace {
template <class Reference>
std::string render_with(const expression& e, Reference&& reference) {
    std::string text;
    for (std::size_t i = 0; i < e.pieces.size(); ++i) {
        text += e.pieces[i];
        if (i < e.columns_read.size()) text += reference(e.columns_read[i]);
    }
    return text;
}

std::string pad(std::string text, std::size_t width) {
    if (text.size() < width) text.append(width - text.size(), ' ');
    return text;
}
}  // namespace

namespace detail {
std::vector<std::string> quoted(const std::vector<std::string>& names) {
    std::vector<std::string> result;
    for (const std::string& n : names) result.push_back(quote_identifier(n));
    return result;
}

// A dollar-quote tag that `text` does not contain, so the text cannot end the quote.
std::string dollar_tag_for(std::string_view text) {
    std::string tag = "$pgcraft$";
    while (text.find(tag) != std::string_view::npos) tag.insert(tag.size() - 1, "_");
    return tag;
}

std::string column_type(const column& c) {
    return c.user_type.name.empty() ? c.type : quote_qualified(c.user_type);
}

// " NOT NULL GENERATED ALWAYS AS IDENTITY", " DEFAULT …", …: what follows a column's type.
std::string column_attributes(const column& c) {
    std::string attributes;
    if (!c.nullable) attributes += " NOT NULL";
    if (c.identity) attributes += " GENERATED ALWAYS AS IDENTITY";
    if (!c.default_value.empty()) attributes += " DEFAULT " + render(c.default_value);
    if (!c.generated.empty()) attributes += " GENERATED ALWAYS AS (" + render(c.generated) + ") STORED";
    return attributes;
}

std::string constraint_body(const constraint& c) {
    switch (c.kind) {
        case constraint_kind::primary_key: return fmt::format("PRIMARY KEY ({})", fmt::join(quoted(c.columns), ", "));
        case constraint_kind::unique: return fmt::format("UNIQUE ({})", fmt::join(quoted(c.columns), ", "));
        case constraint_kind::check: return fmt::format("CHECK ({})", render(c.check));
        case constraint_kind::foreign_key: {
            const foreign_key_target& to = *c.references;
            std::string text = fmt::format("FOREIGN KEY ({}) REFERENCES {} ({})", fmt::join(quoted(c.columns), ", "),
                                           quote_qualified(to.table), fmt::join(quoted(to.columns), ", "));
            if (to.on_delete != referential_action::no_action) text += fmt::format(" ON DELETE {}", keyword(to.on_delete));
            if (to.on_update != referential_action::no_action) text += fmt::format(" ON UPDATE {}", keyword(to.on_update));
            return text;
        }
    }
    return {};
}

std::string commented_object(const pgcraft::catalog::catalog& cat, const object_id& on) {
    switch (on.kind) {
        case object_kind::table: return "TABLE " + quote_qualified(on.qualified());
        case object_kind::view: return "VIEW " + quote_qualified(on.qualified());
        case object_kind::column:
            return fmt::format("COLUMN {}.{}", quote_qualified(on.relation()), quote_identifier(on.name));
        case object_kind::function: {
            // Written with the argument names as the function declares them.
            const function* f = cat.find_as<function>(on);
            std::vector<std::string> arguments;
            if (f)
                for (const argument& a : f->arguments)
                    arguments.push_back(a.name.empty() ? a.type : quote_identifier(a.name) + " " + a.type);
            else
                arguments = on.argument_types;
            return fmt::format("FUNCTION {}({})", quote_qualified(on.qualified()), fmt::join(arguments, ", "));
        }
        case object_kind::enum_type: return "TYPE " + quote_qualified(on.qualified());
        case object_kind::schema: return "SCHEMA " + quote_identifier(on.name);
        case object_kind::index: return "INDEX " + quote_qualified(on.qualified());
        default: return describe(on);
    }
}

std::string privileged_object(const object_id& on) {
    switch (on.kind) {
        case object_kind::schema: return "SCHEMA " + quote_identifier(on.name);
        case object_kind::function:
            return fmt::format("FUNCTION {}({})", quote_qualified(on.qualified()), fmt::join(on.argument_types, ", "));
        case object_kind::enum_type: return "TYPE " + quote_qualified(on.qualified());
        default: return "TABLE " + quote_qualified(on.qualified());
    }
}

std::string privilege_list(const std::vector<privilege>& privileges) {
    std::vector<std::string_view> words;
    for (privilege p : privileges) words.push_back(keyword(p));
    return fmt::format("{}", fmt::join(words, ", "));
}

std::string comment_statement(const pgcraft::catalog::catalog& cat, const comment& c) {
    return fmt::format("COMMENT ON {} IS {};\n", commented_object(cat, c.on), quote_literal(c.text));
}
std::string index_definition(const index& ix) {
    std::vector<std::string> keys;
    for (const expression& k : ix.keys) keys.push_back(render(k));
    std::string text = "ON " + quote_qualified(ix.table);
    if (!ix.method.empty()) text += " USING " + ix.method;
    text += fmt::format(" ({})", fmt::join(keys, ", "));
    if (!ix.include.empty()) text += fmt::format(" INCLUDE ({})", fmt::join(quoted(ix.include), ", "));
    if (!ix.where.empty()) text += " WHERE " + render(ix.where);
    return text;
}

}  // namespace detail

namespace {
using namespace detail;

// An identity column as a plain NOT NULL one: the scratch form makes no sequence.
column without_identity(column c) {
    if (c.identity) c.nullable = false, c.identity = false;
    return c;
}

// The comment on `id`, if any, as its statement.
std::string comment_of(const pgcraft::catalog::catalog& cat, const object_id& id) {
    const comment* c = cat.comment_on(id);
    return c ? comment_statement(cat, *c) : std::string();
}

struct renderer {
    const pgcraft::catalog::catalog& cat;
    std::set<const constraint*> standalone;  ///< constraints added after their tables
    const std::set<object_id>* replace = nullptr;  ///< views and functions written CREATE OR REPLACE
    /// The scratch form (render_scratch_ddl): tables PARTITION BY LIST (their key column), identity columns plain.
    const std::map<qualified_name, std::string>* partition_keys = nullptr;
    /// The scratch form's keys that are not built (no foreign key needs them): their columns are NOT NULL.
    const std::set<const constraint*>* unbuilt_keys = nullptr;

    bool built(const constraint* c) const { return !unbuilt_keys || !unbuilt_keys->contains(c); }

    // The comment on `id` as its statement; none in the scratch form.
    std::string comments_on(const object_id& id) const { return partition_keys ? std::string() : comment_of(cat, id); }

    std::string_view create(const object_id& id) const {
        return replace && replace->contains(id) ? "CREATE OR REPLACE" : "CREATE";
    }

    std::string operator()(const extension& e) const {
        return fmt::format("CREATE EXTENSION IF NOT EXISTS {}{};\n", quote_identifier(e.name),
                           e.schema.empty() ? "" : " WITH SCHEMA " + quote_identifier(e.schema));
    }

    std::string operator()(const role& r) const {
        // CREATE ROLE has no IF NOT EXISTS, and roles belong to the whole cluster.
        const std::string statement = fmt::format("CREATE ROLE {} {}{};", quote_identifier(r.name),
                                                  r.login ? "LOGIN" : "NOLOGIN", r.inherit ? "" : " NOINHERIT");
        const std::string tag = dollar_tag_for(statement);
        std::string memberships;
        for (const std::string& granted : r.member_of)
            memberships += fmt::format("GRANT {} TO {};\n", quote_identifier(granted), quote_identifier(r.name));
        return fmt::format("DO {tag}\nBEGIN\n    {statement}\nEXCEPTION WHEN duplicate_object THEN\n    NULL;\nEND\n{tag};\n",
                           fmt::arg("tag", tag), fmt::arg("statement", statement)) +
               memberships;
    }

    std::string operator()(const schema& s) const {
        return fmt::format("CREATE SCHEMA {};\n", quote_identifier(s.name)) + comments_on(s.id());
    }

    std::string operator()(const enum_type& e) const {
        std::vector<std::string> labels;
        for (const std::string& l : e.labels) labels.push_back("    " + quote_literal(l));
        return fmt::format("CREATE TYPE {} AS ENUM (\n{}\n);\n", quote_qualified(e.name), fmt::join(labels, ",\n")) +
               comments_on(e.id());
    }

    std::string operator()(const table& t) const {
        const std::vector<const column*> columns = cat.columns_of(t.name);
        std::size_t name_width = 0;
        std::size_t type_width = 0;
        for (const column* c : columns) {
            name_width = std::max(name_width, quote_identifier(c->name).size());
            type_width = std::max(type_width, column_type(*c).size());
        }
        std::set<std::string> key_columns;  // of an unbuilt primary key, NOT NULL as it would make them
        for (const constraint* c : cat.constraints_of(t.name))
            if (!built(c) && c->kind == constraint_kind::primary_key) key_columns.insert(c->columns.begin(), c->columns.end());
        std::vector<std::string> lines;
        for (const column* c : columns) {
            column shown = partition_keys ? without_identity(*c) : *c;
            if (key_columns.contains(c->name)) shown.nullable = false;
            const std::string attributes = column_attributes(shown);
            const std::string type = column_type(*c);
            lines.push_back(fmt::format("    {} {}", pad(quote_identifier(c->name), name_width),
                                        attributes.empty() ? type : pad(type, type_width) + attributes));
        }
        for (const constraint* c : cat.constraints_of(t.name))
            if (!standalone.contains(c) && built(c))
                lines.push_back(fmt::format("    CONSTRAINT {} {}", quote_identifier(c->name), constraint_body(*c)));
        std::string partitioned;
        if (partition_keys)
            if (const auto key = partition_keys->find(t.name); key != partition_keys->end())
                partitioned = " PARTITION BY LIST (" + quote_identifier(key->second) + ")";
        std::string text =
            fmt::format("CREATE TABLE {} (\n{}\n){};\n", quote_qualified(t.name), fmt::join(lines, ",\n"), partitioned);
        text += comments_on(t.id());
        for (const column* c : columns) text += comments_on(c->id());
        return text;
    }

    std::string operator()(const column& c) const {
        return fmt::format("ALTER TABLE {} ADD COLUMN {} {}{};\n", quote_qualified(c.table), quote_identifier(c.name),
                           column_type(c), column_attributes(c));
    }

    std::string operator()(const constraint& c) const { return built(&c) ? render_add_constraint(c, false) : std::string(); }

    std::string operator()(const index& ix) const {
        return fmt::format("CREATE {}INDEX {} {};\n", ix.unique ? "UNIQUE " : "", quote_identifier(ix.name.name),
                           index_definition(ix)) +
               comments_on(ix.id());
    }

    std::string operator()(const view& v) const {
        std::string text = fmt::format("{} VIEW {} AS\n{}", create(v.id()), quote_qualified(v.name), v.query);
        if (!text.ends_with(';')) text += ";";
        text += "\n";
        for (const column_default& d : v.defaults)
            text += fmt::format("ALTER VIEW {} ALTER COLUMN {} SET DEFAULT {};\n", quote_qualified(v.name),
                                quote_identifier(d.column), render(d.value));
        return text + comments_on(v.id());
    }

    std::string operator()(const function& f) const {
        std::vector<std::string> arguments;
        for (const argument& a : f.arguments)
            arguments.push_back(a.name.empty() ? a.type : quote_identifier(a.name) + " " + a.type);
        std::string options = fmt::format("    RETURNS {}\n    LANGUAGE {}\n", f.returns, keyword(f.language));
        if (f.volatility != volatility::volatile_) options += fmt::format("    {}\n", keyword(f.volatility));
        if (f.security_definer) options += "    SECURITY DEFINER\n";
        if (f.security_definer || !f.search_path.empty())
            options += fmt::format("    SET search_path = {}\n", f.search_path.empty() ? "pg_catalog, pg_temp" : f.search_path);
        const std::string tag = dollar_tag_for(f.body);
        return fmt::format("{create} FUNCTION {name}({arguments})\n{options}AS {tag}\n{body}{newline}{tag};\n",
                           fmt::arg("create", create(f.id())), fmt::arg("name", quote_qualified(f.name)), fmt::arg("arguments", fmt::join(arguments, ", ")),
                           fmt::arg("options", options), fmt::arg("tag", tag), fmt::arg("body", f.body),
                           fmt::arg("newline", f.body.ends_with('\n') ? "" : "\n")) +
               comments_on(f.id());
    }

    std::string operator()(const trigger& t) const {
        std::vector<std::string_view> events;
        for (trigger_event e : t.events) events.push_back(keyword(e));
        return fmt::format("CREATE {constraint}TRIGGER {name}\n    {timing} {events} ON {on}{deferred}\n    FOR EACH {each}{when} "
                           "EXECUTE FUNCTION {function}({arguments});\n",
                           fmt::arg("constraint", t.deferred ? "CONSTRAINT " : ""),
                           fmt::arg("deferred", t.deferred ? " DEFERRABLE INITIALLY DEFERRED" : ""),
                           fmt::arg("name", quote_identifier(t.name)), fmt::arg("timing", keyword(t.timing)),
                           fmt::arg("events", fmt::join(events, " OR ")), fmt::arg("on", quote_qualified(t.on.qualified())),
                           fmt::arg("each", t.for_each_statement ? "STATEMENT" : "ROW"),
                           fmt::arg("when", t.when.empty() ? "" : " WHEN (" + t.when + ")"),
                           fmt::arg("function", quote_qualified(t.function.qualified())),
                           fmt::arg("arguments", fmt::join(t.function.argument_types, ", ")));
    }

    std::string operator()(const comment& c) const { return partition_keys ? std::string() : comment_statement(cat, c); }

    std::string operator()(const grant& g) const {
        return fmt::format("GRANT {} ON {} TO {};\n", privilege_list(g.privileges), privileged_object(g.on),
                           quote_identifier(g.role));
    }
};

renderer renderer_for(const pgcraft::catalog::catalog& c, const std::vector<const object*>& order) {
    renderer r{c, {}, nullptr};
    for (const object* o : order)
        if (const auto* k = std::get_if<constraint>(o)) r.standalone.insert(k);
    return r;
}

}  // namespace

std::string render(const expression& e) {
    return render_with(e, [](const std::string& c) { return quote_identifier(c); });
}

std::string render_new_row(const expression& e) {
    return render_with(e, [](const std::string& c) { return "NEW." + quote_identifier(c); });
}

std::string render_qualified(const expression& e, std::string_view alias) {
    return render_with(e, [&](const std::string& c) { return quote_identifier(alias) + "." + quote_identifier(c); });
}

std::string render_key_definition(const constraint& c) { return constraint_body(c); }

std::string render_create(const pgcraft::catalog::catalog& c, const object& o) {
    return std::visit(renderer_for(c, {}), o);
}

std::string render_ddl(const pgcraft::catalog::catalog& c) { return render_ddl(c, {}); }

std::string render_ddl(const pgcraft::catalog::catalog& c, const std::set<object_id>& replace) {
    const std::vector<const object*> order = c.in_dependency_order();
    renderer r = renderer_for(c, order);
    r.replace = &replace;
    std::string text;
    const object* previous = nullptr;
    for (const object* o : order) {
        // A blank line between statements, except within a run of grants.
        const bool grant_run = previous && std::holds_alternative<grant>(*previous) && std::holds_alternative<grant>(*o);
        if (!text.empty() && !grant_run) text += "\n";
        text += std::visit(r, *o);
        previous = o;
    }
    return text;
}

namespace {
// Types whose values PostgreSQL can partition a table by (they have a btree
// operator class), for a table that has no key to take the column from.
bool orderable(const column& c) {
    if (!c.user_type.name.empty()) return true;  // an enum type
    constexpr std::string_view types[] = {"bigint", "integer", "smallint", "text", "varchar", "character varying",
                                          "uuid", "boolean", "date", "timestamptz", "timestamp", "numeric"};
    const std::string_view base = std::string_view(c.type).substr(0, c.type.find('('));
    return std::find(std::begin(types), std::end(types), base) != std::end(types);
}

// The column a table can be partitioned by without PostgreSQL refusing any
// of its keys (each unique key must hold it), or "" when there is none.
std::string partition_key(const pgcraft::catalog::catalog& c, const qualified_name& table,
                          const std::vector<const index*>& indexes, const std::set<const constraint*>& unbuilt) {
    std::vector<std::vector<std::string>> keys;
    for (const constraint* k : c.constraints_of(table))
        if ((k->kind == constraint_kind::primary_key || k->kind == constraint_kind::unique) && !unbuilt.contains(k))
            keys.push_back(k->columns);
    for (const index* ix : indexes) {
        if (!ix->unique) continue;
        std::vector<std::string> columns;
        for (const expression& e : ix->keys) {
            const bool plain_column = e.columns_read.size() == 1 && e.pieces.size() == 2 && e.pieces[0].empty() &&
                                      e.pieces[1].empty();
            if (!plain_column) return {};
            columns.push_back(e.columns_read[0]);
        }
        keys.push_back(std::move(columns));
    }
    for (const column* col : c.columns_of(table)) {
        if (!col->generated.empty() || !orderable(*col)) continue;
        const bool in_every_key = std::all_of(keys.begin(), keys.end(), [&](const std::vector<std::string>& k) {
            return std::find(k.begin(), k.end(), col->name) != k.end();
        });
        if (in_every_key) return col->name;
    }
    return {};
}
}  // namespace

std::string render_scratch_ddl(const pgcraft::catalog::catalog& c) {
    // Keys no foreign key needs are left to the reading (render_key_definition): building one is an index.
    std::set<qualified_name> referenced;
    for (const constraint* k : c.all<constraint>())
        if (k->references) referenced.insert(k->references->table);
    std::set<const constraint*> unbuilt;
    for (const constraint* k : c.all<constraint>())
        if ((k->kind == constraint_kind::primary_key || k->kind == constraint_kind::unique) && !referenced.contains(k->table))
            unbuilt.insert(k);
    std::map<qualified_name, std::vector<const index*>> indexes;
    for (const index* ix : c.all<index>()) indexes[ix->table].push_back(ix);
    std::map<qualified_name, std::string> keys;
    for (const table* t : c.all<table>())
        if (std::string key = partition_key(c, t->name, indexes[t->name], unbuilt); !key.empty())
            keys.emplace(t->name, std::move(key));
    const std::vector<const object*> order = c.in_dependency_order();
    renderer r = renderer_for(c, order);
    r.partition_keys = &keys;
    r.unbuilt_keys = &unbuilt;
    std::string text;
    for (const object* o : order)
        if (!std::holds_alternative<comment>(*o)) text += std::visit(r, *o);
    return text;
}

}  // namespace pgcraft::sql
