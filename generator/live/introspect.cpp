// Reading a database's system catalogs into catalog values. Names are
// parameters, never spliced into the queries; lists come back joined with
// separators that no name contains (unit and record separators).
#include <pgcraft/live/introspect.hpp>

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <string_view>
#include <utility>

namespace pgcraft::live {

using namespace pgcraft::catalog;

namespace {
constexpr char unit = '\x1f';
constexpr char record = '\x1e';

std::vector<std::string> split(const std::optional<std::string>& text, char separator = unit) {
    std::vector<std::string> parts;
    if (!text || text->empty()) return parts;
    std::size_t at = 0;
    while (true) {
        const std::size_t end = text->find(separator, at);
        parts.push_back(text->substr(at, end == std::string::npos ? std::string::npos : end - at));
        if (end == std::string::npos) break;
        at = end + 1;
    }
    return parts;
}

// A text[] parameter: {"a","b"} with quotes and backslashes escaped.
std::string array_literal(const std::vector<std::string>& items) {
    std::string text = "{";
    for (const std::string& item : items) {
        if (text.size() > 1) text += ',';
        text += '"';
        for (char c : item) {
            if (c == '"' || c == '\\') text += '\\';
            text += c;
        }
        text += '"';
    }
    return text + "}";
}

const std::string& value(const row& r, std::size_t i) {
    static const std::string none;
    return r[i] ? *r[i] : none;
}

bool flag(const row& r, std::size_t i) { return value(r, i) == "t"; }

// Objects that belong to an extension are the extension's business.
constexpr std::string_view not_an_extension_member = R"(NOT EXISTS (SELECT FROM pg_catalog.pg_depend d
    WHERE d.objid = {oid} AND d.deptype = 'e'))";

std::string outside_extensions(std::string_view oid, std::string_view classid) {
    std::string text(not_an_extension_member);
    text.replace(text.find("{oid}"), 5, std::string(oid) + " AND d.classid = '" + std::string(classid) + "'::pg_catalog.regclass");
    return text;
}

class reader {
public:
    reader(connection& db, const scope& what) : db_(db), schemas_(array_literal(what.schemas)), what_(what) {}

    pgcraft::catalog::catalog run() {
        read_schemas();
        read_extensions();
        read_roles();
        read_enum_types();
        read_tables();
        read_indexes();
        read_views();
        read_functions();
        read_triggers();
        read_comments();
        read_grants();
        return std::move(result_);
    }

private:
    connection& db_;
    std::string schemas_;
    const scope& what_;
    pgcraft::catalog::catalog result_;
    std::map<std::string, object_id> relations_;  ///< by oid: the tables and views read
    std::map<std::string, object_id> functions_;  ///< by oid
    std::map<std::string, object_id> types_;      ///< by oid: the enum types read

    std::vector<row> query(std::string_view sql) { return db_.query(sql, {schemas_}); }

    // The columns of the tables and views, read once for both: relation oid,
    // name, type, its typtype, schema and name, NOT NULL, identity,
    // generated, default (or generation expression), in column order.
    std::optional<std::vector<row>> columns_;
    const std::vector<row>& relation_columns() {
        if (!columns_) columns_ = query(R"(
            SELECT a.attrelid, a.attname, pg_catalog.format_type(a.atttypid, a.atttypmod), t.typtype, tn.nspname,
                   t.typname, a.attnotnull, a.attidentity, a.attgenerated,
                   pg_catalog.pg_get_expr(d.adbin, d.adrelid)
            FROM pg_catalog.pg_attribute a
            JOIN pg_catalog.pg_class c ON c.oid = a.attrelid
            JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
            JOIN pg_catalog.pg_type t ON t.oid = a.atttypid
            JOIN pg_catalog.pg_namespace tn ON tn.oid = t.typnamespace
            LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
            WHERE n.nspname = ANY($1::text[]) AND c.relkind IN ('r', 'p', 'v') AND a.attnum > 0 AND NOT a.attisdropped
            ORDER BY a.attrelid, a.attnum)");
        return *columns_;
    }

