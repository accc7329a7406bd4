// The API view of a dimension (pgcraft/api.hpp): a projection of the
// relation its rows are read and written through, in the API schema, with
// the declared privileges and nothing more.
#include <pgcraft/kinds/api.hpp>

#include <algorithm>
#include <stdexcept>
#include <string>
#include <vector>

#include <pgcraft/generator/plugin_context.hpp>

#include "../sql/templates.hpp"
#include "table_parts.hpp"

namespace pgcraft::kinds {

namespace {
namespace templates = sql::templates;
using catalog::object_id;

// The columns, their SQL types and the view defaults of the relation the rows go through.
struct source_relation {
    catalog::qualified_name name;
    std::vector<std::string> columns;
    std::vector<std::string> types;  ///< empty when not known
    std::vector<catalog::column_default> defaults;
    bool is_table = false;
};

source_relation source_of(generator::plugin_context& context, const object_id& rows) {
    source_relation s;
    const catalog::catalog& cat = context.schema_catalog();
    if (const auto* v = cat.find_as<catalog::view>(rows)) {
        s.name = v->name;
        s.columns = v->columns;
        s.types = v->column_types;
        s.defaults = v->defaults;
    } else if (const catalog::table_definition* t = context.produced_table(rows)) {
        s.name = t->name;
        s.is_table = true;
        for (const catalog::column& c : t->columns) s.columns.push_back(c.name);
        s.types = column_types(*t, s.columns);
    } else {
        throw std::logic_error(context.message("gives key rows an object that is neither a view nor a table it made"));
    }
    return s;
}

std::vector<std::string> shown_columns(const generator::plugin_context& context, const source_relation& s,
                                       const api_declaration& d) {
    for (std::string_view named : d.columns)
        if (std::find(s.columns.begin(), s.columns.end(), named) == s.columns.end())
            throw std::invalid_argument("pgcraft: the API view of dimension " + context.dimension().name +
                                        " names column " + std::string(named) + ", which " + s.name.schema + "." +
                                        s.name.name + " does not have");
    if (d.columns.empty() || d.exclude) {
        std::vector<std::string> shown;
        for (const std::string& c : s.columns)
            if (std::find(d.columns.begin(), d.columns.end(), c) == d.columns.end()) shown.push_back(c);
        return shown;
    }
    return {d.columns.begin(), d.columns.end()};
}

std::vector<catalog::privilege> privileges_of(const api_grant& g) {
    std::vector<catalog::privilege> p;
    if (g.select) p.push_back(catalog::privilege::select);
    if (g.insert) p.push_back(catalog::privilege::insert);
    if (g.update) p.push_back(catalog::privilege::update);
    if (g.delete_) p.push_back(catalog::privilege::delete_);
    return p;
}
}  // namespace

void add_api_view(generator::plugin_context& context, const api_declaration& d) {
    const generator::dimension_info& dimension = context.dimension();
    const std::string schema(d.schema);
    if (schema == dimension.table.schema)
        throw std::invalid_argument("pgcraft: the API view of dimension " + dimension.name + " would be in schema " +
                                    schema + ", the dimension's own: give pg::api another pg::api_schema");
    const source_relation s = source_of(context, context.get<object_id>(key::rows));
    catalog::catalog& cat = context.schema_catalog();

    catalog::view api;
    api.name = {schema, dimension.table.name};
    if (cat.find(api.id()))
        throw std::invalid_argument("pgcraft: the API view of dimension " + dimension.name + " is " + schema + "." +
                                    api.name.name + ", which another dimension's API view is already");
    api.columns = shown_columns(context, s, d);
    api.query = templates::api_view_query(s.name, api.columns);
    api.reads = {s.is_table ? catalog::id::table(s.name) : catalog::id::view(s.name)};
    for (const std::string& c : api.columns) {
        const auto at = std::find(s.columns.begin(), s.columns.end(), c) - s.columns.begin();
        if (s.is_table) api.reads.push_back(catalog::id::column(s.name, c));
        if (!s.types.empty()) api.column_types.push_back(s.types[static_cast<std::size_t>(at)]);
        for (const catalog::column_default& def : s.defaults)
            if (def.column == c) api.defaults.push_back(def);
    }

    cat.add_once(catalog::schema{schema});
    const object_id view_id = api.id();
    cat.add(std::move(api));
    cat.add(catalog::comment{view_id, dimension.comment.empty() ? templates::api_view_comment(s.name) : dimension.comment});
    for (const api_grant& g : d.grants) {
        const std::string role(g.role);
        cat.add_once(catalog::role{role, false});
        cat.add_once(catalog::grant{catalog::id::schema(schema), {catalog::privilege::usage}, role});
        cat.add(catalog::grant{view_id, privileges_of(g), role});
    }
}

void add_postgrest_roles(catalog::catalog& cat, const postgrest_roles& roles) {
    const std::string authenticator(roles.authenticator);
    if (cat.find(catalog::id::role(authenticator)))
        throw std::invalid_argument("pgcraft: pg::postgrest's login role " + authenticator +
                                    " is granted privileges of its own (by an API view or an extension): grant them to " +
                                    std::string(roles.anonymous) + " or " + std::string(roles.authenticated) +
                                    ", which it switches to");
    std::vector<std::string> switches_to{std::string(roles.anonymous), std::string(roles.authenticated)};
    std::sort(switches_to.begin(), switches_to.end());
    for (const std::string& r : switches_to) cat.add_once(catalog::role{r, false});
    cat.add(catalog::role{authenticator, true, false, switches_to});
}

}  // namespace pgcraft::kinds
