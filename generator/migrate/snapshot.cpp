// Snapshots: every catalog value to JSON and back, one function per type.
#include <pgcraft/generator/snapshot.hpp>

#include <array>
#include <memory>
#include <stdexcept>
#include <utility>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace pgcraft::generator {

namespace {
using json = nlohmann::json;
namespace cat = pgcraft::catalog;

// Enumerations by name, so that a snapshot never depends on their order.
template <class E, std::size_t N>
struct names_of_enum {
    std::array<std::pair<E, const char*>, N> names;
    const char* operator()(E value) const {
        for (const auto& [e, name] : names)
            if (e == value) return name;
        throw std::logic_error("pgcraft: an enumerator without a snapshot name");
    }
    E operator()(const json& j, const char* what) const {
        const std::string text = j.get<std::string>();
        for (const auto& [e, name] : names)
            if (text == name) return e;
        throw std::invalid_argument(fmt::format("pgcraft: snapshot: '{}' is not a {}", text, what));
    }
};

constexpr names_of_enum<cat::object_kind, 13> kinds{{{
    {cat::object_kind::extension, "extension"}, {cat::object_kind::role, "role"},
    {cat::object_kind::schema, "schema"},       {cat::object_kind::enum_type, "enum_type"},
    {cat::object_kind::table, "table"},         {cat::object_kind::column, "column"},
    {cat::object_kind::constraint, "constraint"}, {cat::object_kind::index, "index"},
    {cat::object_kind::view, "view"},           {cat::object_kind::function, "function"},
    {cat::object_kind::trigger, "trigger"},     {cat::object_kind::comment, "comment"},
    {cat::object_kind::grant, "grant"}}}};
constexpr names_of_enum<cat::constraint_kind, 4> constraint_kinds{{{{cat::constraint_kind::primary_key, "primary_key"},
                                                                    {cat::constraint_kind::unique, "unique"},
                                                                    {cat::constraint_kind::check, "check"},
                                                                    {cat::constraint_kind::foreign_key, "foreign_key"}}}};
constexpr names_of_enum<cat::referential_action, 5> actions{{{{cat::referential_action::no_action, "no_action"},
                                                             {cat::referential_action::restrict, "restrict"},
                                                             {cat::referential_action::cascade, "cascade"},
                                                             {cat::referential_action::set_null, "set_null"},
                                                             {cat::referential_action::set_default, "set_default"}}}};
constexpr names_of_enum<cat::trigger_timing, 3> timings{{{{cat::trigger_timing::before, "before"},
                                                         {cat::trigger_timing::after, "after"},
                                                         {cat::trigger_timing::instead_of, "instead_of"}}}};
constexpr names_of_enum<cat::trigger_event, 4> events{{{{cat::trigger_event::insert, "insert"},
                                                       {cat::trigger_event::update, "update"},
                                                       {cat::trigger_event::delete_, "delete"},
                                                       {cat::trigger_event::truncate, "truncate"}}}};
constexpr names_of_enum<cat::volatility, 3> volatilities{{{{cat::volatility::volatile_, "volatile"},
                                                          {cat::volatility::stable, "stable"},
                                                          {cat::volatility::immutable, "immutable"}}}};
constexpr names_of_enum<cat::language, 2> languages{{{{cat::language::sql, "sql"}, {cat::language::plpgsql, "plpgsql"}}}};
constexpr names_of_enum<cat::privilege, 10> privileges{{{
    {cat::privilege::select, "select"}, {cat::privilege::insert, "insert"},         {cat::privilege::update, "update"},
    {cat::privilege::delete_, "delete"}, {cat::privilege::truncate, "truncate"},    {cat::privilege::references, "references"},
    {cat::privilege::trigger, "trigger"}, {cat::privilege::usage, "usage"},         {cat::privilege::create, "create"},
    {cat::privilege::execute, "execute"}}}};

json name_json(const cat::qualified_name& n) { return {{"schema", n.schema}, {"name", n.name}}; }
cat::qualified_name name_of(const json& j) { return {j.at("schema").get<std::string>(), j.at("name").get<std::string>()}; }

json id_json(const cat::object_id& id) {
    json j{{"kind", kinds(id.kind)}, {"schema", id.schema}, {"name", id.name}, {"parent", id.parent},
           {"argument_types", id.argument_types}};
    if (id.on()) j["on"] = id_json(*id.on());
    return j;
}
cat::object_id id_of_json(const json& j) {
    cat::object_id id{kinds(j.at("kind"), "kind of object"), j.at("schema").get<std::string>(),
                      j.at("name").get<std::string>(), j.at("parent").get<std::string>(),
                      j.at("argument_types").get<std::vector<std::string>>()};
    if (j.contains("on")) id.target = std::make_shared<const cat::object_id>(id_of_json(j["on"]));
    return id;
}
std::vector<cat::object_id> ids_of_json(const json& j) {
    std::vector<cat::object_id> ids;
    for (const json& item : j) ids.push_back(id_of_json(item));
    return ids;
}
json ids_json(const std::vector<cat::object_id>& ids) {
    json j = json::array();
    for (const cat::object_id& id : ids) j.push_back(id_json(id));
    return j;
}

json expression_json(const cat::expression& e) { return {{"pieces", e.pieces}, {"columns", e.columns_read}}; }
cat::expression expression_of(const json& j) {
    cat::expression e{j.at("pieces").get<std::vector<std::string>>(), j.at("columns").get<std::vector<std::string>>()};
    if (e.pieces.size() != e.columns_read.size() + 1 && !(e.pieces.empty() && e.columns_read.empty()))
        throw std::invalid_argument("pgcraft: snapshot: an expression's pieces do not surround its columns");
    return e;
}

struct writer {
    json operator()(const cat::extension& e) const { return {{"name", e.name}, {"schema", e.schema}}; }
    json operator()(const cat::role& r) const {
        json j{{"name", r.name}, {"login", r.login}};
        // Written only when not the default, so that older snapshots read the same.
        if (!r.inherit) j["inherit"] = false;
        if (!r.member_of.empty()) j["member_of"] = r.member_of;
        return j;
    }
    json operator()(const cat::schema& s) const { return {{"name", s.name}}; }
    json operator()(const cat::enum_type& e) const { return {{"name", name_json(e.name)}, {"labels", e.labels}}; }
    json operator()(const cat::table& t) const { return {{"name", name_json(t.name)}, {"declared_by", t.declared_by}}; }
    json operator()(const cat::column& c) const {
        return {{"table", name_json(c.table)}, {"name", c.name}, {"position", c.position}, {"type", c.type},
                {"user_type", name_json(c.user_type)}, {"nullable", c.nullable}, {"identity", c.identity},
                {"default", expression_json(c.default_value)}, {"generated", expression_json(c.generated)}};
    }
    json operator()(const cat::constraint& c) const {
        json j{{"table", name_json(c.table)}, {"name", c.name}, {"kind", constraint_kinds(c.kind)},
               {"columns", c.columns}, {"check", expression_json(c.check)}};
        if (c.references)
            j["references"] = {{"table", name_json(c.references->table)}, {"columns", c.references->columns},
                               {"on_delete", actions(c.references->on_delete)},
                               {"on_update", actions(c.references->on_update)}};
        return j;
    }
    json operator()(const cat::index& ix) const {
        json keys = json::array();
        for (const cat::expression& k : ix.keys) keys.push_back(expression_json(k));
        return {{"name", name_json(ix.name)}, {"table", name_json(ix.table)}, {"unique", ix.unique},
                {"method", ix.method}, {"keys", keys}, {"include", ix.include}, {"where", expression_json(ix.where)}};
    }
    json operator()(const cat::view& v) const {
        json defaults = json::array();
        for (const cat::column_default& d : v.defaults)
            defaults.push_back({{"column", d.column}, {"value", expression_json(d.value)}});
        return {{"name", name_json(v.name)}, {"query", v.query}, {"columns", v.columns},
                {"column_types", v.column_types}, {"reads", ids_json(v.reads)},
                {"defaults", defaults}};
    }
    json operator()(const cat::function& f) const {
        json arguments = json::array();
        for (const cat::argument& a : f.arguments) arguments.push_back({{"name", a.name}, {"type", a.type}});
        return {{"name", name_json(f.name)}, {"arguments", arguments}, {"returns", f.returns},
                {"language", languages(f.language)}, {"volatility", volatilities(f.volatility)}, {"body", f.body},
                {"security_definer", f.security_definer}, {"search_path", f.search_path}, {"reads", ids_json(f.reads)}};
    }
    json operator()(const cat::trigger& t) const {
        json list = json::array();
        for (cat::trigger_event e : t.events) list.push_back(events(e));
        json result = {{"name", t.name}, {"on", id_json(t.on)}, {"timing", timings(t.timing)}, {"events", list},
                       {"function", id_json(t.function)}, {"when", t.when}, {"for_each_statement", t.for_each_statement}};
        // Only when set: snapshots written before constraint triggers read and write back the same.
        if (t.deferred) result["deferred"] = true;
        return result;
    }
    json operator()(const cat::comment& c) const { return {{"on", id_json(c.on)}, {"text", c.text}}; }
    json operator()(const cat::grant& g) const {
        json list = json::array();
        for (cat::privilege p : g.privileges) list.push_back(privileges(p));
        return {{"on", id_json(g.on)}, {"privileges", list}, {"role", g.role}};
    }
};

cat::object read_object(cat::object_kind kind, const json& j) {
    using k = cat::object_kind;
    switch (kind) {
        case k::extension: return cat::extension{j.at("name").get<std::string>(), j.at("schema").get<std::string>()};
        case k::role:
            return cat::role{j.at("name").get<std::string>(), j.at("login").get<bool>(), j.value("inherit", true),
                             j.value("member_of", std::vector<std::string>{})};
        case k::schema: return cat::schema{j.at("name").get<std::string>()};
        case k::enum_type: return cat::enum_type{name_of(j.at("name")), j.at("labels").get<std::vector<std::string>>()};
        case k::table: return cat::table{name_of(j.at("name")), j.at("declared_by").get<std::string>()};
        case k::column:
            return cat::column{name_of(j.at("table")), j.at("name").get<std::string>(), j.at("position").get<int>(),
                               j.at("type").get<std::string>(), name_of(j.at("user_type")), j.at("nullable").get<bool>(),
                               j.at("identity").get<bool>(), expression_of(j.at("default")),
                               expression_of(j.at("generated"))};
        case k::constraint: {
            cat::constraint c{name_of(j.at("table")), j.at("name").get<std::string>(),
                              constraint_kinds(j.at("kind"), "kind of constraint"),
                              j.at("columns").get<std::vector<std::string>>(), expression_of(j.at("check")), {}};
            if (j.contains("references")) {
                const json& r = j["references"];
                c.references = cat::foreign_key_target{name_of(r.at("table")), r.at("columns").get<std::vector<std::string>>(),
                                                       actions(r.at("on_delete"), "referential action"),
                                                       actions(r.at("on_update"), "referential action")};
            }
            return c;
        }
        case k::index: {
            std::vector<cat::expression> keys;
            for (const json& key : j.at("keys")) keys.push_back(expression_of(key));
            return cat::index{name_of(j.at("name")), name_of(j.at("table")), j.at("unique").get<bool>(),
                              j.at("method").get<std::string>(), std::move(keys),
                              j.at("include").get<std::vector<std::string>>(), expression_of(j.at("where"))};
        }
        case k::view: {
            std::vector<cat::column_default> defaults;
            for (const json& d : j.at("defaults"))
                defaults.push_back({d.at("column").get<std::string>(), expression_of(d.at("value"))});
            return cat::view{name_of(j.at("name")), j.at("query").get<std::string>(),
                             j.at("columns").get<std::vector<std::string>>(), ids_of_json(j.at("reads")),
                             std::move(defaults),
                             j.value("column_types", std::vector<std::string>{})};
        }
        case k::function: {
            std::vector<cat::argument> arguments;
            for (const json& a : j.at("arguments"))
                arguments.push_back({a.at("name").get<std::string>(), a.at("type").get<std::string>()});
            return cat::function{name_of(j.at("name")), std::move(arguments), j.at("returns").get<std::string>(),
                                 languages(j.at("language"), "language"), volatilities(j.at("volatility"), "volatility"),
                                 j.at("body").get<std::string>(), j.at("security_definer").get<bool>(),
                                 j.at("search_path").get<std::string>(), ids_of_json(j.at("reads"))};
        }
        case k::trigger: {
            std::vector<cat::trigger_event> list;
            for (const json& e : j.at("events")) list.push_back(events(e, "trigger event"));
            return cat::trigger{j.at("name").get<std::string>(), id_of_json(j.at("on")),
                                timings(j.at("timing"), "trigger timing"), std::move(list), id_of_json(j.at("function")),
                                j.at("when").get<std::string>(), j.at("for_each_statement").get<bool>(),
                                j.value("deferred", false)};
        }
        case k::comment: return cat::comment{id_of_json(j.at("on")), j.at("text").get<std::string>()};
        case k::grant: {
            std::vector<cat::privilege> list;
            for (const json& p : j.at("privileges")) list.push_back(privileges(p, "privilege"));
            return cat::grant{id_of_json(j.at("on")), std::move(list), j.at("role").get<std::string>()};
        }
    }
    throw std::invalid_argument("pgcraft: snapshot: an object of no known kind");
}
}  // namespace