    void read_schemas() {
        for (const row& r : query("SELECT nspname FROM pg_catalog.pg_namespace WHERE nspname = ANY($1::text[])"))
            result_.add(schema{value(r, 0)});
    }

    void read_extensions() {
        const std::vector<row> rows = db_.query(
            "SELECT e.extname, n.nspname FROM pg_catalog.pg_extension e "
            "JOIN pg_catalog.pg_namespace n ON n.oid = e.extnamespace "
            "WHERE e.extname = ANY($2::text[]) OR (n.nspname = ANY($1::text[]) AND e.extname <> 'plpgsql') "
            "ORDER BY e.extname",
            {schemas_, array_literal(what_.extensions)});
        for (const row& r : rows) result_.add(extension{value(r, 0), value(r, 1)});
    }

    void read_roles() {
        const std::vector<row> rows = db_.query(
            "SELECT rolname, rolcanlogin, rolinherit FROM pg_catalog.pg_roles WHERE rolname = ANY($1::text[]) ORDER BY 1",
            {array_literal(what_.roles)});
        // The roles granted to each, every one of them: a membership nobody declared is drift too.
        const std::vector<row> memberships = db_.query(
            "SELECT m.rolname, g.rolname FROM pg_catalog.pg_auth_members a "
            "JOIN pg_catalog.pg_roles m ON m.oid = a.member JOIN pg_catalog.pg_roles g ON g.oid = a.roleid "
            "WHERE m.rolname = ANY($1::text[]) ORDER BY 1, 2",
            {array_literal(what_.roles)});
        for (const row& r : rows) {
            role found{value(r, 0), flag(r, 1), flag(r, 2)};
            for (const row& m : memberships)
                if (value(m, 0) == found.name) found.member_of.push_back(value(m, 1));
            result_.add(std::move(found));
        }
    }

    void read_enum_types() {
        const std::vector<row> rows = query(
            "SELECT n.nspname, t.typname, string_agg(e.enumlabel, E'\\x1f' ORDER BY e.enumsortorder), t.oid "
            "FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace "
            "JOIN pg_catalog.pg_enum e ON e.enumtypid = t.oid "
            "WHERE n.nspname = ANY($1::text[]) AND t.typtype = 'e' GROUP BY 1, 2, 4 ORDER BY 1, 2");
        for (const row& r : rows) {
            enum_type e{{value(r, 0), value(r, 1)}, split(r[2])};
            types_.emplace(value(r, 3), e.id());
            result_.add(std::move(e));
        }
    }

