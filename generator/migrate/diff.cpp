// The diff of two catalogs. It runs in phases, each in the order the
// catalog's dependency graph gives:
//   1. renames (declared), so that what follows names objects as `to` does;
//   2. the kinds' data steps for those renames;
//   3. drops, dependents first: what `to` no longer has, what changes by being
//      re-created, and what PostgreSQL would not let stay while something it
//      depends on changes (a view reading a column whose type changes);
//   4. changes in place: columns, enum labels, roles, backfills;
//   5. creations, dependencies first, with views and functions that only
//      grow written CREATE OR REPLACE;
//   6. what must follow the creations: NOT NULL on backfilled new columns,
//      defaults a replaced view no longer has.
#include <pgcraft/migrate/diff.hpp>

#include <algorithm>
#include <map>
#include <set>
#include <type_traits>
#include <utility>

#include <fmt/format.h>

#include <pgcraft/sql/quote.hpp>
#include <pgcraft/sql/render.hpp>
#include <pgcraft/sql/render_change.hpp>

#include <pgcraft/kinds/migrations.hpp>
#include <pgcraft/sql/naming.hpp>

#include "../sql/render_parts.hpp"

namespace pgcraft::migrate {

namespace {
using namespace pgcraft::catalog;
using catalog_t = pgcraft::catalog::catalog;

// Renames the objects of the previous catalog into the names of the next.
class renamer {
public:
    explicit renamer(const std::vector<rename>& renames) {
        for (const rename& r : renames) {
            ids_.emplace(r.from, r.to);
            if (r.from.kind == object_kind::table || r.from.kind == object_kind::view)
                relations_.emplace(r.from.qualified(), r.to.qualified());
            if (r.from.kind == object_kind::enum_type) types_.emplace(r.from.qualified(), r.to.qualified());
            if (r.from.kind == object_kind::column) columns_.emplace(std::pair{r.to.relation(), r.from.name}, r.to.name);
        }
    }

    qualified_name relation(const qualified_name& q) const {
        const auto it = relations_.find(q);
        return it == relations_.end() ? q : it->second;
    }
    // A column of `table` (already renamed) that had the name `old`.
    std::string column_name(const qualified_name& table, const std::string& old) const {
        const auto it = columns_.find({table, old});
        return it == columns_.end() ? old : it->second;
    }
    std::vector<std::string> column_names(const qualified_name& table, std::vector<std::string> names) const {
        for (std::string& n : names) n = column_name(table, n);
        return names;
    }
    expression of(const qualified_name& table, expression e) const {
        for (std::string& c : e.columns_read) c = column_name(table, c);
        return e;
    }

    object_id id(const object_id& old) const {
        if (const auto it = ids_.find(old); it != ids_.end()) return it->second;
        object_id result = old;
        if (!old.parent.empty()) {
            const qualified_name parent = relation(old.relation());
            result.parent = parent.name;
            if (old.kind == object_kind::column) result.name = column_name(parent, old.name);
        }
        if (old.target) result.target = std::make_shared<const object_id>(id(*old.target));
        return result;
    }

    object operator()(extension e) const { return e; }
    object operator()(role r) const { return r; }
    object operator()(schema s) const { return s; }
    object operator()(enum_type e) const {
        e.name = id(e.id()).qualified();
        return e;
    }
    object operator()(table t) const {
        t.name = relation(t.name);
        return t;
    }
    object operator()(column c) const {
        c.table = relation(c.table);
        c.name = column_name(c.table, c.name);
        c.default_value = of(c.table, std::move(c.default_value));
        c.generated = of(c.table, std::move(c.generated));
        if (const auto it = types_.find(c.user_type); it != types_.end()) c.user_type = it->second;
        return c;
    }
    object operator()(constraint c) const {
        c.name = id(c.id()).name;
        c.table = relation(c.table);
        c.columns = column_names(c.table, std::move(c.columns));
        c.check = of(c.table, std::move(c.check));
        if (c.references) {
            c.references->table = relation(c.references->table);
            c.references->columns = column_names(c.references->table, std::move(c.references->columns));
        }
        return c;
    }
    object operator()(index ix) const {
        ix.name = id(ix.id()).qualified();
        ix.table = relation(ix.table);
        for (expression& k : ix.keys) k = of(ix.table, std::move(k));
        ix.include = column_names(ix.table, std::move(ix.include));
        ix.where = of(ix.table, std::move(ix.where));
        return ix;
    }
    object operator()(view v) const {
        v.name = id(v.id()).qualified();
        for (object_id& r : v.reads) r = id(r);
        return v;
    }
    object operator()(function f) const {
        f.name = id(f.id()).qualified();
        for (object_id& r : f.reads) r = id(r);
        return f;
    }
    object operator()(trigger t) const {
        t.name = id(t.id()).name;
        t.on = id(t.on);
        t.function = id(t.function);
        return t;
    }
    object operator()(comment c) const {
        c.on = id(c.on);
        return c;
    }
    object operator()(grant g) const {
        g.on = id(g.on);
        return g;
    }

private:
    std::map<object_id, object_id> ids_;
    std::map<qualified_name, qualified_name> relations_;
    std::map<qualified_name, qualified_name> types_;
    std::map<std::pair<qualified_name, std::string>, std::string> columns_;
};

// Equal but for a column's position, which PostgreSQL cannot change: a column
// added later stands last in the table.
bool same(const object& a, const object& b) {
    const auto* x = std::get_if<column>(&a);
    const auto* y = std::get_if<column>(&b);
    if (!x || !y) return a == b;
    column moved = *x;
    moved.position = y->position;
    return moved == *y;
}

bool starts_with(const std::vector<std::string>& all, const std::vector<std::string>& prefix) {
    return all.size() >= prefix.size() && std::equal(prefix.begin(), prefix.end(), all.begin());
}

// Whether `to`'s labels are `from`'s with others inserted: ALTER TYPE … ADD VALUE.
bool only_adds_labels(const enum_type& from, const enum_type& to) {
    std::size_t i = 0;
    for (const std::string& l : to.labels)
        if (i < from.labels.size() && l == from.labels[i]) ++i;
    return i == from.labels.size();
}

std::vector<privilege> minus(const std::vector<privilege>& a, const std::vector<privilege>& b) {
    std::vector<privilege> result;
    for (privilege p : a)
        if (std::find(b.begin(), b.end(), p) == b.end()) result.push_back(p);
    return result;
}

bool generated_changes(const column& a, const column& b) { return a.generated != b.generated; }

std::vector<std::string_view> privilege_words(const std::vector<privilege>& privileges) {
    std::vector<std::string_view> words;
    for (privilege p : privileges) words.push_back(sql::keyword(p));
    return words;
}

class planner {
public:
    planner(const catalog_t& from, const catalog_t& to, const declared_changes& changes, const diff_options& options)
        : to_(to), changes_(changes), options_(options), previous_(rename_previous(from)) {}

