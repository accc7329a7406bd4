// Drift: the declared catalog built in a scratch database and read back,
// compared object by object with the live one.
#include <pgcraft/live/drift.hpp>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <future>
#include <sstream>
#include <map>
#include <memory>
#include <random>
#include <type_traits>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <pgcraft/generator/snapshot.hpp>
#include <pgcraft/migrate/files.hpp>
#include <pgcraft/sql/quote.hpp>
#include <pgcraft/sql/render.hpp>
#include <pgcraft/sql/session.hpp>

namespace pgcraft::live {

using namespace pgcraft::catalog;
namespace fs = std::filesystem;

namespace {
std::string shown(const std::string& text) { return text.empty() ? "none" : "'" + text + "'"; }
std::string shown(const expression& e) { return shown(sql::render(e)); }
std::string shown(bool b) { return b ? "yes" : "no"; }
std::string shown(const std::vector<std::string>& items) { return fmt::format("({})", fmt::join(items, ", ")); }
std::string shown(const qualified_name& q) { return q.name.empty() ? "none" : q.schema + "." + q.name; }

template <class T>
void property(std::vector<std::string>& out, const char* name, const T& expected, const T& live) {
    if (!(expected == live)) out.push_back(fmt::format("{}: {} declared, {} in the database", name, shown(expected), shown(live)));
}

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> lines;
    std::size_t at = 0;
    while (at <= text.size()) {
        const std::size_t end = std::min(text.find('\n', at), text.size());
        lines.push_back(text.substr(at, end - at));
        at = end + 1;
    }
    return lines;
}

// A text of several lines (a view's query, a function's body): the first line that differs.
void long_property(std::vector<std::string>& out, const char* name, const std::string& expected, const std::string& live) {
    if (expected == live) return;
    const std::vector<std::string> a = lines_of(expected), b = lines_of(live);
    if (a.size() == 1 && b.size() == 1) return property(out, name, expected, live);
    std::size_t i = 0;
    while (i < a.size() && i < b.size() && a[i] == b[i]) ++i;
    out.push_back(fmt::format("{} differs from line {}: {} declared, {} in the database", name, i + 1,
                              i < a.size() ? "'" + a[i] + "'" : "the end", i < b.size() ? "'" + b[i] + "'" : "the end"));
}

// A definition the introspection marks with a state (" (DISABLED)", " (INVALID)"): the state, or the text.
void marked_property(std::vector<std::string>& out, const char* state, std::string_view mark, const std::string& expected,
                     const std::string& live) {
    auto unmarked = [&](const std::string& text) { return text.ends_with(mark) ? text.substr(0, text.size() - mark.size()) : text; };
    if (expected != live && unmarked(expected) == unmarked(live))
        return property(out, state, !expected.ends_with(mark), !live.ends_with(mark));
    property(out, "definition", expected, live);
}

std::vector<std::string> privilege_names(const std::vector<privilege>& privileges) {
    std::vector<std::string> names;
    for (privilege p : privileges) names.emplace_back(sql::keyword(p));
    return names;
}

struct properties_of {
    std::vector<std::string>& out;