    void read_tables() {
        std::map<std::string, table_definition> tables;  // by oid
        std::vector<std::string> order;
        for (const row& r : query("SELECT c.oid, n.nspname, c.relname FROM pg_catalog.pg_class c "
                                  "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
                                  "WHERE n.nspname = ANY($1::text[]) AND c.relkind IN ('r', 'p') AND " +
                                  outside_extensions("c.oid", "pg_catalog.pg_class") + " ORDER BY 2, 3")) {
            table_definition& t = tables[value(r, 0)];
            t.name = {value(r, 1), value(r, 2)};
            order.push_back(value(r, 0));
            relations_.emplace(value(r, 0), id::table(t.name));
        }
        const std::vector<row>& columns = relation_columns();
        for (const row& r : columns) {
            const auto t = tables.find(value(r, 0));
            if (t == tables.end()) continue;
            column c;
            c.name = value(r, 1);
            if (value(r, 3) == "e")
                c.user_type = {value(r, 4), value(r, 5)};
            else
                c.type = value(r, 2);
            c.nullable = !flag(r, 6);
            c.identity = value(r, 7) == "a";
            if (value(r, 7) == "d") c.type += " GENERATED BY DEFAULT AS IDENTITY";  // not what pgcraft makes: shown as such
            if (value(r, 8) == "s")
                c.generated = expression::plain(value(r, 9));
            else
                c.default_value = expression::plain(value(r, 9));
            t->second.add_column(std::move(c));
        }
        const std::vector<row> constraints = query(R"(
            SELECT k.conrelid, k.conname, k.contype, pg_catalog.pg_get_constraintdef(k.oid),
                   (SELECT string_agg(a.attname, E'\x1f' ORDER BY u.ord)
                      FROM unnest(k.conkey) WITH ORDINALITY AS u(attnum, ord)
                      JOIN pg_catalog.pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = u.attnum),
                   fn.nspname, f.relname,
                   (SELECT string_agg(a.attname, E'\x1f' ORDER BY u.ord)
                      FROM unnest(k.confkey) WITH ORDINALITY AS u(attnum, ord)
                      JOIN pg_catalog.pg_attribute a ON a.attrelid = k.confrelid AND a.attnum = u.attnum),
                   k.confdeltype, k.confupdtype
            FROM pg_catalog.pg_constraint k
            JOIN pg_catalog.pg_class c ON c.oid = k.conrelid
            JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
            LEFT JOIN pg_catalog.pg_class f ON f.oid = k.confrelid
            LEFT JOIN pg_catalog.pg_namespace fn ON fn.oid = f.relnamespace
            WHERE n.nspname = ANY($1::text[]) AND k.contype IN ('p', 'u', 'c', 'f', 'x')
            ORDER BY k.conrelid, k.conname)");
        for (const row& r : constraints) {
            const auto t = tables.find(value(r, 0));
            if (t == tables.end()) continue;
            constraint k;
            k.name = value(r, 1);
            const std::string& type = value(r, 2);
            k.kind = type == "p"   ? constraint_kind::primary_key
                     : type == "u" ? constraint_kind::unique
                     : type == "f" ? constraint_kind::foreign_key
                                   : constraint_kind::check;
            // The whole definition, as the server prints it: NOT VALID, DEFERRABLE, MATCH … included.
            k.check = expression::plain(value(r, 3));
            k.columns = split(r[4]);
            if (k.kind == constraint_kind::foreign_key)
                k.references = foreign_key_target{{value(r, 5), value(r, 6)}, split(r[7]), action(value(r, 8)),
                                                  action(value(r, 9))};
            t->second.constraints.push_back(std::move(k));
        }
        for (const std::string& oid : order) result_.add(std::move(tables[oid]));
    }

    static referential_action action(const std::string& code) {
        if (code == "r") return referential_action::restrict;
        if (code == "c") return referential_action::cascade;
        if (code == "n") return referential_action::set_null;
        if (code == "d") return referential_action::set_default;
        return referential_action::no_action;
    }

    void read_indexes() {
        // Indexes of their own: not those a constraint made, which the constraint stands for.
        const std::vector<row> rows = query(R"(
            SELECT n.nspname, ic.relname, tn.nspname, tc.relname, i.indisunique, am.amname,
                   pg_catalog.pg_get_indexdef(i.indexrelid), i.indisvalid
            FROM pg_catalog.pg_index i
            JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid
            JOIN pg_catalog.pg_namespace n ON n.oid = ic.relnamespace
            JOIN pg_catalog.pg_class tc ON tc.oid = i.indrelid
            JOIN pg_catalog.pg_namespace tn ON tn.oid = tc.relnamespace
            JOIN pg_catalog.pg_am am ON am.oid = ic.relam
            WHERE n.nspname = ANY($1::text[]) AND tc.relkind IN ('r', 'p', 'm')
              AND NOT EXISTS (SELECT FROM pg_catalog.pg_constraint k WHERE k.conindid = i.indexrelid
                                AND k.contype IN ('p', 'u', 'x'))
            ORDER BY 1, 2)");
        for (const row& r : rows) {
            index ix;
            ix.name = {value(r, 0), value(r, 1)};
            ix.table = {value(r, 2), value(r, 3)};
            ix.unique = flag(r, 4);
            ix.method = value(r, 5) == "btree" ? "" : value(r, 5);
            // A concurrent build that failed leaves an invalid index: not the index declared.
            ix.keys = {expression::plain(value(r, 6) + (flag(r, 7) ? "" : " (INVALID)"))};
            result_.add(std::move(ix));
        }
    }