    migration run() {
        classify();
        force_recreations();
        check_look_alike_renames();
        if (!refusals_.empty()) throw refusal(refusals_);
        emit_renames();
        const std::size_t data_steps_at = result_.statements.size();
        emit_role_memberships(false);  // while the roles it names are there
        emit_drops(false);
        emit_changes_in_place();
        emit_creations();
        emit_role_memberships(true);  // once the roles it names are
        if (!refusals_.empty()) throw refusal(refusals_);
        for (std::string& s : after_) add(std::move(s));
        emit_value_moves();
        emit_ledger_backfills();
        check_new_required_attributes();
        emit_drops(true);
        assemble_later_steps();
        flag_changes();
        gate();
        if (!refusals_.empty()) throw refusal(refusals_);
        // A kind's data steps follow its declared renames. They run while the
        // renamed objects change, and are idempotent, so that a declaration
        // still carrying an old rename writes no migration of its own.
        if (!result_.empty()) {
            std::vector<std::string> steps;
            for (const data_step& d : changes_.data_steps) {
                steps.push_back(d.up);
                result_.notes.push_back(d.reason);
            }
            result_.statements.insert(result_.statements.begin() + static_cast<std::ptrdiff_t>(data_steps_at),
                                      steps.begin(), steps.end());
        }
        return std::move(result_);
    }

private:
    const catalog_t& to_;
    const declared_changes& changes_;
    const diff_options& options_;
    catalog_t renamed_;  ///< `from` with the declared renames, when there are any
    std::vector<std::pair<object_id, object_id>> applied_renames_;

    std::set<object_id> dropped_;    ///< in previous_ only
    std::set<object_id> created_;    ///< in to_ only
    std::set<object_id> recreated_;  ///< dropped and created again
    std::set<object_id> replaced_;   ///< views and functions written CREATE OR REPLACE
    std::set<object_id> altered_;    ///< changed in place: columns, enum types, roles, comments, grants
    std::set<object_id> retyped_;    ///< columns whose type changes
    std::set<object_id> retyped_enums_;  ///< enum types whose labels go or move: replaced by a new type

    std::vector<std::string> refusals_;
    std::vector<std::string> after_;
    // Online: what follows the main transaction (see online_index, online_constraint).
    std::vector<std::string> builds_;         ///< each a step outside a transaction
    std::vector<std::string> online_drops_;   ///< each a step outside a transaction, after the builds
    std::vector<std::string> validations_;    ///< the closing transaction: validations and NOT NULL first,
    std::vector<std::string> attachments_;    ///< then unique constraints attached to their indexes,
    std::vector<std::string> finishing_;      ///< then replacements renamed and comments of built indexes
    std::set<std::string> dropped_dimensions_;
    migration result_;
    const catalog_t& previous_;  ///< `from`, renamed; last, as it is made from the members above

    void add(std::string statement) {
        if (!statement.empty()) result_.statements.push_back(std::move(statement));
    }

    // The previous catalog with its objects renamed as declared (or itself).
    const catalog_t& rename_previous(const catalog_t& from) {
        std::vector<rename> effective;
        for (const rename& r : changes_.renames) {
            if (r.from == r.to) continue;
            const bool had_old = from.find(r.from) != nullptr;
            const bool had_new = from.find(r.to) != nullptr;
            if (had_old && had_new)
                refusals_.push_back(fmt::format("{} is declared renamed from {}, but the previous version has both",
                                                describe(r.to), describe(r.from)));
            else if (had_old)
                effective.push_back(r);
            else if (!had_new && (r.from.kind == object_kind::table || r.from.kind == object_kind::column))
                result_.warnings.push_back(fmt::format("{} is declared renamed from {}, which the previous version does "
                                                       "not have: nothing to rename",
                                                       describe(r.to), describe(r.from)));
        }
        if (effective.empty()) return from;
        const renamer rename_to(effective);
        for (const object_id& id : from.added()) renamed_.add(std::visit(rename_to, *from.find(id)));
        for (const rename& r : effective) applied_renames_.emplace_back(r.from, r.to);
        return renamed_;
    }

