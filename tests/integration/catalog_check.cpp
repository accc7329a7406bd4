#include "catalog_check.hpp"

#include <algorithm>
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include <pgcraft/sql/quote.hpp>
#include <pgcraft/sql/render.hpp>

namespace pgcraft_it {

namespace cat = pgcraft::catalog;

namespace {

using pgcraft::sql::quote_identifier;
using pgcraft::sql::quote_qualified;

std::string show(const std::optional<std::string>& v) { return v ? "'" + *v + "'" : "NULL"; }

std::optional<std::string> unless_empty(const std::string& text) {
    if (text.empty()) return std::nullopt;
    return text;
}

std::string comma(const std::vector<std::string>& names) {
    std::string text;
    for (const std::string& n : names) text += (text.empty() ? "" : ", ") + n;
    return text;
}

std::string qualified(const cat::qualified_name& n) { return n.schema + "." + n.name; }

std::string sql_of(const cat::expression& e) { return pgcraft::sql::render(e); }

std::optional<std::string> relation_oid(connection& db, const cat::qualified_name& name, const char* kinds) {
    const auto rows = db.query(
        "SELECT c.oid FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
        "WHERE n.nspname = $1 AND c.relname = $2 AND strpos($3, c.relkind::text) > 0",
        {name.schema, name.name, std::string(kinds)});
    if (rows.empty()) return std::nullopt;
    return rows[0][0];
}

// The function a catalog identity names, found by its argument types as the
// server reads them (so overloads are told apart), or nullopt.
std::optional<std::string> function_oid(connection& db, const cat::object_id& id) {
    const std::string signature = quote_qualified(id.qualified()) + "(" + comma(id.argument_types) + ")";
    if (db.failure_of("SELECT to_regprocedure($1)", {signature})) return std::nullopt;  // a type that does not exist
    return db.value("SELECT to_regprocedure($1)::oid", {signature});
}

// The comment the server has on an object, by the system catalog its oid is in.
std::optional<std::string> object_comment(connection& db, const std::string& oid, const char* system_catalog) {
    return db.value("SELECT obj_description($1::oid, $2)", {oid, std::string(system_catalog)});
}

// The live comment is the one the catalog has on `id`, or none when it has none.
void compare_comment(const cat::catalog& catalog, const cat::object_id& id, const std::optional<std::string>& live,
                     const std::string& where, std::vector<std::string>& problems) {
    const cat::comment* declared = catalog.comment_on(id);
    const std::optional<std::string> want = declared ? std::optional<std::string>(declared->text) : std::nullopt;
    if (live != want) problems.push_back(where + ": comment is " + show(live) + ", declared " + show(want));
}

std::string column_type(const cat::column& c) {
    return c.user_type.name.empty() ? c.type : quote_qualified(c.user_type);
}

struct live_column {
    std::string name;
    std::string type;
    bool not_null = false;
    std::string identity;  // "", "a" (always) or "d" (by default)
    std::optional<std::string> default_sql;
    std::optional<std::string> comment;
    bool generated = false;  // GENERATED ALWAYS AS (...) STORED
};

std::vector<live_column> live_columns(connection& db, const std::string& oid) {
    std::vector<live_column> columns;
    for (const row& r : db.query("SELECT a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull, "
                                 "a.attidentity, pg_get_expr(d.adbin, d.adrelid), "
                                 "col_description(a.attrelid, a.attnum), a.attgenerated "
                                 "FROM pg_attribute a LEFT JOIN pg_attrdef d "
                                 "  ON d.adrelid = a.attrelid AND d.adnum = a.attnum "
                                 "WHERE a.attrelid = $1::oid AND a.attnum > 0 AND NOT a.attisdropped "
                                 "ORDER BY a.attnum",
                                 {oid}))
        columns.push_back(
            {r[0].value_or(""), r[1].value_or(""), r[2] == "t", r[3].value_or(""), r[4], r[5], r[6] == "s"});
    return columns;
}

// The server's reading of each column's declared type and default: a
// temporary table with the same types and defaults (no names, no constraints).
std::optional<std::vector<live_column>> probe_columns(connection& db, const cat::qualified_name& table,
                                                      const std::vector<const cat::column*>& columns,
                                                      std::vector<std::string>& problems) {
    static int counter = 0;
    const std::string probe = "pgcraft_probe_" + std::to_string(++counter);
    std::string ddl = "CREATE TEMPORARY TABLE " + probe + " (";
    for (std::size_t i = 0; i < columns.size(); ++i) {
        if (i > 0) ddl += ", ";
        ddl += "c" + std::to_string(i) + " " + column_type(*columns[i]);
        if (!columns[i]->default_value.empty()) ddl += " DEFAULT " + sql_of(columns[i]->default_value);
    }
    ddl += ")";
    if (auto failure = db.failure_of(ddl)) {
        problems.push_back("table " + qualified(table) + ": the declared types and defaults do not make a table: " +
                           failure->message + " in: " + ddl);
        return std::nullopt;
    }
    auto probed = live_columns(db, db.text("SELECT $1::regclass::oid", {probe}));
    db.exec("DROP TABLE " + probe);
    return probed;
}

// The server's reading of a table's CHECK expressions and generation
// expressions: a temporary table with the same column names and types, the
// same generated columns and the same checks (nothing else). Returns the
// checks' definitions by name and each column's generation expression (empty
// if it has none), in column order.
struct probed_expressions {
    std::map<std::string, std::string> checks;
    std::vector<std::string> generated;
};

std::optional<probed_expressions> probe_expressions(connection& db, const cat::qualified_name& table,
                                                    const std::vector<const cat::column*>& columns,
                                                    const std::vector<const cat::constraint*>& constraints,
                                                    std::vector<std::string>& problems) {
    static int counter = 0;
    const std::string probe = "pgcraft_expression_probe_" + std::to_string(++counter);
    std::vector<std::string> parts;
    for (const cat::column* c : columns) {
        std::string part = quote_identifier(c->name) + " " + column_type(*c);
        if (!c->generated.empty()) part += " GENERATED ALWAYS AS (" + sql_of(c->generated) + ") STORED";
        parts.push_back(part);
    }
    for (const cat::constraint* c : constraints)
        if (c->kind == cat::constraint_kind::check)
            parts.push_back("CONSTRAINT " + quote_identifier(c->name) + " CHECK (" + sql_of(c->check) + ")");
    const std::string ddl = "CREATE TEMPORARY TABLE " + probe + " (" + comma(parts) + ")";
    if (auto failure = db.failure_of(ddl)) {
        problems.push_back("table " + qualified(table) +
                           ": the declared checks and generated columns do not make a table: " + failure->message +
                           " in: " + ddl);
        return std::nullopt;
    }
    const std::string oid = db.text("SELECT $1::regclass::oid", {probe});
    probed_expressions result;
    for (const row& r : db.query("SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
                                 "WHERE conrelid = $1::oid AND contype = 'c'",
                                 {oid}))
        result.checks[r[0].value_or("")] = r[1].value_or("");
    for (const live_column& c : live_columns(db, oid))
        result.generated.push_back(c.generated ? c.default_sql.value_or("") : std::string{});
    db.exec("DROP TABLE " + probe);
    return result;
}

// ON DELETE / ON UPDATE as pg_constraint spells them (confdeltype, confupdtype).
char action_code(cat::referential_action action) {
    switch (action) {
        case cat::referential_action::no_action: return 'a';
        case cat::referential_action::restrict: return 'r';
        case cat::referential_action::cascade: return 'c';
        case cat::referential_action::set_null: return 'n';
        case cat::referential_action::set_default: return 'd';
    }
    return '?';
}

char contype_of(cat::constraint_kind kind) {
    switch (kind) {
        case cat::constraint_kind::primary_key: return 'p';
        case cat::constraint_kind::unique: return 'u';
        case cat::constraint_kind::check: return 'c';
        case cat::constraint_kind::foreign_key: return 'f';
    }
    return '?';
}

struct live_constraint {
    char type = '?';
    std::vector<std::string> columns;
    std::vector<std::string> referenced_columns;
    std::optional<cat::qualified_name> referenced_table;
    char on_delete = '?';
    char on_update = '?';
    std::string definition;  // pg_get_constraintdef
};

std::map<std::string, live_constraint> live_constraints(connection& db, const std::string& oid) {
    std::map<std::string, live_constraint> result;
    for (const row& r : db.query("SELECT con.conname, con.contype, a.attname, pg_get_constraintdef(con.oid) "
                                 "FROM pg_constraint con "
                                 "LEFT JOIN LATERAL unnest(con.conkey) WITH ORDINALITY AS k(attnum, i) ON true "
                                 "LEFT JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum "
                                 "WHERE con.conrelid = $1::oid ORDER BY con.conname, k.i",
                                 {oid})) {
        live_constraint& c = result[r[0].value_or("")];
        c.type = r[1].value_or("?")[0];
        c.definition = r[3].value_or("");
        if (r[2]) c.columns.push_back(*r[2]);
    }
    for (const row& r : db.query("SELECT con.conname, rn.nspname, rc.relname, a.attname, con.confdeltype, "
                                 "con.confupdtype "
                                 "FROM pg_constraint con "
                                 "JOIN pg_class rc ON rc.oid = con.confrelid "
                                 "JOIN pg_namespace rn ON rn.oid = rc.relnamespace "
                                 "CROSS JOIN LATERAL unnest(con.confkey) WITH ORDINALITY AS k(attnum, i) "
                                 "JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.attnum "
                                 "WHERE con.conrelid = $1::oid AND con.contype = 'f' ORDER BY con.conname, k.i",
                                 {oid})) {
        live_constraint& c = result[r[0].value_or("")];
        c.referenced_table = cat::qualified_name{r[1].value_or(""), r[2].value_or("")};
        c.referenced_columns.push_back(r[3].value_or(""));
        c.on_delete = r[4].value_or("?")[0];
        c.on_update = r[5].value_or("?")[0];
    }
    return result;
}

// A table, or with `only` one of its columns or constraints.
void compare_table(connection& db, const cat::catalog& catalog, const cat::qualified_name& name,
                   const cat::object_id* only, std::vector<std::string>& problems) {
    const std::string where = "table " + qualified(name);
    const auto oid = relation_oid(db, name, "rp");
    if (!oid) {
        problems.push_back(where + " does not exist");
        return;
    }
    const bool whole = only == nullptr;
    if (whole) compare_comment(catalog, cat::id::table(name), object_comment(db, *oid, "pg_class"), where, problems);

    const std::vector<const cat::column*> columns = catalog.columns_of(name);
    const std::vector<const cat::constraint*> constraints = catalog.constraints_of(name);
    const std::vector<live_column> live = live_columns(db, *oid);
    const auto probe = probe_columns(db, name, columns, problems);
    const auto expressions = probe_expressions(db, name, columns, constraints, problems);
    if (whole && live.size() != columns.size())
        problems.push_back(where + ": has " + std::to_string(live.size()) + " columns, declared " +
                           std::to_string(columns.size()));
    for (std::size_t i = 0; i < columns.size(); ++i) {
        const cat::column& want = *columns[i];
        if (!whole && *only != want.id()) continue;
        const std::string at = where + " column " + std::to_string(i + 1) + " (" + want.name + ")";
        if (static_cast<std::size_t>(want.position) != i + 1)
            problems.push_back(at + ": the catalog gives it position " + std::to_string(want.position));
        if (i >= live.size()) {
            problems.push_back(at + " does not exist");
            continue;
        }
        const live_column& got = live[i];
        if (got.name != want.name) problems.push_back(at + ": is named '" + got.name + "'");
        if (probe && got.type != (*probe)[i].type)
            problems.push_back(at + ": type is " + got.type + ", declared " + column_type(want) + " (" +
                               (*probe)[i].type + ")");
        if (got.not_null == want.nullable)
            problems.push_back(at +
                               (got.not_null ? ": is NOT NULL, declared nullable" : ": is nullable, declared NOT NULL"));
        if ((got.identity == "a") != want.identity)
            problems.push_back(at + ": identity is '" + got.identity + "', declared " +
                               (want.identity ? "GENERATED ALWAYS" : "none"));
        if (got.generated != !want.generated.empty())
            problems.push_back(at +
                               (got.generated ? ": is generated, declared not" : ": is not generated, declared so"));
        if (expressions && got.generated && got.default_sql.value_or("") != expressions->generated[i])
            problems.push_back(at + ": is generated as " + show(got.default_sql) + ", declared " +
                               sql_of(want.generated) + " (" + expressions->generated[i] + ")");
        // (A generated column's expression is kept where a default would be.)
        if (probe && !got.generated && got.default_sql != (*probe)[i].default_sql)
            problems.push_back(at + ": default is " + show(got.default_sql) + ", declared " +
                               show(unless_empty(sql_of(want.default_value))) + " (" + show((*probe)[i].default_sql) +
                               ")");
        compare_comment(catalog, want.id(), got.comment, at, problems);
    }

    std::map<std::string, live_constraint> live_keys = live_constraints(db, *oid);
    for (const cat::constraint* declared : constraints) {
        const cat::constraint& want = *declared;
        if (!whole && *only != want.id()) continue;
        const std::string at = where + " constraint " + want.name;
        const auto it = live_keys.find(want.name);
        if (it == live_keys.end()) {
            problems.push_back(at + " does not exist");
            continue;
        }
        const live_constraint& got = it->second;
        if (got.type != contype_of(want.kind))
            problems.push_back(at + ": is of kind '" + std::string(1, got.type) + "', declared '" +
                               std::string(1, contype_of(want.kind)) + "'");
        std::vector<std::string> got_columns = got.columns;
        std::vector<std::string> want_columns = want.columns;
        if (want.kind == cat::constraint_kind::check) {  // the columns a check reads have no order
            std::sort(got_columns.begin(), got_columns.end());
            std::sort(want_columns.begin(), want_columns.end());
        }
        if (got_columns != want_columns)
            problems.push_back(at + ": columns are (" + comma(got_columns) + "), declared (" + comma(want_columns) +
                               ")");
        if (want.kind == cat::constraint_kind::check && expressions) {
            const auto probed = expressions->checks.find(want.name);
            const std::string declared_definition = probed == expressions->checks.end() ? "?" : probed->second;
            if (got.definition != declared_definition)
                problems.push_back(at + ": is " + got.definition + ", declared CHECK (" + sql_of(want.check) + ") (" +
                                   declared_definition + ")");
        }
        if (want.kind == cat::constraint_kind::foreign_key && !want.references)
            problems.push_back(at + ": the catalog's foreign key references nothing");
        if (want.references) {
            const cat::foreign_key_target& to = *want.references;
            if (got.referenced_table != to.table)
                problems.push_back(at + ": references " +
                                   (got.referenced_table ? qualified(*got.referenced_table) : std::string("nothing")) +
                                   ", declared " + qualified(to.table));
            if (got.referenced_columns != to.columns)
                problems.push_back(at + ": references columns (" + comma(got.referenced_columns) + "), declared (" +
                                   comma(to.columns) + ")");
            if (got.on_delete != action_code(to.on_delete))
                problems.push_back(at + ": ON DELETE is '" + std::string(1, got.on_delete) + "', declared " +
                                   std::string(pgcraft::sql::keyword(to.on_delete)));
            if (got.on_update != action_code(to.on_update))
                problems.push_back(at + ": ON UPDATE is '" + std::string(1, got.on_update) + "', declared " +
                                   std::string(pgcraft::sql::keyword(to.on_update)));
        }
        live_keys.erase(it);
    }
    if (whole)
        for (const auto& [key, c] : live_keys)
            problems.push_back(where + " has constraint " + key + " (kind '" + std::string(1, c.type) +
                               "') that is not declared");
}

// What pg_get_indexdef says after the index's name, with UNIQUE left out:
// " ON schema.table USING method (keys) INCLUDE (...) WHERE (...)".
std::string index_definition_after_name(const std::string& definition) {
    const auto on = definition.find(" ON ");
    return on == std::string::npos ? definition : definition.substr(on);
}

// The server's reading of the declared index: the same keys, method,
// INCLUDE and predicate, made (not unique, so that rows cannot stop it) on
// the same table under another name, then dropped.
std::optional<std::string> probe_index(connection& db, const cat::index& ix, std::vector<std::string>& problems) {
    static int counter = 0;
    const std::string probe = "pgcraft_index_probe_" + std::to_string(++counter);
    std::vector<std::string> keys;
    for (const cat::expression& k : ix.keys) keys.push_back(sql_of(k));
    std::vector<std::string> included;
    for (const std::string& c : ix.include) included.push_back(quote_identifier(c));
    std::string ddl = "CREATE INDEX " + probe + " ON " + quote_qualified(ix.table) + " USING " +
                      (ix.method.empty() ? std::string("btree") : ix.method) + " (" + comma(keys) + ")";
    if (!included.empty()) ddl += " INCLUDE (" + comma(included) + ")";
    if (!ix.where.empty()) ddl += " WHERE " + sql_of(ix.where);
    if (auto failure = db.failure_of(ddl)) {
        problems.push_back("index " + qualified(ix.name) + ": the declaration does not make an index: " +
                           failure->message + " in: " + ddl);
        return std::nullopt;
    }
    const cat::qualified_name name{ix.table.schema, probe};
    const std::string definition = db.text("SELECT pg_get_indexdef($1::regclass)", {quote_qualified(name)});
    db.exec("DROP INDEX " + quote_qualified(name));
    return index_definition_after_name(definition);
}

void compare_index(connection& db, const cat::catalog& catalog, const cat::index& ix,
                   std::vector<std::string>& problems) {
    const std::string where = "index " + qualified(ix.name);
    const auto rows = db.query(
        "SELECT i.indisunique, am.amname, tn.nspname, t.relname, pg_get_indexdef(c.oid), c.oid "
        "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
        "JOIN pg_index i ON i.indexrelid = c.oid JOIN pg_am am ON am.oid = c.relam "
        "JOIN pg_class t ON t.oid = i.indrelid JOIN pg_namespace tn ON tn.oid = t.relnamespace "
        "WHERE n.nspname = $1 AND c.relname = $2",
        {ix.name.schema, ix.name.name});
    if (rows.empty()) {
        problems.push_back(where + " does not exist");
        return;
    }
    const row& r = rows[0];
    if ((r[0] == "t") != ix.unique) problems.push_back(where + (ix.unique ? ": is not unique" : ": is unique"));
    const std::string method = ix.method.empty() ? "btree" : ix.method;
    if (r[1] != method) problems.push_back(where + ": uses " + r[1].value_or("") + ", declared " + method);
    const cat::qualified_name table{r[2].value_or(""), r[3].value_or("")};
    if (table != ix.table)
        problems.push_back(where + ": is on " + qualified(table) + ", declared on " + qualified(ix.table));
    // Keys, INCLUDE and predicate, as the server reads them.
    const std::string live = index_definition_after_name(r[4].value_or(""));
    if (const auto declared = probe_index(db, ix, problems); declared && live != *declared)
        problems.push_back(where + ": is" + live + ", declared" + *declared);
    compare_comment(catalog, ix.id(), object_comment(db, r[5].value_or(""), "pg_class"), where, problems);
}

void compare_role(connection& db, const cat::role& r, std::vector<std::string>& problems) {
    const auto rows = db.query("SELECT rolcanlogin FROM pg_roles WHERE rolname = $1", {r.name});
    if (rows.empty()) {
        problems.push_back("role " + r.name + " does not exist");
        return;
    }
    if ((rows[0][0] == "t") != r.login)
        problems.push_back("role " + r.name +
                           (r.login ? ": cannot log in, declared LOGIN" : ": can log in, declared NOLOGIN"));
}

void compare_schema(connection& db, const cat::catalog& catalog, const cat::schema& s,
                    std::vector<std::string>& problems) {
    const std::string where = "schema " + s.name;
    const auto oid = db.value("SELECT oid FROM pg_namespace WHERE nspname = $1", {s.name});
    if (!oid) {
        problems.push_back(where + " does not exist");
        return;
    }
    compare_comment(catalog, s.id(), object_comment(db, *oid, "pg_namespace"), where, problems);
}

void compare_extension(connection& db, const cat::extension& e, std::vector<std::string>& problems) {
    const std::string where = "extension " + e.name;
    const auto rows = db.query("SELECT n.nspname FROM pg_extension x JOIN pg_namespace n ON n.oid = x.extnamespace "
                               "WHERE x.extname = $1",
                               {e.name});
    if (rows.empty()) {
        problems.push_back(where + " is not installed");
        return;
    }
    if (!e.schema.empty() && rows[0][0] != e.schema)
        problems.push_back(where + ": is in schema " + show(rows[0][0]) + ", declared " + e.schema);
}

void compare_enum_type(connection& db, const cat::catalog& catalog, const cat::enum_type& e,
                       std::vector<std::string>& problems) {
    const std::string where = "enum type " + qualified(e.name);
    const auto rows = db.query("SELECT t.oid, t.typtype FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace "
                               "WHERE n.nspname = $1 AND t.typname = $2",
                               {e.name.schema, e.name.name});
    if (rows.empty()) {
        problems.push_back(where + " does not exist");
        return;
    }
    const std::string oid = rows[0][0].value_or("");
    if (rows[0][1] != "e") {
        problems.push_back(where + ": is a type of kind " + show(rows[0][1]) + ", not an enum");
        return;
    }
    std::vector<std::string> labels;
    for (const row& r : db.query("SELECT enumlabel FROM pg_enum WHERE enumtypid = $1::oid ORDER BY enumsortorder", {oid}))
        labels.push_back(r[0].value_or(""));
    if (labels != e.labels)
        problems.push_back(where + ": labels are (" + comma(labels) + "), declared (" + comma(e.labels) + ")");
    compare_comment(catalog, e.id(), object_comment(db, oid, "pg_type"), where, problems);
}

std::string trimmed(std::string text) {
    const auto not_space = [](char c) { return c != ' ' && c != '\n' && c != '\t' && c != '\r'; };
    text.erase(text.begin(), std::find_if(text.begin(), text.end(), not_space));
    text.erase(std::find_if(text.rbegin(), text.rend(), not_space).base(), text.end());
    return text;
}

// The query of a view without the statement's end.
std::string query_text(const std::string& query) {
    std::string text = trimmed(query);
    while (!text.empty() && text.back() == ';') text = trimmed(text.substr(0, text.size() - 1));
    return text;
}

void compare_view(connection& db, const cat::catalog& catalog, const cat::view& v, std::vector<std::string>& problems) {
    const std::string where = "view " + qualified(v.name);
    const auto oid = relation_oid(db, v.name, "v");
    if (!oid) {
        problems.push_back(where + " does not exist");
        return;
    }
    std::vector<std::string> columns;
    for (const live_column& c : live_columns(db, *oid)) columns.push_back(c.name);
    if (columns != v.columns)
        problems.push_back(where + ": columns are (" + comma(columns) + "), declared (" + comma(v.columns) + ")");
    // The query as the server reads it, against the declared one made into a
    // temporary view (under the same search_path, so names read the same).
    static int counter = 0;
    const std::string probe = "pgcraft_view_probe_" + std::to_string(++counter);
    if (auto failure = db.failure_of("CREATE TEMPORARY VIEW " + probe + " AS " + query_text(v.query))) {
        problems.push_back(where + ": the declared query does not make a view: " + failure->message);
    } else {
        const std::string declared = db.text("SELECT pg_get_viewdef($1::regclass)", {probe});
        db.exec("DROP VIEW " + probe);
        const std::string live = db.text("SELECT pg_get_viewdef($1::oid)", {*oid});
        if (live != declared) problems.push_back(where + ": query is\n" + live + "\ndeclared\n" + declared);
    }
    compare_comment(catalog, v.id(), object_comment(db, *oid, "pg_class"), where, problems);
}

char provolatile_of(cat::volatility v) {
    switch (v) {
        case cat::volatility::volatile_: return 'v';
        case cat::volatility::stable: return 's';
        case cat::volatility::immutable: return 'i';
    }
    return '?';
}

void compare_function(connection& db, const cat::catalog& catalog, const cat::function& f,
                      std::vector<std::string>& problems) {
    const std::string where = cat::describe(f.id());
    const auto oid = function_oid(db, f.id());
    if (!oid) {
        problems.push_back(where + " does not exist");
        return;
    }
    const row r = db.query("SELECT pg_get_function_result(p.oid), l.lanname, p.prosecdef, p.prosrc, "
                           "(SELECT c FROM unnest(p.proconfig) c WHERE c LIKE 'search\\_path=%'), p.provolatile "
                           "FROM pg_proc p JOIN pg_language l ON l.oid = p.prolang WHERE p.oid = $1::oid",
                           {*oid})
                       .at(0);
    // The declared return type as the server spells it, where it is a plain type.
    std::optional<std::string> returns = f.returns;
    if (!db.failure_of("SELECT $1::regtype", {f.returns})) returns = db.value("SELECT $1::regtype::text", {f.returns});
    if (r[0] != returns) problems.push_back(where + ": returns " + show(r[0]) + ", declared " + f.returns);
    const std::string language(pgcraft::sql::keyword(f.language));
    if (r[1] != language) problems.push_back(where + ": language " + show(r[1]) + ", declared " + language);
    if ((r[2] == "t") != f.security_definer)
        problems.push_back(where + (f.security_definer ? ": is not SECURITY DEFINER" : ": is SECURITY DEFINER"));
    if (trimmed(r[3].value_or("")) != trimmed(f.body))
        problems.push_back(where + ": body is " + show(r[3]) + ", declared '" + f.body + "'");
    // A SECURITY DEFINER function pins its search_path, so callers cannot redirect names.
    std::optional<std::string> search_path;
    if (!f.search_path.empty()) search_path = "search_path=" + f.search_path;
    else if (f.security_definer) search_path = "search_path=pg_catalog, pg_temp";
    if (r[4] != search_path)
        problems.push_back(where + ": search_path setting is " + show(r[4]) + ", declared " + show(search_path));
    if (r[5] != std::string(1, provolatile_of(f.volatility)))
        problems.push_back(where + ": volatility is " + show(r[5]) + ", declared " +
                           std::string(pgcraft::sql::keyword(f.volatility)));
    // The arguments' names (their types found the function).
    std::vector<std::string> names;
    for (const row& n : db.query("SELECT coalesce(a.name, '') FROM pg_proc p, "
                                 "unnest(coalesce(p.proargnames, array_fill(''::text, ARRAY[p.pronargs]))) "
                                 "WITH ORDINALITY AS a(name, i) WHERE p.oid = $1::oid ORDER BY a.i",
                                 {*oid}))
        names.push_back(n[0].value_or(""));
    std::vector<std::string> declared_names;
    for (const cat::argument& a : f.arguments) declared_names.push_back(a.name);
    if (names != declared_names)
        problems.push_back(where + ": arguments are named (" + comma(names) + "), declared (" +
                           comma(declared_names) + ")");
    compare_comment(catalog, f.id(), object_comment(db, *oid, "pg_proc"), where, problems);
}

// pg_trigger.tgtype's bits (src/include/catalog/pg_trigger.h).
constexpr int trigger_row = 1 << 0;
constexpr int trigger_before = 1 << 1;
constexpr int trigger_insert = 1 << 2;
constexpr int trigger_delete = 1 << 3;
constexpr int trigger_update = 1 << 4;
constexpr int trigger_truncate = 1 << 5;
constexpr int trigger_instead = 1 << 6;

int event_bit(cat::trigger_event e) {
    switch (e) {
        case cat::trigger_event::insert: return trigger_insert;
        case cat::trigger_event::update: return trigger_update;
        case cat::trigger_event::delete_: return trigger_delete;
        case cat::trigger_event::truncate: return trigger_truncate;
    }
    return 0;
}

std::string events_text(int type) {
    std::vector<std::string> events;
    if (type & trigger_insert) events.emplace_back("INSERT");
    if (type & trigger_update) events.emplace_back("UPDATE");
    if (type & trigger_delete) events.emplace_back("DELETE");
    if (type & trigger_truncate) events.emplace_back("TRUNCATE");
    return comma(events);
}

// The server's reading of a WHEN condition: the same trigger made under
// another name on the same relation, then dropped. Its definition, with its
// name put back, or nullopt.
std::optional<std::string> probe_trigger(connection& db, const cat::trigger& t, std::vector<std::string>& problems,
                                         const std::string& where) {
    static int counter = 0;
    const std::string probe = "pgcraft_trigger_probe_" + std::to_string(++counter);
    std::vector<std::string> events;
    for (cat::trigger_event e : t.events) events.emplace_back(pgcraft::sql::keyword(e));
    std::string event_list;
    for (const std::string& e : events) event_list += (event_list.empty() ? "" : " OR ") + e;
    const std::string ddl = "CREATE TRIGGER " + probe + " " + std::string(pgcraft::sql::keyword(t.timing)) + " " +
                            event_list + " ON " + quote_qualified(t.on.qualified()) + " FOR EACH " +
                            (t.for_each_statement ? "STATEMENT" : "ROW") +
                            (t.when.empty() ? std::string() : " WHEN (" + t.when + ")") + " EXECUTE FUNCTION " +
                            quote_qualified(t.function.qualified()) + "()";
    if (auto failure = db.failure_of(ddl)) {
        problems.push_back(where + ": the declaration does not make a trigger: " + failure->message + " in: " + ddl);
        return std::nullopt;
    }
    const auto oid = relation_oid(db, t.on.qualified(), "rpv");
    std::string definition = db.text("SELECT pg_get_triggerdef(oid) FROM pg_trigger WHERE tgrelid = $1::oid AND tgname = $2",
                                     {oid, probe});
    db.exec("DROP TRIGGER " + probe + " ON " + quote_qualified(t.on.qualified()));
    const std::string name = quote_identifier(t.name);
    if (const auto at = definition.find(probe); at != std::string::npos) definition.replace(at, probe.size(), name);
    return definition;
}

void compare_trigger(connection& db, const cat::trigger& t, std::vector<std::string>& problems) {
    const std::string where = cat::describe(t.id());
    const auto relation = relation_oid(db, t.on.qualified(), "rpv");
    if (!relation) {
        problems.push_back(where + ": " + cat::describe(t.on) + " does not exist");
        return;
    }
    const auto rows = db.query("SELECT tgtype, tgfoid, tgqual IS NOT NULL, pg_get_triggerdef(oid), tgenabled "
                               "FROM pg_trigger WHERE tgrelid = $1::oid AND tgname = $2 AND NOT tgisinternal",
                               {relation, t.name});
    if (rows.empty()) {
        problems.push_back(where + " does not exist");
        return;
    }
    const row& r = rows[0];
    const int type = std::stoi(r[0].value_or("0"));
    const cat::trigger_timing timing = (type & trigger_instead)  ? cat::trigger_timing::instead_of
                                       : (type & trigger_before) ? cat::trigger_timing::before
                                                                 : cat::trigger_timing::after;
    if (timing != t.timing)
        problems.push_back(where + ": fires " + std::string(pgcraft::sql::keyword(timing)) + ", declared " +
                           std::string(pgcraft::sql::keyword(t.timing)));
    int events = 0;
    for (cat::trigger_event e : t.events) events |= event_bit(e);
    const int live_events = type & (trigger_insert | trigger_update | trigger_delete | trigger_truncate);
    if (live_events != events)
        problems.push_back(where + ": fires on " + events_text(live_events) + ", declared " + events_text(events));
    if (((type & trigger_row) == 0) != t.for_each_statement)
        problems.push_back(where + (t.for_each_statement ? ": is FOR EACH ROW, declared FOR EACH STATEMENT"
                                                         : ": is FOR EACH STATEMENT, declared FOR EACH ROW"));
    const auto function = function_oid(db, t.function);
    if (!function) problems.push_back(where + ": its " + cat::describe(t.function) + " does not exist");
    else if (r[1] != function)
        problems.push_back(where + ": calls " + db.text("SELECT $1::oid::regprocedure::text", {r[1]}) + ", declared " +
                           cat::describe(t.function));
    if ((r[2] == "t") != !t.when.empty())
        problems.push_back(where + (t.when.empty() ? ": has a WHEN condition, declared none"
                                                   : ": has no WHEN condition, declared WHEN (" + t.when + ")"));
    else if (!t.when.empty())
        if (const auto declared = probe_trigger(db, t, problems, where); declared && r[3] != declared)
            problems.push_back(where + ": is " + show(r[3]) + ", declared " + show(declared));
    if (r[4] != "O") problems.push_back(where + ": is not enabled (tgenabled " + show(r[4]) + ")");
}

void compare_grant(connection& db, const cat::grant& g, std::vector<std::string>& problems) {
    const std::string where = cat::describe(g.id());
    // The privileges granted to the role directly ($1), on the object found by $2, $3.
    auto held_on = [&](const std::string& from, const std::string& acl, const std::string& match,
                       const std::vector<param>& names) {
        std::vector<param> params{g.role};
        params.insert(params.end(), names.begin(), names.end());
        return db.query("SELECT a.privilege_type FROM " + from + ", aclexplode(" + acl + ") a " +
                            "WHERE a.grantee = (SELECT oid FROM pg_roles WHERE rolname = $1) AND " + match,
                        params);
    };
    std::vector<row> rows;
    switch (g.on.kind) {
        case cat::object_kind::schema:
            rows = held_on("pg_namespace n", "n.nspacl", "n.nspname = $2", {g.on.name});
            break;
        case cat::object_kind::table:
        case cat::object_kind::view:
            rows = held_on("pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace", "c.relacl",
                           "n.nspname = $2 AND c.relname = $3", {g.on.schema, g.on.name});
            break;
        case cat::object_kind::enum_type:
            rows = held_on("pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace", "t.typacl",
                           "n.nspname = $2 AND t.typname = $3", {g.on.schema, g.on.name});
            break;
        case cat::object_kind::function: {
            const auto oid = function_oid(db, g.on);
            if (!oid) {
                problems.push_back(where + ": " + cat::describe(g.on) + " does not exist");
                return;
            }
            rows = held_on("pg_proc p", "p.proacl", "p.oid = $2::oid", {oid});
            break;
        }
        default:
            problems.push_back(where + ": the test cannot check grants on this kind of object");
            return;
    }
    std::vector<std::string> held;
    for (const row& r : rows) held.push_back(r[0].value_or(""));
    if (g.privileges.empty()) problems.push_back(where + ": grants no privilege");
    for (cat::privilege p : g.privileges) {
        const std::string privilege(pgcraft::sql::keyword(p));
        if (std::find(held.begin(), held.end(), privilege) == held.end())
            problems.push_back(where + ": " + privilege + " is not held (held: " + comma(held) + ")");
    }
}

bool is_part(cat::object_kind kind) {
    return kind == cat::object_kind::column || kind == cat::object_kind::constraint ||
           kind == cat::object_kind::comment;
}

// The kinds whose check compares their comment too.
bool comment_checked_with(const cat::object_kind kind) {
    switch (kind) {
        case cat::object_kind::schema:
        case cat::object_kind::enum_type:
        case cat::object_kind::table:
        case cat::object_kind::column:
        case cat::object_kind::index:
        case cat::object_kind::view:
        case cat::object_kind::function: return true;
        default: return false;
    }
}

// A comment on its own: the server has exactly that comment on the object.
void compare_comment_object(connection& db, const cat::catalog& catalog, const cat::comment& c,
                            std::vector<std::string>& problems) {
    const std::string where = cat::describe(c.id());
    const cat::object_id& on = c.on;
    std::optional<std::string> oid;
    const char* system_catalog = "pg_class";
    switch (on.kind) {
        case cat::object_kind::table: oid = relation_oid(db, on.qualified(), "rp"); break;
        case cat::object_kind::view: oid = relation_oid(db, on.qualified(), "v"); break;
        case cat::object_kind::index: oid = relation_oid(db, on.qualified(), "iI"); break;
        case cat::object_kind::function:
            oid = function_oid(db, on);
            system_catalog = "pg_proc";
            break;
        case cat::object_kind::schema:
            oid = db.value("SELECT oid FROM pg_namespace WHERE nspname = $1", {on.name});
            system_catalog = "pg_namespace";
            break;
        case cat::object_kind::enum_type:
            oid = db.value("SELECT t.oid FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace "
                           "WHERE n.nspname = $1 AND t.typname = $2",
                           {on.schema, on.name});
            system_catalog = "pg_type";
            break;
        case cat::object_kind::column: {
            const auto table = relation_oid(db, on.relation(), "rpv");
            if (!table) break;
            const auto rows = db.query("SELECT col_description(attrelid, attnum) FROM pg_attribute "
                                       "WHERE attrelid = $1::oid AND attname = $2 AND NOT attisdropped",
                                       {table, on.name});
            if (rows.empty()) break;
            compare_comment(catalog, on, rows[0][0], where, problems);
            return;
        }
        default:
            problems.push_back(where + ": the test cannot check comments on this kind of object");
            return;
    }
    if (!oid) {
        problems.push_back(where + ": " + cat::describe(on) + " does not exist");
        return;
    }
    compare_comment(catalog, on, object_comment(db, *oid, system_catalog), where, problems);
}

}  // namespace

std::vector<std::string> differences(connection& db, const cat::catalog& catalog, const cat::object& object) {
    std::vector<std::string> problems;
    if (const auto* e = std::get_if<cat::extension>(&object)) {
        compare_extension(db, *e, problems);
    } else if (const auto* r = std::get_if<cat::role>(&object)) {
        compare_role(db, *r, problems);
    } else if (const auto* s = std::get_if<cat::schema>(&object)) {
        compare_schema(db, catalog, *s, problems);
    } else if (const auto* en = std::get_if<cat::enum_type>(&object)) {
        compare_enum_type(db, catalog, *en, problems);
    } else if (const auto* t = std::get_if<cat::table>(&object)) {
        compare_table(db, catalog, t->name, nullptr, problems);
    } else if (const auto* c = std::get_if<cat::column>(&object)) {
        const cat::object_id id = c->id();
        compare_table(db, catalog, c->table, &id, problems);
    } else if (const auto* k = std::get_if<cat::constraint>(&object)) {
        const cat::object_id id = k->id();
        compare_table(db, catalog, k->table, &id, problems);
    } else if (const auto* ix = std::get_if<cat::index>(&object)) {
        compare_index(db, catalog, *ix, problems);
    } else if (const auto* v = std::get_if<cat::view>(&object)) {
        compare_view(db, catalog, *v, problems);
    } else if (const auto* f = std::get_if<cat::function>(&object)) {
        compare_function(db, catalog, *f, problems);
    } else if (const auto* tr = std::get_if<cat::trigger>(&object)) {
        compare_trigger(db, *tr, problems);
    } else if (const auto* cm = std::get_if<cat::comment>(&object)) {
        compare_comment_object(db, catalog, *cm, problems);
    } else if (const auto* g = std::get_if<cat::grant>(&object)) {
        compare_grant(db, *g, problems);
    } else {
        problems.push_back("the test cannot check a " + cat::describe(cat::id_of(object)));
    }
    return problems;
}

std::vector<std::string> differences(connection& db, const cat::catalog& catalog) {
    std::vector<std::string> problems;
    auto add = [&](std::vector<std::string> more) {
        for (std::string& p : more) problems.push_back(std::move(p));
    };
    for (const auto& [id, o] : catalog.objects()) {
        if (!is_part(id.kind)) {
            add(differences(db, catalog, o));
            continue;
        }
        // A part is checked with what it belongs to, when the catalog has that.
        const bool in_table = id.kind != cat::object_kind::comment && catalog.find_as<cat::table>(cat::id::table(id.relation()));
        const bool with_owner = id.kind == cat::object_kind::comment && id.on() && catalog.find(*id.on()) &&
                                comment_checked_with(id.on()->kind);
        if (!in_table && !with_owner) add(differences(db, catalog, o));
    }
    return problems;
}

}  // namespace pgcraft_it