std::string write_snapshot(const pgcraft::catalog::catalog& c) {
    // One object per line, each with sorted keys: a change to one object is a
    // change to one line, and no document of the whole catalog is built.
    std::string text = "{\n  \"format\": \"pgcraft-catalog\",\n  \"objects\": [";
    const char* separator = "\n    ";
    for (const auto& [id, o] : c.objects()) {
        // The identity follows from the object: only its kind is written.
        json entry = json::object();
        entry["kind"] = kinds(id.kind);
        entry["object"] = std::visit(writer{}, o);
        text += separator;
        text += entry.dump();
        separator = ",\n    ";
    }
    text += fmt::format("\n  ],\n  \"version\": {}\n}}\n", snapshot_format_version);
    return text;
}

pgcraft::catalog::catalog read_snapshot(std::string_view text) {
    const json snapshot = json::parse(text, nullptr, false);
    if (snapshot.is_discarded()) throw std::invalid_argument("pgcraft: snapshot: not JSON");
    if (!snapshot.is_object() || snapshot.value("format", "") != "pgcraft-catalog")
        throw std::invalid_argument("pgcraft: snapshot: not a pgcraft catalog snapshot");
    if (snapshot.value("version", 0) != snapshot_format_version)
        throw std::invalid_argument(fmt::format("pgcraft: snapshot: format version {}, this pgcraft reads version {}",
                                                snapshot.value("version", 0), snapshot_format_version));
    pgcraft::catalog::catalog result;
    try {
        for (const json& entry : snapshot.at("objects")) {
            cat::object o = read_object(kinds(entry.at("kind"), "kind of object"), entry.at("object"));
            if (result.find(cat::id_of(o)))
                throw std::invalid_argument(
                    fmt::format("pgcraft: snapshot: {} is there twice", cat::describe(cat::id_of(o))));
            result.add(std::move(o));
        }
    } catch (const json::exception& e) {
        throw std::invalid_argument(fmt::format("pgcraft: snapshot: a malformed object ({})", e.what()));
    }
    return result;
}

}  // namespace pgcraft::generator
