// What the evolution suite's extensions add, version after version: a reader
// role with its grants, a view over a dimension's column, and a counting
// function. Each version's extension calls these with its own arguments.
#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

#include <pgcraft/catalog/catalog.hpp>

namespace evolution {

namespace cat = pgcraft::catalog;

/// The role `role`, USAGE on `schema`, SELECT on every table and view of the
/// schema, plus the extra privileges `extra` gives by relation name.
inline void add_reader(cat::catalog& catalog, const std::string& schema, const std::string& role,
                       const std::map<std::string, std::vector<cat::privilege>>& extra = {}) {
    catalog.add(cat::role{role, false});
    catalog.add(cat::grant{cat::id::schema(schema), {cat::privilege::usage}, role});
    auto privileges_of = [&](const std::string& name) {
        std::vector<cat::privilege> privileges{cat::privilege::select};
        if (auto found = extra.find(name); found != extra.end())
            privileges.insert(privileges.end(), found->second.begin(), found->second.end());
        return privileges;
    };
    std::vector<cat::grant> grants;
    for (const cat::table* t : catalog.all<cat::table>())
        if (t->name.schema == schema) grants.push_back(cat::grant{t->id(), privileges_of(t->name.name), role});
    for (const cat::view* v : catalog.all<cat::view>())
        if (v->name.schema == schema) grants.push_back(cat::grant{v->id(), privileges_of(v->name.name), role});
    for (cat::grant& g : grants) catalog.add(std::move(g));
}

/// A plain view of `columns` of the table or view `from` (add_reader, called
/// after it, grants it).
inline void add_view(cat::catalog& catalog, const std::string& name, const cat::object_id& from,
                     const std::vector<std::string>& columns) {
    cat::view v;
    v.name = {from.schema, name};
    std::string list;
    for (const std::string& c : columns) list += (list.empty() ? "" : ", ") + c;
    v.query = "SELECT " + list + " FROM " + from.schema + "." + from.name;
    v.columns = columns;
    v.reads = {from};
    if (from.kind == cat::object_kind::table)
        for (const std::string& c : columns) v.reads.push_back(cat::id::column(from.qualified(), c));
    catalog.add(std::move(v));
}

/// A function `schema.name()` returning `returns`, executable by `role`.
inline void add_function(cat::catalog& catalog, const std::string& schema, const std::string& name,
                         const std::string& returns, const std::string& body, cat::object_id reads,
                         const std::string& role) {
    cat::function f;
    f.name = {schema, name};
    f.returns = returns;
    f.body = body;
    f.reads = {std::move(reads)};
    const cat::object_id id = f.id();
    catalog.add(cat::comment{id, "How many rows there are"});
    catalog.add(std::move(f));
    catalog.add(cat::grant{id, {cat::privilege::execute}, role});
}

}  // namespace evolution
