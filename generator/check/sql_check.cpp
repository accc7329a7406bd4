// The generator's `check`: every statement through libpg_query, and the
// column references of each table's expressions against its columns.
#include <pgcraft/generator/check.hpp>

#include <algorithm>
#include <memory>
#include <set>
#include <stdexcept>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

extern "C" {
#include <pg_query.h>
}

#include <pgcraft/sql/render.hpp>

namespace pgcraft::generator {

namespace {
using json = nlohmann::json;
using namespace pgcraft::catalog;

// A parse by libpg_query: the tree, or the server's own error message.
struct parsed {
    json tree;
    std::string error;
};

parsed parse(const std::string& sql) {
    PgQueryParseResult result = pg_query_parse(sql.c_str());
    std::unique_ptr<PgQueryParseResult, void (*)(PgQueryParseResult*)> owner(
        &result, [](PgQueryParseResult* r) { pg_query_free_parse_result(*r); });
    if (result.error) return {{}, fmt::format("{} (at character {})", result.error->message, result.error->cursorpos)};
    return {json::parse(result.parse_tree), {}};
}

// A PL/pgSQL function as libpg_query reads it: its tree, or the error.
parsed parse_plpgsql(const std::string& create_function) {
    PgQueryPlpgsqlParseResult result = pg_query_parse_plpgsql(create_function.c_str());
    std::unique_ptr<PgQueryPlpgsqlParseResult, void (*)(PgQueryPlpgsqlParseResult*)> owner(
        &result, [](PgQueryPlpgsqlParseResult* r) { pg_query_free_plpgsql_parse_result(*r); });
    if (result.error) return {{}, fmt::format("{} (line {})", result.error->message, result.error->lineno)};
    return {json::parse(result.plpgsql_funcs), {}};
}

// Every IF condition of a PL/pgSQL body, as SQL text.
void if_conditions(const json& node, std::vector<std::string>& found) {
    if (node.is_object()) {
        if (auto stmt = node.find("PLpgSQL_stmt_if"); stmt != node.end() && stmt->contains("cond"))
            found.push_back((*stmt)["cond"]["PLpgSQL_expr"].value("query", ""));
        for (const auto& [key, value] : node.items()) if_conditions(value, found);
    } else if (node.is_array()) {
        for (const json& item : node) if_conditions(item, found);
    }
}

// Every ColumnRef under `node`, with the names it is made of.
void column_refs(const json& node, std::vector<std::vector<std::string>>& found) {
    if (node.is_object()) {
        if (auto ref = node.find("ColumnRef"); ref != node.end()) {
            std::vector<std::string> names;
            for (const json& field : (*ref)["fields"])
                if (field.contains("String")) names.push_back(field["String"]["sval"].get<std::string>());
                else names.emplace_back("*");
            found.push_back(std::move(names));
            return;
        }
        for (const auto& [key, value] : node.items()) column_refs(value, found);
    } else if (node.is_array()) {
        for (const json& item : node) column_refs(item, found);
    }
}

// The edit distance between two names, to suggest the column meant.
std::size_t distance(const std::string& a, const std::string& b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t above = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
            diagonal = above;
        }
    }
    return row[b.size()];
}

struct table_context {
    const table& t;
    std::set<std::string> columns;
    std::string described;
};

// Checks one expression of a table: the column references it makes.
void check_expression(const table_context& where, const std::string& construct, const json& expression, bool none_allowed,
                      std::vector<std::string>& problems) {
    std::vector<std::vector<std::string>> refs;
    column_refs(expression, refs);
    for (const std::vector<std::string>& ref : refs) {
        const std::string name = fmt::format("{}", fmt::join(ref, "."));
        if (none_allowed) {
            problems.push_back(fmt::format("{}: {} reads \"{}\", but a default cannot read a column", where.described,
                                           construct, name));
        } else if (ref.size() != 1 || !where.columns.contains(ref[0])) {
            std::vector<std::string> known(where.columns.begin(), where.columns.end());
            std::string closest = known.empty() ? "column" : known.front();
            for (const std::string& k : known)
                if (distance(ref.back(), k) < distance(ref.back(), closest)) closest = k;
            problems.push_back(fmt::format("{}: {} reads \"{}\", which is not a column of the table ({}); write "
                                           "columns as markers, such as <{}>, so that the compiler checks them",
                                           where.described, construct, name, fmt::join(known, ", "), closest));
        }
    }
}

void check_create_table(const table_context& where, const json& stmt, std::vector<std::string>& problems) {
    for (const json& element : stmt.value("tableElts", json::array())) {
        if (auto column = element.find("ColumnDef"); column != element.end()) {
            const std::string name = column->value("colname", "");
            for (const json& c : column->value("constraints", json::array())) {
                const json& constraint = c["Constraint"];
                const std::string type = constraint.value("contype", "");
                if (!constraint.contains("raw_expr")) continue;
                if (type == "CONSTR_DEFAULT")
                    check_expression(where, fmt::format("the default of column {}", name), constraint["raw_expr"], true,
                                     problems);
                else if (type == "CONSTR_GENERATED")
                    check_expression(where, fmt::format("generated column {}", name), constraint["raw_expr"], false,
                                     problems);
            }
        } else if (auto constraint = element.find("Constraint"); constraint != element.end()) {
            if (constraint->value("contype", "") == "CONSTR_CHECK")
                check_expression(where, fmt::format("check {}", constraint->value("conname", "")), (*constraint)["raw_expr"],
                                 false, problems);
        }
    }
}