    void classify() {
        for (const auto& [id, o] : previous_.objects()) {
            const object* next = to_.find(id);
            if (!next) {
                dropped_.insert(id);
                continue;
            }
            if (same(o, *next)) continue;
            std::visit([&](const auto& before) { changed(before, *next); }, o);
        }
        for (const auto& [id, o] : to_.objects())
            if (!previous_.find(id)) created_.insert(id);
    }

    template <class T>
    void changed(const T& before, const object& next) {
        const T& after = std::get<T>(next);
        const object_id id = before.id();
        if constexpr (std::is_same_v<T, column>) {
            if (generated_changes(before, after)) {
                recreated_.insert(id);  // PostgreSQL cannot change a generation in place; it holds no data of its own
            } else {
                altered_.insert(id);
                if (sql::detail::column_type(before) != sql::detail::column_type(after)) retyped_.insert(id);
            }
        } else if constexpr (std::is_same_v<T, view>) {
            // In place only when columns are appended and nothing it read is
            // read no more: a column read instead of another may change a
            // column's type, which CREATE OR REPLACE VIEW cannot.
            // Types known on both sides must stay for the columns it had.
            const bool types_stay = before.column_types.empty() || after.column_types.empty() ||
                                    starts_with(after.column_types, before.column_types);
            const bool grows = starts_with(after.columns, before.columns) && types_stay &&
                               std::all_of(before.reads.begin(), before.reads.end(), [&](const object_id& r) {
                                   return std::find(after.reads.begin(), after.reads.end(), r) != after.reads.end();
                               });
            (grows ? replaced_ : recreated_).insert(id);
        } else if constexpr (std::is_same_v<T, function>) {
            bool same_signature = before.returns == after.returns && before.arguments == after.arguments;
            (same_signature ? replaced_ : recreated_).insert(id);
        } else if constexpr (std::is_same_v<T, enum_type>) {
            altered_.insert(id);
            if (!only_adds_labels(before, after)) {
                // A new type replaces it: its columns change type, and what reads them is re-created.
                retyped_enums_.insert(id);
                for (const column* c : previous_.all<column>())
                    if (c->user_type == before.name && to_.find(c->id())) retyped_.insert(c->id());
            }
        } else if constexpr (std::is_same_v<T, role> || std::is_same_v<T, comment> || std::is_same_v<T, grant> ||
                             std::is_same_v<T, table>) {
            altered_.insert(id);
        } else {
            recreated_.insert(id);  // constraints, indexes, triggers, extensions: dropped and created again
        }
    }

    // What PostgreSQL drops with an object, or will not let stay while it
    // changes, is re-created from `to`; transitively.
    void force_recreations() {
        // What depends on each object (a comment or grant on its object), so
        // that only the dependents of what goes or changes type are looked at.
        std::map<object_id, std::vector<const object*>> dependents;
        for (const auto& [id, o] : previous_.objects()) {
            for (const object_id& d : dependencies_of(o)) dependents[d].push_back(&o);
            if (const object_id* on = id.on()) dependents[*on].push_back(&o);
        }
        std::vector<object_id> pending(dropped_.begin(), dropped_.end());
        pending.insert(pending.end(), recreated_.begin(), recreated_.end());
        pending.insert(pending.end(), retyped_.begin(), retyped_.end());
        while (!pending.empty()) {
            const object_id changed = std::move(pending.back());
            pending.pop_back();
            const auto it = dependents.find(changed);
            if (it == dependents.end()) continue;
            for (const object* o : it->second) {
                const object_id id = id_of(*o);
                if (goes(id) || !forced(*o)) continue;
                replaced_.erase(id);
                altered_.erase(id);
                recreated_.insert(id);
                pending.push_back(id);
            }
        }
    }

    bool goes(const object_id& id) const { return dropped_.contains(id) || recreated_.contains(id); }

    bool forced(const object& o) const {
        const object_id id = id_of(o);
        // A view or function that reads a column whose type changes.
        auto reads_retyped = [&](const std::vector<object_id>& reads) {
            return std::any_of(reads.begin(), reads.end(), [&](const object_id& r) { return retyped_.contains(r); });
        };
        if (const auto* v = std::get_if<view>(&o); v && reads_retyped(v->reads)) return true;
        // A role stays while a role granted to it goes: its memberships change in place.
        if (std::holds_alternative<role>(o)) return false;
        // Comments and grants go with their object; the rest with what they depend on.
        if (const object_id* on = id.on()) return goes(*on) && to_.find(id);
        // PostgreSQL tracks only the types a function's signature names; its
        // body is resolved when it runs, so it can stay while what it reads changes.
        if (const auto* f = std::get_if<function>(&o)) {
            std::string signature = f->returns;
            for (const argument& a : f->arguments) signature += " " + a.type;
            return to_.find(id) && std::any_of(f->reads.begin(), f->reads.end(), [&](const object_id& r) {
                       return goes(r) && signature.find(sql::quote_qualified(r.qualified())) != std::string::npos;
                   });
        }
        const std::vector<object_id> dependencies = dependencies_of(o);
        return to_.find(id) && std::any_of(dependencies.begin(), dependencies.end(),
                                           [&](const object_id& d) { return goes(d); });
    }

