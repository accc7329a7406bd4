// Destructive hazards, from a migration file's parse tree.
#include "sql_hazards.hpp"

#include <memory>
#include <set>
#include <stdexcept>
#include <utility>

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <pg_query.h>

#include <pgcraft/sql/naming.hpp>

#include "../sql/render_parts.hpp"

namespace pgcraft::migrate::detail {

namespace {
using json = nlohmann::json;
namespace cat = pgcraft::catalog;

json parse_tree(const std::string& sql) {
    PgQueryParseResult result = pg_query_parse(sql.c_str());
    std::unique_ptr<PgQueryParseResult, void (*)(PgQueryParseResult*)> owner(
        &result, [](PgQueryParseResult* r) { pg_query_free_parse_result(*r); });
    if (result.error)
        throw std::invalid_argument(fmt::format("{} (at character {})", result.error->message, result.error->cursorpos));
    return json::parse(result.parse_tree);
}

// A member of a node, or null: the tree leaves out what is empty.
const json& member(const json& node, const char* key) {
    static const json none;
    if (!node.is_object()) return none;
    const auto it = node.find(key);
    return it == node.end() ? none : *it;
}

// "schema.name" of a DropStmt object: a String (a schema), a List of
// Strings, or a TypeName; other objects (functions) are not needed here.
cat::qualified_name dropped_name(const json& object) {
    if (const json& single = member(object, "String"); !single.is_null())
        return {{}, member(single, "sval").get<std::string>()};
    const json& list = member(member(object, "List"), "items");
    const json& items = list.is_null() ? member(member(object, "TypeName"), "names") : list;
    std::vector<std::string> parts;
    if (items.is_array())
        for (const json& item : items) parts.push_back(member(member(item, "String"), "sval").get<std::string>());
    if (parts.empty()) return {};
    if (parts.size() == 1) return {{}, parts[0]};
    return {parts[parts.size() - 2], parts.back()};
}

cat::qualified_name relation_of(const json& statement) {
    const json& r = member(statement, "relation");
    return {r.value("schemaname", ""), r.value("relname", "")};
}

const json& commands(const json& alter) {
    static const json none = json::array();
    const json& c = member(alter, "cmds");
    return c.is_array() ? c : none;
}
}  // namespace

std::vector<hazard> destructive_hazards_in(const std::string& sql, const cat::catalog& before,
                                           const cat::catalog& after) {
    const json tree = parse_tree(sql);
    std::vector<hazard> found;
    // A column dropped and added again in the same file is re-created (a generated column), not lost.
    std::set<std::pair<cat::qualified_name, std::string>> added;
    const json statements = tree.value("stmts", json::array());
    for (const json& s : statements) {
        const json& alter = member(member(s, "stmt"), "AlterTableStmt");
        for (const json& c : commands(alter))
            if (member(c, "AlterTableCmd").value("subtype", "") == "AT_AddColumn")
                added.emplace(relation_of(alter),
                              member(member(member(c, "AlterTableCmd"), "def"), "ColumnDef").value("colname", ""));
    }
    for (const json& s : statements) {
        const json& stmt = member(s, "stmt");
        if (const json& drop = member(stmt, "DropStmt"); !drop.is_null()) {
            const std::string type = drop.value("removeType", "");
            for (const json& object : drop.value("objects", json::array())) {
                const cat::qualified_name name = dropped_name(object);
                if (type == "OBJECT_SCHEMA")
                    found.push_back({"PG101", fmt::format("drops schema {}", name.name)});
                else if (type == "OBJECT_TABLE")
                    found.push_back({"PG102", fmt::format("drops table {}.{} and its rows", name.schema, name.name)});
                else if (type == "OBJECT_TYPE" && name.name.ends_with(sql::replaced_type_suffix))
                    found.push_back({"PG104", fmt::format("drops enum type {}.{}, replaced without some of its labels",
                                                          name.schema, name.name)});
            }
        } else if (const json& alter = member(stmt, "AlterTableStmt"); !alter.is_null()) {
            const cat::qualified_name table = relation_of(alter);
            for (const json& c : commands(alter)) {
                const json& cmd = member(c, "AlterTableCmd");
                const std::string subtype = cmd.value("subtype", "");
                const std::string column = cmd.value("name", "");
                if (subtype == "AT_DropColumn" && !added.contains({table, column})) {
                    found.push_back({"PG103", fmt::format("drops column {}.{}.{} and its values", table.schema,
                                                          table.name, column)});
                } else if (subtype == "AT_AlterColumnType") {
                    const auto* was = before.find_as<cat::column>(cat::id::column(table, column));
                    const auto* now = after.find_as<cat::column>(cat::id::column(table, column));
                    if (!was || !now) continue;
                    const std::string from = sql::detail::column_type(*was), to = sql::detail::column_type(*now);
                    if (classify_type_change(from, to) == type_change::narrows)
                        found.push_back({"PG201", fmt::format("changes column {}.{}.{} from {} to {}, which holds less",
                                                              table.schema, table.name, column, from, to)});
                }
            }
        }
    }
    return found;
}

}  // namespace pgcraft::migrate::detail