    void operator()(const extension& e, const extension& l) const { property(out, "schema", e.schema, l.schema); }
    void operator()(const role& e, const role& l) const {
        property(out, "login", e.login, l.login);
        property(out, "inherit", e.inherit, l.inherit);
        property(out, "member of", e.member_of, l.member_of);
    }
    void operator()(const schema&, const schema&) const {}
    void operator()(const enum_type& e, const enum_type& l) const { property(out, "labels", e.labels, l.labels); }
    void operator()(const table&, const table&) const {}
    void operator()(const column& e, const column& l) const {
        property(out, "type", e.type, l.type);
        property(out, "type", e.user_type, l.user_type);
        property(out, "nullable", e.nullable, l.nullable);
        property(out, "identity", e.identity, l.identity);
        property(out, "default", e.default_value, l.default_value);
        property(out, "generated", e.generated, l.generated);
    }
    void operator()(const constraint& e, const constraint& l) const {
        property(out, "definition", e.check, l.check);
        property(out, "columns", e.columns, l.columns);
    }
    void operator()(const index& e, const index& l) const {
        auto text = [](const index& ix) { return ix.keys.empty() ? std::string() : sql::render(ix.keys[0]); };
        marked_property(out, "valid", " (INVALID)", text(e), text(l));
    }
    void operator()(const view& e, const view& l) const {
        property(out, "columns", e.columns, l.columns);
        property(out, "column types", e.column_types, l.column_types);
        long_property(out, "query", e.query, l.query);
        if (!(e.defaults == l.defaults)) out.push_back("column defaults");
    }
    void operator()(const function& e, const function& l) const {
        std::vector<std::string> a, b;
        for (const argument& x : e.arguments) a.push_back(x.name + " " + x.type);
        for (const argument& x : l.arguments) b.push_back(x.name + " " + x.type);
        property(out, "arguments", a, b);
        property(out, "returns", e.returns, l.returns);
        property(out, "language", std::string(sql::keyword(e.language)), std::string(sql::keyword(l.language)));
        property(out, "volatility", std::string(sql::keyword(e.volatility)), std::string(sql::keyword(l.volatility)));
        long_property(out, "body", e.body, l.body);
        property(out, "security definer", e.security_definer, l.security_definer);
        property(out, "search_path", e.search_path, l.search_path);
    }
    void operator()(const trigger& e, const trigger& l) const {
        marked_property(out, "enabled", " (DISABLED)", e.when, l.when);
    }
    void operator()(const comment& e, const comment& l) const { property(out, "text", e.text, l.text); }
    void operator()(const grant& e, const grant& l) const {
        property(out, "privileges", privilege_names(e.privileges), privilege_names(l.privileges));
    }
    template <class A, class B>
    void operator()(const A&, const B&) const {
        out.push_back("kind");
    }
};

// A name for a scratch database no one else uses.
std::string scratch_name() {
    std::random_device device;
    std::mt19937_64 bits(device() ^ static_cast<std::uint64_t>(std::chrono::steady_clock::now().time_since_epoch().count()));
    return fmt::format("pgcraft_scratch_{:016x}", bits());
}

// The server's identities of the declared functions (argument types as
// format_type spells them) to the declared ones: by name and arity.
std::map<object_id, object_id> function_identities(const pgcraft::catalog::catalog& server_form,
                                                   const pgcraft::catalog::catalog& declared) {
    std::map<object_id, object_id> result;
    for (const function* d : declared.all<function>()) {
        if (server_form.find(d->id())) continue;
        for (const function* s : server_form.all<function>())
            if (s->name == d->name && s->arguments.size() == d->arguments.size()) result.emplace(s->id(), d->id());
    }
    return result;
}

// What render_scratch_ddl leaves to the declarations, put back as the plain
// build would read: identity, comments (on the server's function
// identities), the keys it did not build, and an index on a table made
// without storage read "ON ONLY".
pgcraft::catalog::catalog as_built_plainly(const pgcraft::catalog::catalog& read, const pgcraft::catalog::catalog& declared) {
    std::map<object_id, object_id> to_server;
    for (const auto& [server, own] : function_identities(read, declared)) to_server.emplace(own, server);
    pgcraft::catalog::catalog result;
    for (const object_id& id : read.added()) {
        object o = *read.find(id);
        if (auto* c = std::get_if<column>(&o))
            if (const column* d = declared.find_as<column>(id)) c->identity = d->identity;
        if (auto* ix = std::get_if<index>(&o); ix && ix->keys.size() == 1) {
            std::string text = ix->keys[0].pieces.empty() ? std::string() : ix->keys[0].pieces[0];
            const std::string only = " ON ONLY " + sql::quote_qualified(ix->table) + " ";
            if (const std::size_t at = text.find(only); at != std::string::npos) {
                text.replace(at, only.size(), " ON " + sql::quote_qualified(ix->table) + " ");
                ix->keys[0] = expression::plain(std::move(text));
            }
        }
        result.add(std::move(o));
    }
    for (const constraint* k : declared.all<constraint>())
        if ((k->kind == constraint_kind::primary_key || k->kind == constraint_kind::unique) && !result.find(k->id())) {
            constraint as_read = *k;
            as_read.check = expression::plain(sql::render_key_definition(*k));
            result.add(std::move(as_read));
        }
    for (const comment* c : declared.all<comment>()) {
        comment on_server = *c;
        if (const auto f = to_server.find(c->on); f != to_server.end()) on_server.on = f->second;
        result.add(std::move(on_server));
    }
    return result;
}

// `ddl` (render_scratch_ddl of `declared`) built in a transaction that is rolled back, and read.
pgcraft::catalog::catalog build_and_read(connection& scratch, const std::string& ddl,
                                         const pgcraft::catalog::catalog& declared) {
    scratch.exec(sql::session::begin());
    try {
        // Bodies are stored as written whether checked or not; checking them is most of the build's time.
        scratch.exec(sql::session::skip_function_body_checks());
        // The DDL runs as it does on the live database, with the session's own search_path (the
        // connection's is empty): an extension declared without a schema is created in its first
        // schema, and a type named unqualified (citext) is found. It is read back with the empty
        // one, as the live database is.
        scratch.exec(sql::session::default_search_path());
        scratch.exec(ddl);
        scratch.exec(sql::session::empty_search_path());
        pgcraft::catalog::catalog read = introspect(scratch, scope_of(declared));
        scratch.exec(sql::session::rollback());
        return as_built_plainly(read, declared);
    } catch (...) {
        try {
            scratch.exec(sql::session::rollback());
        } catch (const error&) {
        }
        throw;
    }
}
}  // namespace