    // A column dropped and one of the same type added to the same table, or a
    // table dropped and one added with the same columns, look like renames:
    // data would be lost if they were.
    void check_look_alike_renames() {
        for (const object_id& d : dropped_) {
            const object* o = previous_.find(d);
            if (const auto* c = std::get_if<column>(o)) {
                if (!to_.find(id::table(c->table))) continue;
                const table* owner = previous_.find_as<table>(id::table(c->table));
                for (const object_id& a : created_) {
                    const auto* n = to_.find_as<column>(a);
                    if (n && n->table == c->table && sql::detail::column_type(*n) == sql::detail::column_type(*c))
                        flag("PG106",
                             fmt::format("{} is dropped and {} of the same type added: if it is a rename, declare "
                                         "pg::renamed_from<\"{}\"> on the new column, so its data is kept",
                                         describe(d), describe(a), c->name),
                             owner ? declared_drop(owner->declared_by, c->name) : nullptr);
                }
            } else if (const auto* t = std::get_if<table>(o)) {
                for (const object_id& a : created_) {
                    const auto* n = to_.find_as<table>(a);
                    if (n && n->name.schema == t->name.schema && same_columns(*t, *n))
                        flag("PG106",
                             fmt::format("{} is dropped and {} added with the same columns: if it is a rename, "
                                         "declare pg::renamed_from<\"{}\"> on its dimension, so its rows are kept",
                                         describe(d), describe(a), t->name.name),
                             declared_drop(t->declared_by, ""));
                }
            }
        }
    }

    bool same_columns(const table& old, const table& next) const {
        const std::vector<const column*> a = previous_.columns_of(old.name);
        const std::vector<const column*> b = to_.columns_of(next.name);
        if (a.empty() || a.size() != b.size()) return false;
        for (std::size_t i = 0; i < a.size(); ++i)
            if (a[i]->name != b[i]->name || sql::detail::column_type(*a[i]) != sql::detail::column_type(*b[i])) return false;
        return true;
    }

    void emit_renames() {
        // Relations, types and functions first; then their parts, on the relation as named by then.
        for (bool parts : {false, true})
            for (const auto& [from, to] : applied_renames_) {
                const bool part = from.kind == object_kind::column || from.kind == object_kind::constraint ||
                                  from.kind == object_kind::trigger;
                if (part == parts) add(sql::render_rename(from, to));
                // An identity column's sequence is named after its table and column.
                if (parts && from.kind == object_kind::column)
                    if (const auto* c = previous_.find_as<column>(to); c && c->identity)
                        add(sql::render_rename_identity_sequence(from.relation(), from.name, to.relation(), to.name));
            }
    }

    // A column of a table that stays is dropped last, once its values may
    // have moved to where `to` keeps them.
    bool dropped_late(const object_id& id) const {
        return id.kind == object_kind::column && dropped_.contains(id) && to_.find(id::table(id.relation()));
    }

    void emit_drops(bool late) {
        catalog_t drops;
        for (const object_id& id : previous_.added()) {
            if (!goes(id) || dropped_late(id) != late) continue;
            if (const auto* ix = previous_.find_as<index>(id); ix && replaced_beside(*ix)) continue;
            if (const auto* ix = previous_.find_as<index>(id); ix && dropped_.contains(id) && online_index(*ix)) {
                if (!late) {
                    online_drops_.push_back(sql::render_drop_index_concurrently(ix->name));
                    flag("PG601", fmt::format("drops {} concurrently, outside a transaction", describe(id)));
                }
                continue;
            }
            // A column's comment goes with it.
            if (const object_id* on = id.on(); on && dropped_late(*on)) continue;
            drops.add(*previous_.find(id));
        }
        // Privileges a grant no longer gives.
        if (!late)
            for (const object_id& id : altered_)
            if (const auto* g = previous_.find_as<grant>(id)) {
                grant revoked = *g;
                revoked.privileges = minus(g->privileges, to_.find_as<grant>(id)->privileges);
                if (!revoked.privileges.empty()) drops.add(std::move(revoked));
            }
        std::vector<const object*> order = drops.in_dependency_order();
        std::reverse(order.begin(), order.end());
        for (const object* o : order) {
            // A part of a table that is dropped goes with it.
            add(sql::render_drop(drops, *o));
            note_loss(*o);
        }
    }

    void note_loss(const object& o) {
        const object_id id = id_of(o);
        if (recreated_.contains(id)) return;
        if (const auto* t = std::get_if<table>(&o)) {
            if (t->declared_by.empty())
                flag("PG102", fmt::format("drops {} and its rows", describe(id)));
            else if (dropped_dimensions_.insert(t->declared_by).second)
                flag("PG105", fmt::format("drops dimension {} ({} and what it derives) and its rows", t->declared_by,
                                          describe(id)),
                     declared_drop(t->declared_by, ""));
        } else if (const auto* c = std::get_if<column>(&o); c && c->generated.empty() && to_.find(id::table(c->table))) {
            const table* t = previous_.find_as<table>(id::table(c->table));
            flag("PG103", fmt::format("drops {} and its values", describe(id)),
                 t ? declared_column_drop(*t, *c) : nullptr);
        } else if (std::holds_alternative<schema>(o)) {
            flag("PG101", fmt::format("drops {}", describe(id)));
        } else if (const auto* g = std::get_if<grant>(&o); g && !goes(g->on)) {
            flag("PG501", fmt::format("revokes {} on {} from {}", fmt::join(privilege_words(g->privileges), ", "),
                                      describe(g->on), g->role));
        }
    }