void check_create_index(const table_context& where, const std::string& name, const json& stmt,
                        std::vector<std::string>& problems) {
    for (const json& param : stmt.value("indexParams", json::array())) {
        const json& element = param["IndexElem"];
        if (element.contains("name")) {
            const std::string column = element["name"].get<std::string>();
            if (!where.columns.contains(column))
                check_expression(where, fmt::format("index {}", name),
                                 json{{"ColumnRef", {{"fields", json::array({json{{"String", {{"sval", column}}}}})}}}},
                                 false, problems);
        }
        if (element.contains("expr")) check_expression(where, fmt::format("index {}", name), element["expr"], false, problems);
    }
    if (stmt.contains("whereClause"))
        check_expression(where, fmt::format("the predicate of index {}", name), stmt["whereClause"], false, problems);
}

// A trigger function's references to NEW.x and OLD.x must be columns of the
// relations its triggers are on, and the names its IF conditions read must be
// its variables or such fields: a check written without markers ends up here
// as a bare name (EAV enforces checks in its write functions).
void check_trigger_body(const pgcraft::catalog::catalog& c, const function& f, const json& tree,
                        std::vector<std::string>& problems) {
    std::string described = describe(f.id());
    for (const object_id& read : f.reads)
        if (const auto* t = c.find_as<table>(read); t && !t->declared_by.empty()) {
            described = fmt::format("dimension {} ({})", t->declared_by, describe(f.id()));
            break;
        }
    for (const trigger* t : c.all<trigger>()) {
        if (t->function != f.id()) continue;
        std::set<std::string> columns;
        if (const auto* v = c.find_as<view>(t->on)) columns.insert(v->columns.begin(), v->columns.end());
        else
            for (const column* col : c.columns_of(t->on.qualified())) columns.insert(col->name);
        for (const json& fn : tree) {
            const json& function_tree = fn["PLpgSQL_function"];
            const int new_row = function_tree.value("new_varno", -1);
            const int old_row = function_tree.value("old_varno", -1);
            std::set<std::string> variables;
            for (const json& datum : function_tree.value("datums", json::array())) {
                for (const char* kind : {"PLpgSQL_var", "PLpgSQL_rec", "PLpgSQL_row"})
                    if (datum.contains(kind)) variables.insert(datum[kind].value("refname", ""));
                if (!datum.contains("PLpgSQL_recfield")) continue;
                const json& field = datum["PLpgSQL_recfield"];
                const int parent = field.value("recparentno", -1);
                const std::string name = field.value("fieldname", "");
                if ((parent == new_row || parent == old_row) && !columns.contains(name))
                    problems.push_back(fmt::format("{}: reads {}.{}, which is not a column of {}", described,
                                                   parent == new_row ? "NEW" : "OLD", name, describe(t->on)));
            }
            std::vector<std::string> conditions;
            if_conditions(function_tree, conditions);
            for (const std::string& condition : conditions) {
                const parsed p = parse("SELECT " + condition);
                if (!p.error.empty()) continue;  // the function parsed: nothing to add
                std::vector<std::vector<std::string>> refs;
                column_refs(p.tree, refs);
                for (const std::vector<std::string>& ref : refs)
                    if (ref.size() == 1 && !variables.contains(ref[0]) && !ref[0].starts_with("tg_"))
                        problems.push_back(fmt::format(
                            "{}: a condition reads \"{}\", which is neither a column of {} nor a variable; write "
                            "columns as markers so that the compiler checks them",
                            described, ref[0], describe(t->on)));
            }
        }
    }
}

table_context context_of(const pgcraft::catalog::catalog& c, const table& t) {
    table_context where{t, {}, {}};
    for (const column* col : c.columns_of(t.name)) where.columns.insert(col->name);
    where.described = t.declared_by.empty() ? fmt::format("table {}.{}", t.name.schema, t.name.name)
                                            : fmt::format("dimension {} (table {}.{})", t.declared_by, t.name.schema,
                                                          t.name.name);
    return where;
}
}  // namespace

std::vector<std::string> check_sql(const pgcraft::catalog::catalog& c) {
    std::vector<std::string> problems;
    for (const object* o : c.in_dependency_order()) {
        const std::string sql = sql::render_create(c, *o);
        const parsed p = parse(sql);
        if (!p.error.empty()) {
            problems.push_back(fmt::format("{} does not parse: {}\n{}", describe(id_of(*o)), p.error, sql));
            continue;
        }
        if (const auto* t = std::get_if<table>(o)) {
            for (const json& s : p.tree["stmts"])
                if (s["stmt"].contains("CreateStmt")) check_create_table(context_of(c, *t), s["stmt"]["CreateStmt"], problems);
        } else if (const auto* ix = std::get_if<index>(o)) {
            if (const auto* t = c.find_as<table>(id::table(ix->table)))
                for (const json& s : p.tree["stmts"])
                    if (s["stmt"].contains("IndexStmt"))
                        check_create_index(context_of(c, *t), ix->name.name, s["stmt"]["IndexStmt"], problems);
        } else if (const auto* f = std::get_if<function>(o)) {
            if (f->language == language::plpgsql) {
                const parsed body = parse_plpgsql(sql);
                if (!body.error.empty())
                    problems.push_back(fmt::format("the PL/pgSQL body of {} does not parse: {}", describe(f->id()), body.error));
                else
                    check_trigger_body(c, *f, body.tree, problems);
            } else if (const parsed body = parse(f->body); !body.error.empty()) {
                problems.push_back(fmt::format("the body of {} does not parse: {}", describe(f->id()), body.error));
            }
        }
    }
    return problems;
}

}  // namespace pgcraft::generator