    void read_views() {
        const std::vector<row> views = query(
            "SELECT c.oid, n.nspname, c.relname, pg_catalog.pg_get_viewdef(c.oid), "
            "       array_to_string(c.reloptions, E'\\x1f') "
            "FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = ANY($1::text[]) AND c.relkind = 'v' AND " +
            outside_extensions("c.oid", "pg_catalog.pg_class") + " ORDER BY 2, 3");
        std::map<std::string, view> by_oid;
        std::vector<std::string> order;
        for (const row& r : views) {
            view& v = by_oid[value(r, 0)];
            v.name = {value(r, 1), value(r, 2)};
            v.query = value(r, 3);
            if (r[4] && !r[4]->empty()) v.query = "WITH (" + *r[4] + ")\n" + v.query;
            order.push_back(value(r, 0));
            relations_.emplace(value(r, 0), id::view(v.name));
        }
        const std::vector<row>& columns = relation_columns();
        for (const row& r : columns) {
            const auto v = by_oid.find(value(r, 0));
            if (v == by_oid.end()) continue;
            v->second.columns.push_back(value(r, 1));
            v->second.column_types.push_back(value(r, 2));
            if (r[9]) v->second.defaults.push_back({value(r, 1), expression::plain(*r[9])});
        }
        for (const std::string& oid : order) result_.add(std::move(by_oid[oid]));
    }

    void read_functions() {
        const std::vector<row> rows = query(
            "SELECT p.oid, n.nspname, p.proname, "
            "       (SELECT string_agg(coalesce(p.proargnames[u.ord], '') || E'\\x1e' || "
            "                          pg_catalog.format_type(u.t, NULL), E'\\x1f' ORDER BY u.ord) "
            "          FROM unnest(p.proargtypes) WITH ORDINALITY AS u(t, ord)), "
            "       pg_catalog.pg_get_function_result(p.oid), l.lanname, p.provolatile, p.prosrc, p.prosecdef, "
            "       array_to_string(p.proconfig, E'\\x1f') "
            "FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace "
            "JOIN pg_catalog.pg_language l ON l.oid = p.prolang "
            "WHERE n.nspname = ANY($1::text[]) AND p.prokind = 'f' AND " +
            outside_extensions("p.oid", "pg_catalog.pg_proc") + " ORDER BY 2, 3, 4");
        for (const row& r : rows) {
            function f;
            f.name = {value(r, 1), value(r, 2)};
            for (const std::string& a : split(r[3])) {
                const std::vector<std::string> parts = split(a, record);
                f.arguments.push_back({parts.at(0), parts.size() > 1 ? parts[1] : ""});
            }
            f.returns = value(r, 4);
            f.language = value(r, 5) == "plpgsql" ? language::plpgsql : language::sql;
            if (value(r, 5) != "plpgsql" && value(r, 5) != "sql") f.returns += " LANGUAGE " + value(r, 5);
            f.volatility = value(r, 6) == "i" ? volatility::immutable
                           : value(r, 6) == "s" ? volatility::stable
                                                : volatility::volatile_;
            f.body = value(r, 7);
            f.security_definer = flag(r, 8);
            for (const std::string& setting : split(r[9]))
                if (setting.starts_with("search_path=")) f.search_path = setting.substr(12);
            functions_.emplace(value(r, 0), f.id());
            result_.add(std::move(f));
        }
    }

    void read_triggers() {
        const std::vector<row> rows = query(R"(
            SELECT t.tgrelid, t.tgname, pg_catalog.pg_get_triggerdef(t.oid), t.tgenabled, fn.nspname, f.proname,
                   (SELECT string_agg(pg_catalog.format_type(u.t, NULL), E'\x1f' ORDER BY u.ord)
                      FROM unnest(f.proargtypes) WITH ORDINALITY AS u(t, ord))
            FROM pg_catalog.pg_trigger t
            JOIN pg_catalog.pg_class c ON c.oid = t.tgrelid
            JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
            JOIN pg_catalog.pg_proc f ON f.oid = t.tgfoid
            JOIN pg_catalog.pg_namespace fn ON fn.oid = f.pronamespace
            WHERE n.nspname = ANY($1::text[]) AND NOT t.tgisinternal
            ORDER BY 1, 2)");
        for (const row& r : rows) {
            const auto on = relations_.find(value(r, 0));
            if (on == relations_.end()) continue;
            trigger t;
            t.name = value(r, 1);
            t.on = on->second;
            t.function = id::function({value(r, 4), value(r, 5)}, split(r[6]));
            // The whole definition as the server prints it, and whether it fires.
            t.when = value(r, 2);
            if (value(r, 3) == "D") t.when += " (DISABLED)";
            result_.add(std::move(t));
        }
    }