    // What the changes in place and the creations risk.
    void flag_changes() {
        for (const object_id& id : retyped_) {
            const column* before = previous_.find_as<column>(id);
            const column* after = to_.find_as<column>(id);
            if (!before || !after || !before->user_type.name.empty() || !after->user_type.name.empty()) continue;
            const std::string from = sql::detail::column_type(*before), to = sql::detail::column_type(*after);
            const type_change change = options_.down ? type_change::rewrites : classify_type_change(from, to);
            if (change == type_change::narrows)
                flag("PG201", fmt::format("changes {} from {} to {}, which holds less", describe(id), from, to));
            else if (change == type_change::rewrites)
                flag("PG202", fmt::format("changes {} from {} to {}, rewriting the table", describe(id), from, to));
        }
        for (const object_id& id : to_.added()) {
            if (!created_.contains(id) && !recreated_.contains(id)) continue;
            if (const auto* added = to_.find_as<column>(id); added && table_stays(added->table)) {
                const std::string value = sql::render(added->default_value);
                if (added->identity || !added->generated.empty() || may_be_volatile(value))
                    flag("PG203", fmt::format("adds {} {}, rewriting the table", describe(id),
                                              added->identity             ? std::string("as an identity")
                                              : !added->generated.empty() ? std::string("as a stored generated column")
                                                                          : "with the default " + value));
            }
            const auto* c = to_.find_as<constraint>(id);
            if (!c || !previous_.find(id::table(c->table))) continue;
            if (c->kind == constraint_kind::unique || c->kind == constraint_kind::primary_key)
                flag("PG301", fmt::format("adds {} to a table that may have rows", describe(id)));
            else
                flag("PG303", fmt::format("adds {} to a table that may have rows", describe(id)));
        }
        // A view or function re-created with what depends on it.
        for (const object_id& id : recreated_) {
            if (id.kind != object_kind::view && id.kind != object_kind::function) continue;
            std::vector<std::string> dependents;
            for (const object_id& other : recreated_) {
                const object* o = previous_.find(other);
                if (!o || other == id) continue;
                const std::vector<object_id> dependencies = dependencies_of(*o);
                const object_id* on = other.on();
                if ((on && *on == id) || std::find(dependencies.begin(), dependencies.end(), id) != dependencies.end())
                    dependents.push_back(describe(other));
            }
            if (!dependents.empty())
                flag("PG401", fmt::format("re-creates {} and what depends on it: {}", describe(id),
                                          fmt::join(dependents, ", ")));
        }
    }

    // `allowed`: the declaration that allows it, if one does.
    void flag(std::string code, std::string message, const allowed_drop* allowed = nullptr) {
        if (allowed) {
            used_drops_.insert(allowed);
            declared_hazards_.insert(result_.hazards.size());
        }
        result_.hazards.push_back({std::move(code), std::move(message)});
    }

    std::set<std::size_t> declared_hazards_;       ///< hazards a pg::allow_drop allows, by index
    std::set<const allowed_drop*> used_drops_;

    const allowed_drop* declared_drop(const std::string& dimension, const std::string& column) const {
        if (dimension.empty()) return nullptr;
        for (const allowed_drop& d : changes_.drops)
            if (d.dimension == dimension && d.column == column) return &d;
        return nullptr;
    }

    // What allows dropping column `c` of table `t` (both of the previous
    // catalog): its pg::allow_drop, or, for a column that holds a kind's
    // values (EAV's value columns), the allowances of every attribute it held.
    const allowed_drop* declared_column_drop(const table& t, const column& c) {
        if (const allowed_drop* d = declared_drop(t.declared_by, c.name)) return d;
        std::vector<const allowed_drop*> held;
        for (const value_home& h : kinds::eav_value_homes(previous_)) {
            if (h.table != c.table || h.column != c.name) continue;
            const allowed_drop* d = declared_drop(t.declared_by, h.key);
            if (!d) return nullptr;
            held.push_back(d);
        }
        used_drops_.insert(held.begin(), held.end());
        return held.empty() ? nullptr : held.front();
    }

    // On EAV an attribute is rows, not a column: dropping one drops no column
    // unless it was the last its value column held, and its rows stay. An
    // allowance of an attribute the previous version had is used all the same.
    void note_dropped_attributes() {
        const std::vector<value_home> after = kinds::eav_value_homes(to_);
        for (const value_home& h : kinds::eav_value_homes(previous_)) {
            const bool stays = std::any_of(after.begin(), after.end(), [&](const value_home& a) {
                return a.table == h.table && a.selector == h.selector && a.key == h.key;
            });
            const table* t = previous_.find_as<table>(id::table(h.table));
            if (const allowed_drop* d = t && !stays ? declared_drop(t->declared_by, h.key) : nullptr)
                used_drops_.insert(d);
        }
    }

    // A destructive hazard not allowed is refused, every one named.
    void gate() {
        note_dropped_attributes();
        for (const allowed_drop& d : changes_.drops)
            if (!options_.down && !used_drops_.contains(&d))
                result_.warnings.push_back(
                    d.column.empty()
                        ? fmt::format("dimension {} is declared dropped (pg::allow_drop), but the previous version does "
                                      "not have it: nothing to drop",
                                      d.dimension)
                        : fmt::format("column {} of dimension {} is declared dropped (pg::allow_drop), but the previous "
                                      "version does not have it: nothing to drop",
                                      d.column, d.dimension));
        if (options_.down) return;
        for (std::size_t i = 0; i < result_.hazards.size(); ++i) {
            const hazard& h = result_.hazards[i];
            const hazard_kind* kind = find_hazard(h.code);
            if (!kind || !kind->destructive || options_.allowed.contains(h.code)) continue;
            if (declared_hazards_.contains(i))
                result_.allowed_by_declaration.insert(h.code);
            else
                refusals_.push_back(fmt::format("{} {}: {} ({})", h.code, kind->name, h.message, kind->proceed));
        }
    }

