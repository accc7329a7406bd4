// What an object is, independent of how it is defined: its kind, its schema,
// its name, the relation that scopes the name where PostgreSQL scopes it to
// one (a column, constraint or trigger of its table), a function's argument
// types (how PostgreSQL tells overloads apart), and for a comment or a grant
// the object it is on. A structured value: nothing is joined into a string and
// parsed back.
#pragma once

#include <compare>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace pgcraft::catalog {

struct qualified_name {
    std::string schema = {};
    std::string name = {};
    friend auto operator<=>(const qualified_name&, const qualified_name&) = default;
};

/// In the order a schema is created: what an object can depend on comes first.
enum class object_kind {
    extension, role, schema, enum_type, table, column, constraint, index, view, function, trigger, comment, grant
};

struct object_id {
    object_kind kind = object_kind::table;
    std::string schema = {};  ///< empty for roles, schemas and extensions
    std::string name = {};    ///< a grant's role; empty for a comment
    std::string parent = {};  ///< the table or view that scopes the name: columns, constraints, triggers
    std::vector<std::string> argument_types = {};  ///< a function's
    std::shared_ptr<const object_id> target = {};  ///< what a comment or grant is on

    /// The object a comment or grant is on, or null.
    const object_id* on() const noexcept { return target.get(); }
    /// The relation a column, constraint or trigger belongs to.
    qualified_name relation() const { return {schema, parent}; }
    qualified_name qualified() const { return {schema, name}; }

    friend std::strong_ordering operator<=>(const object_id& a, const object_id& b) {
        if (auto c = std::tie(a.kind, a.schema, a.parent, a.name, a.argument_types) <=>
                     std::tie(b.kind, b.schema, b.parent, b.name, b.argument_types);
            c != 0)
            return c;
        if (!a.target || !b.target) return (a.target != nullptr) <=> (b.target != nullptr);
        return *a.target <=> *b.target;
    }
    friend bool operator==(const object_id& a, const object_id& b) { return (a <=> b) == 0; }
};

namespace id {
inline object_id role(std::string name) { return {object_kind::role, {}, std::move(name)}; }
inline object_id schema(std::string name) { return {object_kind::schema, {}, std::move(name)}; }
inline object_id extension(std::string name) { return {object_kind::extension, {}, std::move(name)}; }
inline object_id of(object_kind kind, qualified_name name) {
    return {kind, std::move(name.schema), std::move(name.name)};
}
inline object_id table(qualified_name name) { return of(object_kind::table, std::move(name)); }
inline object_id view(qualified_name name) { return of(object_kind::view, std::move(name)); }
inline object_id index(qualified_name name) { return of(object_kind::index, std::move(name)); }
inline object_id enum_type(qualified_name name) { return of(object_kind::enum_type, std::move(name)); }
inline object_id function(qualified_name name, std::vector<std::string> argument_types = {}) {
    object_id result = of(object_kind::function, std::move(name));
    result.argument_types = std::move(argument_types);
    return result;
}
/// A part of a relation: a column, constraint or trigger of `relation`.
inline object_id part(object_kind kind, const qualified_name& relation, std::string name) {
    return {kind, relation.schema, std::move(name), relation.name};
}
inline object_id column(const qualified_name& table, std::string name) {
    return part(object_kind::column, table, std::move(name));
}
inline object_id constraint(const qualified_name& table, std::string name) {
    return part(object_kind::constraint, table, std::move(name));
}
inline object_id trigger(const qualified_name& relation, std::string name) {
    return part(object_kind::trigger, relation, std::move(name));
}
inline object_id comment(const object_id& on) {
    object_id result{object_kind::comment};
    result.target = std::make_shared<const object_id>(on);
    return result;
}
inline object_id grant(const object_id& on, std::string role) {
    object_id result{object_kind::grant, {}, std::move(role)};
    result.target = std::make_shared<const object_id>(on);
    return result;
}
}  // namespace id

/// "table inventory.products", "column inventory.products.price",
/// "function app.f(integer, text)", "grant on table app.t to reader".
std::string describe(const object_id& id);

}  // namespace pgcraft::catalog
