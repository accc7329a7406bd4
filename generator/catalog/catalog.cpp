// The catalog's identities, dependencies and order.
#include <pgcraft/catalog/catalog.hpp>

#include <algorithm>
#include <set>
#include <stdexcept>

#include <fmt/format.h>

#include <pgcraft/detail/markers.hpp>

namespace pgcraft::catalog {

namespace {
constexpr const char* kind_names[] = {"extension", "role",    "schema",  "enum type", "table",
                                      "column",    "constraint", "index", "view",      "function",
                                      "trigger",   "comment", "grant"};

bool is_part(object_kind kind) {
    return kind == object_kind::column || kind == object_kind::constraint || kind == object_kind::trigger;
}
}  // namespace

std::string describe(const object_id& id) {
    const std::string kind = kind_names[static_cast<int>(id.kind)];
    switch (id.kind) {
        case object_kind::role:
        case object_kind::schema:
        case object_kind::extension: return fmt::format("{} {}", kind, id.name);
        case object_kind::comment: return fmt::format("comment on {}", id.on() ? describe(*id.on()) : "nothing");
        case object_kind::grant:
            return fmt::format("grant on {} to {}", id.on() ? describe(*id.on()) : "nothing", id.name);
        case object_kind::function:
            return fmt::format("{} {}.{}({})", kind, id.schema, id.name, fmt::join(id.argument_types, ", "));
        default:
            if (is_part(id.kind)) return fmt::format("{} {}.{}.{}", kind, id.schema, id.parent, id.name);
            return fmt::format("{} {}.{}", kind, id.schema, id.name);
    }
}

expression expression::marked(std::string_view text) {
    expression result;
    std::size_t copied = 0;
    pgcraft::detail::for_each_marker(text, [&](pgcraft::detail::marker m) {
        result.pieces.emplace_back(text.substr(copied, m.begin - copied));
        result.columns_read.emplace_back(m.name(text));
        copied = m.end;
    });
    result.pieces.emplace_back(text.substr(copied));
    if (result.columns_read.empty() && result.pieces.front().empty()) return {};
    return result;
}

std::vector<std::string> expression::columns() const {
    std::vector<std::string> result;
    for (const std::string& c : columns_read)
        if (std::find(result.begin(), result.end(), c) == result.end()) result.push_back(c);
    return result;
}

std::string expression::marked_text() const {
    std::string text;
    for (std::size_t i = 0; i < pieces.size(); ++i) {
        text += pieces[i];
        if (i < columns_read.size()) text += "<" + columns_read[i] + ">";
    }
    return text;
}

std::vector<object_id> extension::dependencies() const {
    if (schema.empty()) return {};
    return {id::schema(schema)};
}

std::vector<object_id> column::dependencies() const {
    std::vector<object_id> result{id::table(table)};
    if (!user_type.name.empty()) result.push_back(id::enum_type(user_type));
    for (const expression* e : {&default_value, &generated})
        for (const std::string& c : e->columns()) result.push_back(id::column(table, c));
    return result;
}

std::vector<object_id> constraint::dependencies() const {
    std::vector<object_id> result{id::table(table)};
    for (const std::string& c : columns) result.push_back(id::column(table, c));
    if (references) {
        result.push_back(id::table(references->table));
        for (const std::string& c : references->columns) result.push_back(id::column(references->table, c));
    }
    return result;
}

std::vector<object_id> index::dependencies() const {
    std::vector<object_id> result{id::table(table)};
    auto add = [&](const std::string& c) { result.push_back(id::column(table, c)); };
    for (const expression& k : keys)
        for (const std::string& c : k.columns()) add(c);
    for (const std::string& c : include) add(c);
    for (const std::string& c : where.columns()) add(c);
    return result;
}

std::vector<object_id> view::dependencies() const {
    std::vector<object_id> result{id::schema(name.schema)};
    result.insert(result.end(), reads.begin(), reads.end());
    return result;
}

std::vector<std::string> function::argument_types() const {
    std::vector<std::string> types;
    for (const argument& a : arguments) types.push_back(a.type);
    return types;
}

std::vector<object_id> function::dependencies() const {
    std::vector<object_id> result{id::schema(name.schema)};
    result.insert(result.end(), reads.begin(), reads.end());
    return result;
}

object_id id_of(const object& o) {
    return std::visit([](const auto& x) { return x.id(); }, o);
}

std::vector<object_id> dependencies_of(const object& o) {
    return std::visit([](const auto& x) { return x.dependencies(); }, o);
}

namespace {
// The name an object takes in its schema's namespace of relations, if any.
const qualified_name* relation_name(const object& o, qualified_name& storage) {
    if (const auto* t = std::get_if<table>(&o)) return &t->name;
    if (const auto* v = std::get_if<view>(&o)) return &v->name;
    if (const auto* ix = std::get_if<index>(&o)) return &ix->name;
    if (const auto* c = std::get_if<constraint>(&o);
        c && (c->kind == constraint_kind::primary_key || c->kind == constraint_kind::unique)) {
        storage = {c->table.schema, c->name};
        return &storage;
    }
    return nullptr;
}
}  // namespace

void catalog::add(object o) {
    object_id id = id_of(o);
    if (objects_.contains(id)) throw std::invalid_argument("pgcraft: the catalog already has " + describe(id));
    const auto it = objects_.emplace(id, std::move(o)).first;
    qualified_name storage;
    if (const qualified_name* name = relation_name(it->second, storage)) ++relation_names_[*name];
    added_.push_back(std::move(id));
    index_added(it->second);
}

void catalog::index_added(const object& o) {
    added_objects_.push_back(&o);
    if (const auto* c = std::get_if<constraint>(&o)) constraints_by_table_[c->table].push_back(c);
}

catalog::catalog(const catalog& other)
    : objects_(other.objects_), added_(other.added_), relation_names_(other.relation_names_) {
    added_objects_.reserve(added_.size());
    for (const object_id& id : added_) index_added(objects_.at(id));
}

catalog& catalog::operator=(const catalog& other) {
    if (this != &other) *this = catalog(other);
    return *this;
}

void catalog::add_once(object o) {
    if (const object* existing = find(id_of(o)); existing && *existing == o) return;
    add(std::move(o));
}

void catalog::add(table_definition t) {
    add(table{t.name, t.declared_by});
    if (!t.comment.empty()) add(comment{id::table(t.name), t.comment});
    int position = 0;
    for (std::size_t i = 0; i < t.columns.size(); ++i) {
        column c = std::move(t.columns[i]);
        c.table = t.name;
        c.position = ++position;
        const object_id column_id = c.id();
        add(std::move(c));
        if (i < t.column_comments.size() && !t.column_comments[i].empty())
            add(comment{column_id, std::move(t.column_comments[i])});
    }
    for (constraint& c : t.constraints) {
        c.table = t.name;
        add(std::move(c));
    }
}

const object* catalog::find(const object_id& id) const {
    const auto it = objects_.find(id);
    return it == objects_.end() ? nullptr : &it->second;
}

std::vector<const column*> catalog::columns_of(const qualified_name& table) const {
    std::vector<const column*> result;
    // Columns sort by (kind, schema, table, name) in the map: one range.
    const object_id first = id::column(table, {});
    for (auto it = objects_.lower_bound(first); it != objects_.end(); ++it) {
        const object_id& id = it->first;
        if (id.kind != object_kind::column || id.schema != table.schema || id.parent != table.name) break;
        result.push_back(&std::get<column>(it->second));
    }
    std::sort(result.begin(), result.end(), [](const column* a, const column* b) { return a->position < b->position; });
    return result;
}

std::vector<const constraint*> catalog::constraints_of(const qualified_name& table) const {
    const auto it = constraints_by_table_.find(table);
    return it == constraints_by_table_.end() ? std::vector<const constraint*>{} : it->second;
}

bool catalog::carried(const object_id& id) const {
    switch (id.kind) {
        case object_kind::column:
        case object_kind::constraint: return objects_.contains(id::table(id.relation()));
        case object_kind::comment: {
            const object_id* on = id.on();
            if (!on) return false;
            switch (on->kind) {
                case object_kind::column: return objects_.contains(id::table(on->relation()));
                case object_kind::schema:
                case object_kind::enum_type:
                case object_kind::table:
                case object_kind::index:
                case object_kind::view:
                case object_kind::function: return objects_.contains(*on);
                default: return false;
            }
        }
        default: return false;
    }
}

std::vector<const object*> catalog::in_dependency_order() const {
    // Nodes: every statement of its own, and every foreign key (active only
    // once deferred, unless its table is not in the catalog), in the order added.
    std::vector<const object*> nodes;
    std::map<object_id, std::size_t> node_of;
    for (const object_id& id : added_) {
        const object& o = objects_.at(id);
        const auto* c = std::get_if<constraint>(&o);
        const bool foreign_key = c && c->kind == constraint_kind::foreign_key;
        if (!foreign_key && carried(id)) continue;
        node_of.emplace(id, nodes.size());
        nodes.push_back(&o);
    }
    const std::size_t n = nodes.size();
    // The statement that creates an object: a part is created by its table's,
    // unless it is a statement of its own.
    auto statement_of = [&](const object_id& id) -> std::size_t {
        if (const auto it = node_of.find(id); it != node_of.end()) return it->second;
        if (id.kind == object_kind::column || id.kind == object_kind::constraint) {
            const auto it = node_of.find(id::table(id.relation()));
            return it == node_of.end() ? n : it->second;
        }
        return n;  // outside the catalog: taken as existing
    };

    std::vector<bool> active(n, true);
    std::vector<std::set<std::size_t>> hard(n), soft(n);
    std::vector<std::vector<std::pair<std::size_t, std::size_t>>> soft_keys(n);  // (target, key node)
    for (std::size_t i = 0; i < n; ++i) {
        const object& o = *nodes[i];
        const auto* c = std::get_if<constraint>(&o);
        if (c && carried(c->id())) {
            // A foreign key its table's statement would carry.
            active[i] = false;
            for (const object_id& d : c->dependencies())
                if (std::size_t s = statement_of(d); s < n) hard[i].insert(s);
            const std::size_t own = statement_of(id::table(c->table));
            const std::size_t target = statement_of(id::table(c->references->table));
            if (own < n && target < n && own != target) {
                soft[own].insert(target);
                soft_keys[own].emplace_back(target, i);
            }
            continue;
        }
        for (const object_id& d : dependencies_of(o))
            if (std::size_t s = statement_of(d); s < n && s != i) hard[i].insert(s);
        if (const auto* t = std::get_if<table>(&o))
            for (const column* c : columns_of(t->name))
                for (const object_id& d : c->dependencies())
                    if (std::size_t s = statement_of(d); s < n && s != i) hard[i].insert(s);
    }
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t s : hard[i]) soft[i].erase(s);