    bool has_triggers(const qualified_name& table) const {
        for (const trigger* t : to_.all<trigger>())
            if (t->on == id::table(table)) return true;
        return false;
    }

    const expression* conversion_for(const object_id& column) const {
        if (options_.down) return nullptr;
        for (const conversion& c : changes_.conversions)
            if (c.column == column) return &c.using_expression;
        return nullptr;
    }

    const expression* backfill_for(const object_id& column) const {
        for (const backfill& b : changes_.backfills)
            if (b.column == column) return &b.value;
        return nullptr;
    }

    // An attribute that every entity must have, new on a dimension whose
    // entities exist: none of them has it (EAV takes no backfill).
    void check_new_required_attributes() {
        const std::vector<value_home> before = homes_before();
        for (const value_home& h : kinds::eav_value_homes(to_)) {
            if (!h.required || !previous_.find(id::table(h.table))) continue;
            const auto was = std::find_if(before.begin(), before.end(), [&](const value_home& b) {
                return b.table == h.table && b.selector == h.selector && b.key == h.key;
            });
            if (was == before.end())
                refusals_.push_back(fmt::format("attribute {} of {} is new and required, but the entities there have "
                                                "no value for it: make it optional (std::optional) for this "
                                                "migration, fill it through the view, then make it required",
                                                h.key, describe(id::table(h.table))));
            else if (!was->required)
                flag("PG302", fmt::format("makes attribute {} of {} required: an entity without a value fails its "
                                          "next write",
                                          h.key, describe(id::table(h.table))));
        }
    }

    // Where the previous catalog keeps each attribute's values, under the
    // names the kinds' data steps give them (a renamed attribute is the one it was).
    std::vector<value_home> homes_before() const {
        std::vector<value_home> before = kinds::eav_value_homes(previous_);
        for (value_home& b : before)
            for (const data_step& d : changes_.data_steps)
                if (d.table == b.table && !d.renamed_from.empty() && d.renamed_from == b.key) b.key = d.renamed_to;
        return before;
    }

    void emit_value_moves() {
        const std::vector<value_home> before = homes_before();
        for (const value_home& h : kinds::eav_value_homes(to_)) {
            for (const value_home& b : before) {
                if (b.table != h.table || b.selector != h.selector || b.key != h.key || b.column == h.column) continue;
                const column* target = to_.find_as<column>(id::column(h.table, h.column));
                add(sql::render_value_move(h.table, h.selector, h.key, b.column, *target, has_triggers(h.table)));
                result_.notes.push_back(fmt::format("moves the values of {} = '{}' of {} from {} to {}", h.selector,
                                                    h.key, describe(id::table(h.table)), b.column, h.column));
            }
        }
    }

    // A ledger that gains rules has entries already: they get their heads,
    // and their groups their balances, so that the rules start from the
    // ledger as it is. A ledger made in this migration has no entries.
    void emit_ledger_backfills() {
        for (const kinds::ledger_layout& l : kinds::ledger_layouts(to_)) {
            if (!previous_.find(id::table(l.legs))) continue;
            const bool new_heads = !previous_.find(id::table(l.heads));
            if (new_heads) {
                add(sql::render_ledger_heads_backfill(l.heads, l.legs, l.head_columns));
                result_.notes.push_back(fmt::format("writes a head for each entry of {} already there; they are not "
                                                    "checked again", describe(id::table(l.legs))));
            }
            std::vector<std::string> new_head_columns;
            for (const std::string& c : l.head_columns)
                if (!new_heads && !previous_.find(id::column(l.heads, c))) new_head_columns.push_back(c);
            if (!new_head_columns.empty()) {
                add(sql::render_ledger_heads_refill(l.heads, l.legs, new_head_columns));
                result_.notes.push_back(fmt::format("gives each head of {} its entry's {}", describe(id::table(l.legs)),
                                                    fmt::join(new_head_columns, ", ")));
            }
            if (!l.balances.name.empty() && !previous_.find(id::table(l.balances))) {
                add(sql::render_ledger_balances_backfill(l.balances, l.audit, l.groups));
                result_.notes.push_back(fmt::format("computes the balances of {} from the legs already there",
                                                    describe(id::table(l.legs))));
            }
        }
    }

    void emit_enum_rewrite(const enum_type& before, const enum_type& after) {
        enum_type old = before;
        old.name.name = sql::fit_identifier(before.name.name + std::string(sql::replaced_type_suffix));
        add(sql::render_rename(before.id(), old.id()));
        add(sql::render_create({}, after));
        for (const column* c : previous_.all<column>()) {
            if (c->user_type != before.name || !to_.find(c->id())) continue;
            column was = *c;
            was.user_type = old.name;
            const expression through_text = sql::cast_of(c->name, sql::quote_qualified(after.name), true);
            add(sql::render_alter_column(was, *to_.find_as<column>(c->id()), &through_text));
        }
        add(sql::render_drop({}, old));
        std::vector<std::string> gone;
        for (const std::string& l : before.labels)
            if (std::find(after.labels.begin(), after.labels.end(), l) == after.labels.end()) gone.push_back(l);
        const std::string message = fmt::format("replaces {} by a type with the labels {}", describe(after.id()),
                                                fmt::join(after.labels, ", "));
        if (gone.empty())
            result_.notes.push_back(message);
        else
            flag("PG104", fmt::format("{}: fails if a row holds {}", message, fmt::join(gone, " or ")));
    }

