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

namespace pgcraft_it {

namespace cat = pgcraft::catalog;

namespace {

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

std::optional<std::string> relation_oid(connection& db, const cat::qualified_name& name, const char* kinds) {
    const auto rows = db.query(
        "SELECT c.oid FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
        "WHERE n.nspname = $1 AND c.relname = $2 AND strpos($3, c.relkind::text) > 0",
        {name.schema, name.name, std::string(kinds)});
    if (rows.empty()) return std::nullopt;
    return rows[0][0];
}

// A generated column's expression, for a catalog that has them.
template <class Column>
std::string generated_of(const Column& c) {
    if constexpr (requires { c.generated; }) return std::string(c.generated);
    else return {};
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
std::optional<std::vector<live_column>> probe_columns(connection& db, const cat::table& t,
                                                      std::vector<std::string>& problems) {
    static int counter = 0;
    const std::string probe = "pgcraft_probe_" + std::to_string(++counter);
    std::string ddl = "CREATE TEMPORARY TABLE " + probe + " (";
    for (std::size_t i = 0; i < t.columns.size(); ++i) {
        if (i > 0) ddl += ", ";
        ddl += "c" + std::to_string(i) + " " + t.columns[i].type;
        if (!t.columns[i].default_sql.empty()) ddl += " DEFAULT " + t.columns[i].default_sql;
    }
    ddl += ")";
    if (auto failure = db.failure_of(ddl)) {
        problems.push_back(qualified(t.name) + ": the declared types and defaults do not make a table: " +
                           failure->message + " in: " + ddl);
        return std::nullopt;
    }
    auto columns = live_columns(db, db.text("SELECT $1::regclass::oid", {probe}));
    db.exec("DROP TABLE " + probe);
    return columns;
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

std::optional<probed_expressions> probe_expressions(connection& db, const cat::table& t,
                                                    std::vector<std::string>& problems) {
    using pgcraft::sql::quote_identifier;
    static int counter = 0;
    const std::string probe = "pgcraft_expression_probe_" + std::to_string(++counter);
    std::vector<std::string> parts;
    for (const cat::column& c : t.columns) {
        std::string part = quote_identifier(c.name) + " " + c.type;
        if (!generated_of(c).empty()) part += " GENERATED ALWAYS AS (" + generated_of(c) + ") STORED";
        parts.push_back(part);
    }
    for (const cat::constraint& c : t.constraints)
        if (c.kind == cat::constraint_kind::check)
            parts.push_back("CONSTRAINT " + quote_identifier(c.name) + " CHECK (" + c.expression + ")");
    const std::string ddl = "CREATE TEMPORARY TABLE " + probe + " (" + comma(parts) + ")";
    if (auto failure = db.failure_of(ddl)) {
        problems.push_back(qualified(t.name) + ": the declared checks and generated columns do not make a table: " +
                           failure->message + " in: " + ddl);
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
char action_code(const std::string& action) {
    if (action.empty() || action == "NO ACTION") return 'a';
    if (action == "RESTRICT") return 'r';
    if (action == "CASCADE") return 'c';
    if (action == "SET NULL") return 'n';
    if (action == "SET DEFAULT") return 'd';
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

void compare_table(connection& db, const cat::table& t, std::vector<std::string>& problems) {
    const std::string where = "table " + qualified(t.name);
    const auto oid = relation_oid(db, t.name, "rp");
    if (!oid) {
        problems.push_back(where + " does not exist");
        return;
    }
    const auto comment = db.value("SELECT obj_description($1::oid, 'pg_class')", {*oid});
    if (comment != unless_empty(t.comment))
        problems.push_back(where + ": comment is " + show(comment) + ", declared " + show(unless_empty(t.comment)));

    const std::vector<live_column> live = live_columns(db, *oid);
    const auto probe = probe_columns(db, t, problems);
    const auto expressions = probe_expressions(db, t, problems);
    if (live.size() != t.columns.size())
        problems.push_back(where + ": has " + std::to_string(live.size()) + " columns, declared " +
                           std::to_string(t.columns.size()));
    for (std::size_t i = 0; i < std::min(live.size(), t.columns.size()); ++i) {
        const cat::column& want = t.columns[i];
        const live_column& got = live[i];
        const std::string at = where + " column " + std::to_string(i + 1) + " (" + want.name + ")";
        if (got.name != want.name) problems.push_back(at + ": is named '" + got.name + "'");
        if (probe && got.type != (*probe)[i].type)
            problems.push_back(at + ": type is " + got.type + ", declared " + want.type + " (" + (*probe)[i].type +
                               ")");
        if (got.not_null == want.nullable)
            problems.push_back(at + (got.not_null ? ": is NOT NULL, declared nullable" : ": is nullable, declared NOT NULL"));
        if ((got.identity == "a") != want.identity)
            problems.push_back(at + ": identity is '" + got.identity + "', declared " +
                               (want.identity ? "GENERATED ALWAYS" : "none"));
        if (got.generated != !generated_of(want).empty())
            problems.push_back(at + (got.generated ? ": is generated, declared not" : ": is not generated, declared so"));
        if (expressions && got.generated && got.default_sql.value_or("") != expressions->generated[i])
            problems.push_back(at + ": is generated as " + show(got.default_sql) + ", declared " +
                               generated_of(want) + " (" + expressions->generated[i] + ")");
        // (A generated column's expression is kept where a default would be.)
        if (probe && !got.generated && got.default_sql != (*probe)[i].default_sql)
            problems.push_back(at + ": default is " + show(got.default_sql) + ", declared " +
                               show(unless_empty(want.default_sql)) + " (" + show((*probe)[i].default_sql) + ")");
        if (got.comment != unless_empty(want.comment))
            problems.push_back(at + ": comment is " + show(got.comment) + ", declared " +
                               show(unless_empty(want.comment)));
    }

    std::map<std::string, live_constraint> constraints = live_constraints(db, *oid);
    for (const cat::constraint& want : t.constraints) {
        const std::string at = where + " constraint " + want.name;
        const auto it = constraints.find(want.name);
        if (it == constraints.end()) {
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
            problems.push_back(at + ": columns are (" + comma(got_columns) + "), declared (" + comma(want_columns) + ")");
        if (want.kind == cat::constraint_kind::check && expressions) {
            const auto probed = expressions->checks.find(want.name);
            const std::string declared = probed == expressions->checks.end() ? "?" : probed->second;
            if (got.definition != declared)
                problems.push_back(at + ": is " + got.definition + ", declared CHECK (" + want.expression + ") (" +
                                   declared + ")");
        }
        if (want.references) {
            if (got.referenced_table != want.references->table)
                problems.push_back(at + ": references " +
                                   (got.referenced_table ? qualified(*got.referenced_table) : std::string("nothing")) +
                                   ", declared " + qualified(want.references->table));
            if (got.referenced_columns != want.references->columns)
                problems.push_back(at + ": references columns (" + comma(got.referenced_columns) + "), declared (" +
                                   comma(want.references->columns) + ")");
            if (got.on_delete != action_code(want.references->on_delete))
                problems.push_back(at + ": ON DELETE is '" + std::string(1, got.on_delete) + "', declared " +
                                   (want.references->on_delete.empty() ? "NO ACTION" : want.references->on_delete));
            if (got.on_update != action_code(want.references->on_update))
                problems.push_back(at + ": ON UPDATE is '" + std::string(1, got.on_update) + "', declared " +
                                   (want.references->on_update.empty() ? "NO ACTION" : want.references->on_update));
        }
        constraints.erase(it);
    }
    for (const auto& [name, c] : constraints)
        problems.push_back(where + " has constraint " + name + " (kind '" + std::string(1, c.type) +
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
    using pgcraft::sql::quote_identifier;
    static int counter = 0;
    const std::string probe = "pgcraft_index_probe_" + std::to_string(++counter);
    std::vector<std::string> included;
    for (const std::string& c : ix.include) included.push_back(quote_identifier(c));
    std::string ddl = "CREATE INDEX " + probe + " ON " + pgcraft::sql::quote_qualified(ix.table) + " USING " +
                      (ix.method.empty() ? std::string("btree") : ix.method) + " (" + comma(ix.keys) + ")";
    if (!included.empty()) ddl += " INCLUDE (" + comma(included) + ")";
    if (!ix.where.empty()) ddl += " WHERE " + ix.where;
    if (auto failure = db.failure_of(ddl)) {
        problems.push_back("index " + qualified(ix.name) + ": the declaration does not make an index: " +
                           failure->message + " in: " + ddl);
        return std::nullopt;
    }
    const cat::qualified_name name{ix.table.schema, probe};
    const std::string definition = db.text("SELECT pg_get_indexdef($1::regclass)", {pgcraft::sql::quote_qualified(name)});
    db.exec("DROP INDEX " + pgcraft::sql::quote_qualified(name));
    return index_definition_after_name(definition);
}

void compare_index(connection& db, const cat::index& ix, std::vector<std::string>& problems) {
    const std::string where = "index " + qualified(ix.name);
    const auto rows = db.query(
        "SELECT i.indisunique, am.amname, tn.nspname, t.relname, pg_get_indexdef(c.oid) "
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
}


void compare_role(connection& db, const cat::role& r, std::vector<std::string>& problems) {
    const auto rows = db.query("SELECT rolcanlogin FROM pg_roles WHERE rolname = $1", {r.name});
    if (rows.empty()) {
        problems.push_back("role " + r.name + " does not exist");
        return;
    }
    if ((rows[0][0] == "t") != r.login)
        problems.push_back("role " + r.name + (r.login ? ": cannot log in, declared LOGIN" : ": can log in, declared NOLOGIN"));
}

std::string trimmed(std::string text) {
    const auto not_space = [](char c) { return c != ' ' && c != '\n' && c != '\t' && c != '\r'; };
    text.erase(text.begin(), std::find_if(text.begin(), text.end(), not_space));
    text.erase(std::find_if(text.rbegin(), text.rend(), not_space).base(), text.end());
    return text;
}

void compare_function(connection& db, const cat::function& f, std::vector<std::string>& problems) {
    const std::string where = "function " + qualified(f.name) + "(" + f.arguments + ")";
    // The function of that name; of several overloads, the one whose
    // arguments read as declared (the server drops type modifiers, so a
    // lone function is taken as it is).
    const auto rows = db.query(
        "SELECT p.oid, pg_get_function_result(p.oid), l.lanname, p.prosecdef, p.prosrc, "
        "obj_description(p.oid, 'pg_proc'), "
        "(SELECT c FROM unnest(p.proconfig) c WHERE c LIKE 'search\\_path=%'), "
        "pg_get_function_arguments(p.oid) = $3 "
        "FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace JOIN pg_language l ON l.oid = p.prolang "
        "WHERE n.nspname = $1 AND p.proname = $2",
        {f.name.schema, f.name.name, f.arguments});
    const row* found = rows.size() == 1 ? &rows[0] : nullptr;
    for (const row& candidate : rows)
        if (candidate[7] == "t") found = &candidate;
    if (found == nullptr) {
        problems.push_back(where + " does not exist");
        return;
    }
    const row& r = *found;
    // The declared return type as the server spells it, where it is a plain type.
    std::optional<std::string> returns = f.returns;
    if (!db.failure_of("SELECT $1::regtype", {f.returns})) returns = db.value("SELECT $1::regtype::text", {f.returns});
    if (r[1] != returns) problems.push_back(where + ": returns " + show(r[1]) + ", declared " + f.returns);
    if (r[2] != f.language) problems.push_back(where + ": language " + show(r[2]) + ", declared " + f.language);
    if ((r[3] == "t") != f.security_definer)
        problems.push_back(where + (f.security_definer ? ": is not SECURITY DEFINER" : ": is SECURITY DEFINER"));
    if (trimmed(r[4].value_or("")) != trimmed(f.body))
        problems.push_back(where + ": body is " + show(r[4]) + ", declared '" + f.body + "'");
    if (r[5] != unless_empty(f.comment))
        problems.push_back(where + ": comment is " + show(r[5]) + ", declared " + show(unless_empty(f.comment)));
    // A SECURITY DEFINER function must pin its search_path.
    if ((f.security_definer || !f.search_path.empty()) && !r[6])
        problems.push_back(where + ": has no search_path setting");
}

void compare_grant(connection& db, const cat::grant& g, std::vector<std::string>& problems) {
    const std::string where = cat::describe(g.id());
    // The privileges granted to the role directly ($1), on the object found by $2, $3, $4.
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
            rows = held_on("pg_namespace n", "n.nspacl", "n.nspname = $2", {g.on.name.name});
            break;
        case cat::object_kind::table:
            rows = held_on("pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace", "c.relacl",
                           "n.nspname = $2 AND c.relname = $3", {g.on.name.schema, g.on.name.name});
            break;
        case cat::object_kind::function: {
            // The function of that name; of several overloads, the one whose
            // arguments read as declared (as compare_function does).
            const std::string functions = "pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace";
            const std::string count = db.text("SELECT count(*) FROM " + functions +
                                                  " WHERE n.nspname = $1 AND p.proname = $2",
                                              {g.on.name.schema, g.on.name.name});
            if (count == "0") {
                problems.push_back(where + ": no function of that name");
                return;
            }
            const std::string named = count == "1" ? "n.nspname = $2 AND p.proname = $3 AND $4::text IS NOT NULL"
                                                   : "n.nspname = $2 AND p.proname = $3 AND "
                                                     "pg_get_function_arguments(p.oid) = $4";
            rows = held_on(functions, "p.proacl", named, {g.on.name.schema, g.on.name.name, g.on.arguments});
            break;
        }
        default:
            problems.push_back(where + ": the test cannot check grants on this kind of object");
            return;
    }
    std::vector<std::string> held;
    for (const row& r : rows) held.push_back(r[0].value_or(""));
    for (const std::string& privilege : g.privileges) {
        std::string upper = privilege;
        for (char& c : upper)
            if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
        if (upper == "ALL" || upper == "ALL PRIVILEGES") {
            if (held.empty()) problems.push_back(where + ": no privileges held, declared ALL");
        } else if (std::find(held.begin(), held.end(), upper) == held.end()) {
            problems.push_back(where + ": " + upper + " is not held (held: " + comma(held) + ")");
        }
    }
}

}  // namespace

cat::schema make_schema(std::string name) {
    cat::schema s;
    s.name = std::move(name);
    return s;
}

cat::column make_column(std::string name, std::string type, bool nullable, bool identity, std::string default_sql,
                        std::string comment) {
    cat::column c;
    c.name = std::move(name);
    c.type = std::move(type);
    c.nullable = nullable;
    c.identity = identity;
    c.default_sql = std::move(default_sql);
    c.comment = std::move(comment);
    return c;
}

cat::constraint make_constraint(cat::constraint_kind kind, std::string name, std::vector<std::string> columns,
                                std::string expression) {
    cat::constraint c;
    c.kind = kind;
    c.name = std::move(name);
    c.columns = std::move(columns);
    c.expression = std::move(expression);
    return c;
}

cat::role make_role(std::string name, bool login) {
    cat::role r;
    r.name = std::move(name);
    r.login = login;
    return r;
}

cat::grant make_grant(cat::object_id on, std::vector<std::string> privileges, std::string role) {
    cat::grant g;
    g.on = std::move(on);
    g.privileges = std::move(privileges);
    g.role = std::move(role);
    return g;
}

void apply_in_transaction(connection& db, const std::string& ddl) {
    db.exec("BEGIN");
    try {
        db.exec(ddl);
    } catch (...) {
        db.failure_of("ROLLBACK");
        throw;
    }
    db.exec("COMMIT");
}

std::vector<std::string> differences(connection& db, const cat::object& object) {
    std::vector<std::string> problems;
    if (const auto* s = std::get_if<cat::schema>(&object)) {
        if (db.query("SELECT 1 FROM pg_namespace WHERE nspname = $1", {s->name}).empty())
            problems.push_back("schema " + s->name + " does not exist");
    } else if (const auto* t = std::get_if<cat::table>(&object)) {
        compare_table(db, *t, problems);
    } else if (const auto* ix = std::get_if<cat::index>(&object)) {
        compare_index(db, *ix, problems);
    } else if (const auto* r = std::get_if<cat::role>(&object)) {
        compare_role(db, *r, problems);
    } else if (const auto* f = std::get_if<cat::function>(&object)) {
        compare_function(db, *f, problems);
    } else if (const auto* g = std::get_if<cat::grant>(&object)) {
        compare_grant(db, *g, problems);
    } else {
        problems.push_back("the test cannot check a " + pgcraft::catalog::describe(pgcraft::catalog::id_of(object)));
    }
    return problems;
}

std::vector<std::string> differences(connection& db, const cat::catalog& catalog) {
    std::vector<std::string> problems;
    for (const cat::object& o : catalog.objects())
        for (std::string& p : differences(db, o)) problems.push_back(std::move(p));
    return problems;
}

std::vector<std::string> user_relations(connection& db) {
    std::vector<std::string> names;
    for (const row& r : db.query("SELECT n.nspname || '.' || c.relname FROM pg_class c "
                                 "JOIN pg_namespace n ON n.oid = c.relnamespace "
                                 "WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') "
                                 "AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp%' "
                                 "ORDER BY 1"))
        names.push_back(r[0].value_or(""));
    return names;
}

std::vector<std::string> user_schemas(connection& db) {
    std::vector<std::string> names;
    for (const row& r : db.query("SELECT nspname FROM pg_namespace "
                                 "WHERE nspname NOT IN ('pg_catalog', 'information_schema', 'public') "
                                 "AND nspname NOT LIKE 'pg\\_toast%' AND nspname NOT LIKE 'pg\\_temp%' "
                                 "ORDER BY 1"))
        names.push_back(r[0].value_or(""));
    return names;
}

std::string lines(const std::vector<std::string>& items) {
    std::string text;
    for (const std::string& item : items) text += (text.empty() ? "" : "\n") + item;
    return text;
}

}  // namespace pgcraft_it