    void read_comments() {
        // On relations (and their columns), functions, types and schemas that were read.
        const std::vector<row> rows = query(R"(
            SELECT 'r', d.objoid, d.objsubid, a.attname, d.description
            FROM pg_catalog.pg_description d
            JOIN pg_catalog.pg_class c ON c.oid = d.objoid AND d.classoid = 'pg_catalog.pg_class'::pg_catalog.regclass
            JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
            LEFT JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attnum = d.objsubid AND d.objsubid > 0
            WHERE n.nspname = ANY($1::text[])
            UNION ALL
            SELECT 'f', d.objoid, 0, NULL, d.description
            FROM pg_catalog.pg_description d
            JOIN pg_catalog.pg_proc p ON p.oid = d.objoid AND d.classoid = 'pg_catalog.pg_proc'::pg_catalog.regclass
            JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
            WHERE n.nspname = ANY($1::text[])
            UNION ALL
            SELECT 't', d.objoid, 0, n.nspname || E'\x1f' || t.typname, d.description
            FROM pg_catalog.pg_description d
            JOIN pg_catalog.pg_type t ON t.oid = d.objoid AND d.classoid = 'pg_catalog.pg_type'::pg_catalog.regclass
            JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
            WHERE n.nspname = ANY($1::text[])
            UNION ALL
            SELECT 's', d.objoid, 0, n.nspname, d.description
            FROM pg_catalog.pg_description d
            JOIN pg_catalog.pg_namespace n ON n.oid = d.objoid AND d.classoid = 'pg_catalog.pg_namespace'::pg_catalog.regclass
            WHERE n.nspname = ANY($1::text[])
            UNION ALL
            SELECT 'i', d.objoid, 0, n.nspname || E'\x1f' || c.relname, d.description
            FROM pg_catalog.pg_description d
            JOIN pg_catalog.pg_class c ON c.oid = d.objoid AND d.classoid = 'pg_catalog.pg_class'::pg_catalog.regclass
            JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = ANY($1::text[]) AND c.relkind = 'i' AND d.objsubid = 0
            ORDER BY 1, 2, 3)");
        for (const row& r : rows) {
            const std::string& kind = value(r, 0);
            std::optional<object_id> on;
            if (kind == "r") {
                const auto rel = relations_.find(value(r, 1));
                if (rel == relations_.end()) continue;
                on = value(r, 2) == "0" ? rel->second : id::column(rel->second.qualified(), value(r, 3));
            } else if (kind == "f") {
                const auto f = functions_.find(value(r, 1));
                if (f == functions_.end()) continue;
                on = f->second;
            } else if (kind == "t" || kind == "i") {
                const std::vector<std::string> name = split(r[3]);
                const qualified_name q{name.at(0), name.at(1)};
                on = kind == "t" ? id::enum_type(q) : id::index(q);
                if (!result_.find(*on)) continue;
            } else {
                on = id::schema(value(r, 3));
            }
            result_.add(comment{*on, value(r, 4)});
        }
    }