    // A role's memberships change in place: revoked before the drops, granted after the creations.
    void emit_role_memberships(bool granted) {
        for (const object_id& id : altered_)
            if (const auto* after = to_.find_as<role>(id)) {
                const role& before = *previous_.find_as<role>(id);
                add(granted ? sql::render_role_memberships(before, *after, true)
                               : sql::render_role_memberships(*after, before, false));
            }
    }

    void emit_changes_in_place() {
        for (const object_id& id : altered_) {
            if (retyped_enums_.contains(id)) {
                emit_enum_rewrite(*previous_.find_as<enum_type>(id), *to_.find_as<enum_type>(id));
            } else if (const auto* e = to_.find_as<enum_type>(id)) {
                const auto& before = previous_.find_as<enum_type>(id)->labels;
                for (const std::string& label : e->labels)
                    if (std::find(before.begin(), before.end(), label) == before.end())
                        add(sql::render_add_label(*e, label, before));
            } else if (const auto* r = to_.find_as<role>(id)) {
                add(sql::render_alter_role(*previous_.find_as<role>(id), *r));
            }
        }
        for (const object_id& id : altered_) {
            const auto* after = to_.find_as<column>(id);
            if (!after) continue;
            if (retyped_enums_.contains(id::enum_type(after->user_type))) continue;  // the type's replacement changes it
            const column& before = *previous_.find_as<column>(id);
            column target = *after;
            const expression* conversion = conversion_for(id);
            expression down_cast;
            if (options_.down && retyped_.contains(id)) {
                // Back by an explicit cast: the values came from this type.
                down_cast = sql::cast_of(after->name, sql::detail::column_type(*after));
                conversion = &down_cast;
            }
            if (before.nullable && !after->nullable) {
                // Existing rows may hold NULL: fill them first, then enforce.
                target.nullable = true;
                if (const expression* value = backfill_for(id)) {
                    add(sql::render_alter_column(before, target, conversion));
                    add(sql::render_backfill(target, *value, has_triggers(after->table)));
                } else {
                    flag("PG302", fmt::format("makes {} NOT NULL: fails if a row holds NULL there", describe(id)));
                    add(sql::render_alter_column(before, target, conversion));
                }
                set_not_null_online(*after);
                continue;
            }
            add(sql::render_alter_column(before, target, conversion));
        }
    }

    void emit_creations() {
        catalog_t creations;
        std::set<object_id> replace;
        for (const object_id& id : to_.added()) {
            const object& o = *to_.find(id);
            const bool grant_changed = altered_.contains(id) && std::holds_alternative<grant>(o);
            const bool comment_changed = altered_.contains(id) && std::holds_alternative<comment>(o);
            if (grant_changed) {
                grant added = std::get<grant>(o);
                added.privileges = minus(added.privileges, previous_.find_as<grant>(id)->privileges);
                if (!added.privileges.empty()) creations.add(std::move(added));
                continue;
            }
            if (!created_.contains(id) && !recreated_.contains(id) && !replaced_.contains(id) && !comment_changed) continue;
            if (replaced_.contains(id)) replace.insert(id);
            if (emit_online(o)) continue;
            const auto* c = std::get_if<column>(&o);
            if (c && created_.contains(id) && previous_.find(id::table(c->table)))
                creations.add(new_column_of_existing_table(*c));
            else
                creations.add(o);
        }
        // Defaults a replaced view no longer has.
        for (const object_id& id : replace)
            if (const auto* v = to_.find_as<view>(id))
                for (const column_default& d : previous_.find_as<view>(id)->defaults)
                    if (std::none_of(v->defaults.begin(), v->defaults.end(),
                                     [&](const column_default& x) { return x.column == d.column; }))
                        after_.push_back(sql::render_view_default(*v, d.column, {}));
        if (creations.size() > 0) add(sql::render_ddl(creations, replace));
        for (const constraint* c : not_valid_) add(sql::render_add_constraint(*c, true));
    }

    // Online changes. A table that stays may hold rows and be in use: what
    // would scan it under a lock that stops its writes is done otherwise.
    std::vector<const constraint*> not_valid_;  ///< added NOT VALID after the creations, validated later

    bool table_stays(const qualified_name& t) const {
        const object_id id = id::table(t);
        return previous_.find(id) && to_.find(id) && !goes(id);
    }

    // An index on a table that stays is built concurrently, outside a transaction.
    bool online_index(const index& ix) const { return table_stays(ix.table); }

    // An index whose definition changes while what it reads stays is
    // replaced by building the new one beside it first.
    bool replaced_beside(const index& ix) const {
        if (!recreated_.contains(ix.id()) || !online_index(ix)) return false;
        const std::vector<object_id> dependencies = previous_.find_as<index>(ix.id())->dependencies();
        return std::none_of(dependencies.begin(), dependencies.end(), [&](const object_id& d) { return goes(d); });
    }

    // A unique constraint new on a table that stays is attached to an index
    // built concurrently, unless a foreign key made in this migration needs
    // it in the main transaction.
    bool online_unique(const constraint& c) const {
        if (c.kind != constraint_kind::unique && c.kind != constraint_kind::primary_key) return false;
        if (!created_.contains(c.id()) || !table_stays(c.table)) return false;
        for (const constraint* k : to_.all<constraint>())
            if (k->references && k->references->table == c.table && k->references->columns == c.columns &&
                (created_.contains(k->id()) || recreated_.contains(k->id())))
                return false;
        return true;
    }