std::string describe(const difference& d) {
    switch (d.what) {
        case difference::kind::missing: return "missing: " + pgcraft::catalog::describe(d.id);
        case difference::kind::extra: return "extra: " + pgcraft::catalog::describe(d.id);
        case difference::kind::different: break;
    }
    return fmt::format("different: {} ({})", pgcraft::catalog::describe(d.id), fmt::join(d.properties, "; "));
}

std::string drift_json(const std::vector<difference>& differences) {
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (const difference& d : differences) {
        const char* what = d.what == difference::kind::missing ? "missing"
                           : d.what == difference::kind::extra ? "extra"
                                                               : "different";
        list.push_back({{"what", what}, {"object", pgcraft::catalog::describe(d.id)}, {"properties", d.properties}});
    }
    return list.dump(2);
}

std::vector<difference> compare(const pgcraft::catalog::catalog& live, const pgcraft::catalog::catalog& expected) {
    std::vector<difference> result;
    for (const auto& [id, e] : expected.objects()) {
        const object* l = live.find(id);
        if (!l) {
            result.push_back({difference::kind::missing, id, {}});
            continue;
        }
        std::vector<std::string> properties;
        std::visit(properties_of{properties}, e, *l);
        if (!properties.empty()) result.push_back({difference::kind::different, id, std::move(properties)});
    }
    for (const auto& [id, l] : live.objects())
        if (!expected.find(id)) result.push_back({difference::kind::extra, id, {}});
    return result;
}

namespace {
// Where the server's form of a schema is kept between runs: building it is
// most of a check's time, and it depends only on what is built (`ddl`),
// what is put back from the declarations (identities, comments) and the server.
std::optional<fs::path> cache_file(connection& db, const std::string& ddl, const pgcraft::catalog::catalog& declared) {
    const char* xdg = std::getenv("XDG_CACHE_HOME");
    const char* home = std::getenv("HOME");
    if ((!xdg || !*xdg) && (!home || !*home)) return std::nullopt;
    const fs::path dir = xdg && *xdg ? fs::path(xdg) / "pgcraft" : fs::path(home) / ".cache" / "pgcraft";
    const std::string server = db.query(sql::session::server_version())[0][0].value_or("");
    // The reading's own version: what introspection reads, or how, changes it.
    std::string key = "pgcraft introspection 3\n" + server + "\n" + ddl;
    for (const column* c : declared.all<column>())
        if (c->identity) key += "\nidentity " + pgcraft::catalog::describe(c->id());
    for (const comment* c : declared.all<comment>())
        key += "\n" + pgcraft::catalog::describe(c->id()) + " " + sql::quote_literal(c->text);
    return dir / ("server-form-" + migrate::sha256_hex(key) + ".json");
}

std::optional<pgcraft::catalog::catalog> cached(const std::optional<fs::path>& file) {
    if (!file) return std::nullopt;
    std::ifstream in(*file, std::ios::binary);
    if (!in) return std::nullopt;
    std::ostringstream text;
    text << in.rdbuf();
    try {
        return generator::read_snapshot(text.str());
    } catch (const std::exception&) {
        return std::nullopt;  // a damaged cache is built again
    }
}

void keep(const std::optional<fs::path>& file, const pgcraft::catalog::catalog& form) {
    if (!file) return;
    std::error_code error;
    fs::create_directories(file->parent_path(), error);
    try {
        migrate::write_all_or_none({{*file, generator::write_snapshot(form)}});
    } catch (const std::exception&) {
        // Not kept: the next check builds it again.
    }
}

pgcraft::catalog::catalog build_scratch(connection& db, const std::string& conninfo, const std::string& ddl,
                                        const pgcraft::catalog::catalog& declared,
                                        const std::optional<std::string>& scratch_conninfo) {
    if (scratch_conninfo) {
        connection scratch(*scratch_conninfo);
        return build_and_read(scratch, ddl, declared);
    }
    const std::string name = scratch_name();
    db.exec(sql::session::render_create_database(name));
    pgcraft::catalog::catalog read;
    try {
        connection scratch(conninfo, name);
        read = build_and_read(scratch, ddl, declared);
    } catch (...) {
        try {
            db.exec(sql::session::render_drop_database(name));
        } catch (const error&) {
        }
        throw;
    }
    db.exec(sql::session::render_drop_database(name));
    return read;
}

// as_the_server_keeps_it, with what it keeps for the next run written
// while the caller goes on (`kept` is ready once it is written).
pgcraft::catalog::catalog server_form(connection& db, const std::string& conninfo, const pgcraft::catalog::catalog& declared,
                                      const std::optional<std::string>& scratch_conninfo, std::future<void>& kept) {
    const std::string ddl = sql::render_scratch_ddl(declared);
    const std::optional<fs::path> file = cache_file(db, ddl, declared);
    if (std::optional<pgcraft::catalog::catalog> form = cached(file)) return std::move(*form);
    auto form = std::make_shared<const pgcraft::catalog::catalog>(build_scratch(db, conninfo, ddl, declared, scratch_conninfo));
    kept = std::async(std::launch::async, [file, form] { keep(file, *form); });
    return *form;
}
}  // namespace