    void read_grants() {
        // Privileges granted to a role by name (not PUBLIC), other than the owner's own, on the tables,
        // views, functions, schemas and enum types read.
        const std::vector<row> rows = query(R"(
            SELECT 'r', c.oid, g.grantee::pg_catalog.regrole::text, g.privilege_type
            FROM pg_catalog.pg_class c
            JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace,
                 LATERAL aclexplode(c.relacl) g
            WHERE n.nspname = ANY($1::text[]) AND c.relkind IN ('r', 'p', 'v') AND g.grantee <> 0
              AND g.grantee <> c.relowner
            UNION ALL
            SELECT 'f', p.oid, g.grantee::pg_catalog.regrole::text, g.privilege_type
            FROM pg_catalog.pg_proc p
            JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace,
                 LATERAL aclexplode(p.proacl) g
            WHERE n.nspname = ANY($1::text[]) AND g.grantee <> 0 AND g.grantee <> p.proowner
            UNION ALL
            SELECT 's', n.oid, g.grantee::pg_catalog.regrole::text, g.privilege_type
            FROM pg_catalog.pg_namespace n, LATERAL aclexplode(n.nspacl) g
            WHERE n.nspname = ANY($1::text[]) AND g.grantee <> 0 AND g.grantee <> n.nspowner
            UNION ALL
            SELECT 't', t.oid, g.grantee::pg_catalog.regrole::text, g.privilege_type
            FROM pg_catalog.pg_type t
            JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace,
                 LATERAL aclexplode(t.typacl) g
            WHERE n.nspname = ANY($1::text[]) AND g.grantee <> 0 AND g.grantee <> t.typowner
            ORDER BY 1, 2, 3)");
        std::map<std::pair<object_id, std::string>, std::set<privilege>> grants;
        std::vector<std::pair<object_id, std::string>> order;
        const std::map<std::string, object_id> schemas = schema_oids();
        for (const row& r : rows) {
            const std::string& kind = value(r, 0);
            const std::map<std::string, object_id>& ids = kind == "r"   ? relations_
                                                          : kind == "f" ? functions_
                                                          : kind == "t" ? types_
                                                                        : schemas;
            const auto on = ids.find(value(r, 1));
            if (on == ids.end()) continue;
            std::string grantee = value(r, 2);
            // regrole::text quotes names that need it: the catalog holds names as they are.
            if (grantee.size() > 1 && grantee.front() == '"') grantee = unquoted(grantee);
            const auto key = std::pair{on->second, grantee};
            if (!grants.contains(key)) order.push_back(key);
            grants[key].insert(privilege_of(value(r, 3)));
        }
        for (const auto& key : order) {
            const std::set<privilege>& p = grants[key];
            result_.add(grant{key.first, std::vector<privilege>(p.begin(), p.end()), key.second});
        }
    }

    std::map<std::string, object_id> schema_oids() {
        std::map<std::string, object_id> result;
        for (const row& r : query("SELECT oid, nspname FROM pg_catalog.pg_namespace WHERE nspname = ANY($1::text[])"))
            result.emplace(value(r, 0), id::schema(value(r, 1)));
        return result;
    }

    static std::string unquoted(const std::string& quoted) {
        std::string name;
        for (std::size_t i = 1; i + 1 < quoted.size(); ++i) {
            name += quoted[i];
            if (quoted[i] == '"') ++i;
        }
        return name;
    }

    static privilege privilege_of(const std::string& word) {
        static const std::map<std::string, privilege> words = {
            {"SELECT", privilege::select},         {"INSERT", privilege::insert},   {"UPDATE", privilege::update},
            {"DELETE", privilege::delete_},        {"TRUNCATE", privilege::truncate},
            {"REFERENCES", privilege::references}, {"TRIGGER", privilege::trigger}, {"USAGE", privilege::usage},
            {"CREATE", privilege::create},         {"EXECUTE", privilege::execute}};
        const auto it = words.find(word);
        if (it == words.end()) throw error("unknown privilege " + word);
        return it->second;
    }
};
}  // namespace

scope scope_of(const pgcraft::catalog::catalog& declared) {
    std::set<std::string> schemas, roles, extensions;
    for (const auto& [id, o] : declared.objects()) {
        if (!id.schema.empty()) schemas.insert(id.schema);
        if (const auto* s = std::get_if<pgcraft::catalog::schema>(&o)) schemas.insert(s->name);
        if (const auto* r = std::get_if<role>(&o)) roles.insert(r->name);
        if (const auto* g = std::get_if<grant>(&o)) roles.insert(g->role);
        if (const auto* e = std::get_if<extension>(&o)) extensions.insert(e->name);
    }
    return {{schemas.begin(), schemas.end()}, {roles.begin(), roles.end()}, {extensions.begin(), extensions.end()}};
}

pgcraft::catalog::catalog introspect(connection& db, const scope& what) { return reader(db, what).run(); }

}  // namespace pgcraft::live