    void build(std::string statement, const object_id& what) {
        builds_.push_back(std::move(statement));
        flag("PG601", fmt::format("builds {}{} concurrently, outside a transaction",
                                  what.kind == object_kind::constraint ? "the index of " : "", describe(what)));
    }

    // Whether `o`, created or re-created, is made after the creations of the
    // main transaction: an index built concurrently, a constraint attached or added NOT VALID.
    bool made_later(const object& o) const {
        if (const auto* ix = std::get_if<index>(&o)) return online_index(*ix);
        const auto* c = std::get_if<constraint>(&o);
        if (!c) return false;
        return online_unique(*c) || ((c->kind == constraint_kind::check || c->kind == constraint_kind::foreign_key) &&
                                     table_stays(c->table));
    }

    // Writes `o` online, if it is made so; false if it is an ordinary creation.
    bool emit_online(const object& o) {
        if (const auto* ix = std::get_if<index>(&o); ix && online_index(*ix)) {
            if (replaced_beside(*ix)) {
                index beside = *ix;
                beside.name.name = sql::fit_identifier(ix->name.name + std::string(sql::replacement_index_suffix));
                builds_.push_back(sql::render_drop_index_concurrently(beside.name));
                build(sql::render_build_index(*ix, beside.name.name), ix->id());
                online_drops_.push_back(sql::render_drop_index_concurrently(ix->name));
                finishing_.push_back(sql::render_rename(beside.id(), ix->id()));
            } else {
                builds_.push_back(sql::render_drop_index_concurrently(ix->name));
                build(sql::render_build_index(*ix, ix->name.name), ix->id());
            }
            return true;
        }
        if (const auto* c = std::get_if<comment>(&o)) {
            // On what is made later, it follows it.
            const object* on = to_.find(c->on);
            if (!on || !made_later(*on)) return false;
            finishing_.push_back(sql::render_create(to_, o));
            return true;
        }
        const auto* c = std::get_if<constraint>(&o);
        if (!c) return false;
        if (online_unique(*c)) {
            builds_.push_back(sql::render_drop_index_concurrently({c->table.schema, c->name}));
            build(sql::render_build_constraint_index(*c), c->id());
            attachments_.push_back(sql::render_attach_constraint(*c));
            return true;
        }
        const bool checks_rows = c->kind == constraint_kind::check || c->kind == constraint_kind::foreign_key;
        if (checks_rows && table_stays(c->table)) {
            not_valid_.push_back(c);
            validations_.push_back(sql::render_validate_constraint(c->table, c->name));
            return true;
        }
        return false;
    }

    // NOT NULL on a column whose table may hold rows: a check added NOT
    // VALID now, validated (without blocking writes) and turned into NOT NULL
    // in the closing transaction.
    void set_not_null_online(const column& c) {
        add(sql::render_not_null_check(c));
        validations_.push_back(sql::render_validated_not_null(c));
    }

    // Builds and concurrent drops each commit on their own, after the main
    // transaction; then one transaction validates, attaches and renames.
    void assemble_later_steps() {
        for (std::string& s : builds_) result_.later.push_back({false, {std::move(s)}});
        for (std::string& s : online_drops_) result_.later.push_back({false, {std::move(s)}});
        std::vector<std::string> closing;
        for (auto* part : {&validations_, &attachments_, &finishing_})
            for (std::string& s : *part) closing.push_back(std::move(s));
        if (!closing.empty()) result_.later.push_back({true, std::move(closing)});
    }

    // A column added to a table that may hold rows: NOT NULL needs a value for them.
    column new_column_of_existing_table(const column& c) {
        if (c.nullable || !c.default_value.empty() || !c.generated.empty() || c.identity) return c;
        if (const expression* value = backfill_for(c.id())) {
            column nullable = c;
            nullable.nullable = true;
            after_.push_back(sql::render_backfill(c, *value, has_triggers(c.table)));
            after_.push_back(sql::render_not_null_check(c));
            validations_.push_back(sql::render_validated_not_null(c));
            return nullable;
        }
        if (options_.down) {
            result_.notes.push_back(fmt::format("brings back {} NOT NULL without its values (the way up dropped them): "
                                                "fails if the table has rows",
                                                describe(c.id())));
            return c;
        }
        refusals_.push_back(fmt::format("{} is a new NOT NULL column of a table that may have rows: give it a default "
                                        "(pg::sql_default) or a value for existing rows (pg::backfill)",
                                        describe(c.id())));
        return c;
    }
};
}  // namespace

std::vector<step> migration::steps() const {
    std::vector<step> all;
    if (!statements.empty()) all.push_back({true, statements});
    all.insert(all.end(), later.begin(), later.end());
    return all;
}

std::string migration::sql() const {
    std::string text;
    for (const step& s : steps())
        for (const std::string& statement : s.statements) {
            if (!text.empty()) text += "\n";
            text += statement;
        }
    return text;
}

refusal::refusal(std::vector<std::string> reasons)
    : std::runtime_error(fmt::format("pgcraft: cannot write this migration:\n  {}", fmt::join(reasons, "\n  "))),
      reasons_(std::move(reasons)) {}

migration diff(const catalog_t& from, const catalog_t& to, const declared_changes& changes, const diff_options& options) {
    return planner(from, to, changes, options).run();
}

declared_changes reversed(const declared_changes& changes) {
    declared_changes result;
    for (const rename& r : changes.renames) result.renames.push_back({r.to, r.from});
    for (const data_step& d : changes.data_steps)
        result.data_steps.push_back({d.down, d.up, d.reason, d.table, d.renamed_to, d.renamed_from});
    return result;
}

}  // namespace pgcraft::migrate