pgcraft::catalog::catalog as_the_server_keeps_it(connection& db, const std::string& conninfo,
                                                 const pgcraft::catalog::catalog& declared,
                                                 const std::optional<std::string>& scratch_conninfo) {
    std::future<void> kept;
    return server_form(db, conninfo, declared, scratch_conninfo, kept);
}

namespace {
struct translator {
    const std::map<object_id, object_id>& functions;

    object_id operator()(const object_id& id) const {
        if (const auto it = functions.find(id); it != functions.end()) return it->second;
        object_id result = id;
        if (id.target) result.target = std::make_shared<const object_id>((*this)(*id.target));
        return result;
    }
};
}  // namespace

pgcraft::catalog::catalog in_declared_terms(const pgcraft::catalog::catalog& live, const pgcraft::catalog::catalog& server_form,
                                   const pgcraft::catalog::catalog& declared) {
    const std::map<object_id, object_id> functions = function_identities(server_form, declared);
    const translator translate{functions};
    pgcraft::catalog::catalog result;
    for (const object_id& id : live.added()) {
        const object& l = *live.find(id);
        const object* s = server_form.find(id);
        const object* d = declared.find(translate(id));
        if (s && d) {
            std::vector<std::string> differs;
            std::visit(properties_of{differs}, *s, l);
            if (differs.empty()) {
                result.add(*d);
                continue;
            }
            // A column changes in place: each property the server keeps as declared is the declared one.
            if (const auto* lc = std::get_if<column>(&l)) {
                const column& sc = std::get<column>(*s);
                column merged = std::get<column>(*d);
                if (lc->type != sc.type || lc->user_type != sc.user_type) merged.type = lc->type, merged.user_type = lc->user_type;
                if (lc->nullable != sc.nullable) merged.nullable = lc->nullable;
                if (lc->identity != sc.identity) merged.identity = lc->identity;
                if (lc->default_value != sc.default_value) merged.default_value = lc->default_value;
                if (lc->generated != sc.generated) merged.generated = lc->generated;
                result.add(std::move(merged));
                continue;
            }
        }
        object o = l;
        // What a view or function reads is not in the database: the declared one's, so that what
        // PostgreSQL makes depend on it (a function returning a view's rows) is re-created with it.
        if (auto* f = std::get_if<function>(&o); f && d) {
            const function& declared_function = std::get<function>(*d);
            for (std::size_t i = 0; i < f->arguments.size(); ++i) f->arguments[i].type = declared_function.arguments[i].type;
            f->reads = declared_function.reads;
        }
        if (auto* v = std::get_if<view>(&o); v && d) v->reads = std::get<view>(*d).reads;
        if (auto* t = std::get_if<trigger>(&o)) t->function = translate(t->function);
        if (auto* c = std::get_if<comment>(&o)) c->on = translate(c->on);
        if (auto* g = std::get_if<grant>(&o)) g->on = translate(g->on);
        result.add(std::move(o));
    }
    return result;
}

std::vector<difference> drift(const std::string& conninfo, const pgcraft::catalog::catalog& declared,
                              const std::optional<std::string>& scratch_conninfo) {
    connection db(conninfo);
    // The live database is read on a connection of its own while the declarations are built beside it.
    std::future<pgcraft::catalog::catalog> live = std::async(std::launch::async, [&] {
        connection reader(conninfo);
        return introspect(reader, scope_of(declared));
    });
    pgcraft::catalog::catalog expected;
    // Roles belong to the cluster: the scratch database sees the live ones,
    // so they are compared with the declarations themselves.
    std::future<void> kept;
    const pgcraft::catalog::catalog built = server_form(db, conninfo, declared, scratch_conninfo, kept);
    for (const auto& [id, o] : built.objects())
        if (!std::holds_alternative<role>(o)) expected.add(o);
    for (const role* r : declared.all<role>()) expected.add(*r);
    return compare(live.get(), expected);
}

}  // namespace pgcraft::live