    std::vector<bool> done(n, false);
    std::vector<const object*> order;
    auto waiting = [&](const std::set<std::size_t>& on) {
        return std::any_of(on.begin(), on.end(), [&](std::size_t s) { return !done[s]; });
    };
    std::size_t remaining = std::count(active.begin(), active.end(), true);
    while (remaining > 0) {
        std::size_t next = n;
        for (std::size_t i = 0; i < n && next == n; ++i)
            if (active[i] && !done[i] && !waiting(hard[i]) && !waiting(soft[i])) next = i;
        if (next == n) {
            // Tables that reference each other: take the earliest table that
            // waits only on foreign keys, which are then added after it.
            for (std::size_t i = 0; i < n && next == n; ++i)
                if (active[i] && !done[i] && !waiting(hard[i]) && std::holds_alternative<table>(*nodes[i])) next = i;
            if (next == n) {
                std::vector<std::string> cycle;
                for (std::size_t i = 0; i < n; ++i)
                    if (active[i] && !done[i]) cycle.push_back(describe(id_of(*nodes[i])));
                throw std::logic_error(
                    fmt::format("pgcraft: these objects depend on each other in a cycle: {}", fmt::join(cycle, ", ")));
            }
            for (const auto& [target, key] : soft_keys[next])
                if (!done[target]) {
                    active[key] = true;
                    ++remaining;
                }
        }
        done[next] = true;
        --remaining;
        order.push_back(nodes[next]);
    }
    return order;
}

}  // namespace pgcraft::catalog
