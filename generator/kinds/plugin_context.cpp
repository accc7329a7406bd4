#include <pgcraft/generator/plugin_context.hpp>

#include <pgcraft/sql/naming.hpp>

namespace pgcraft::generator {

catalog::table_definition& plugin_context::table(std::string_view key) {
    auto it = values_.find(key);
    auto* table = it == values_.end() ? nullptr : std::any_cast<catalog::table_definition>(&it->second);
    if (!table) throw std::logic_error(message("uses table '", key, "', which no plugin has produced"));
    return *table;
}

const catalog::table_definition* plugin_context::produced_table(const catalog::object_id& id) const {
    for (const std::string& key : table_keys_) {
        const auto* t = std::any_cast<catalog::table_definition>(&values_.at(key));
        if (t && t->id() == id) return t;
    }
    return nullptr;
}

void plugin_context::add_column(std::string_view table_key, catalog::column column, std::string comment) {
    catalog::table_definition& t = table(table_key);
    if (t.find_column(column.name))
        throw std::logic_error(message("adds column '", column.name, "', which the table already has"));
    t.add_column(std::move(column), std::move(comment));
}

void plugin_context::produce_table(std::string_view table_key, catalog::table_definition t) {
    if (t.declared_by.empty()) t.declared_by = dimension_.name;
    if (t.name.schema != sql::default_schema) catalog_.add_once(catalog::schema{t.name.schema});
    set(table_key, std::move(t));
    table_keys_.emplace_back(table_key);
}

void plugin_context::add_index(catalog::index index) {
    if (catalog_.find(index.id()) || catalog_.find(catalog::id::table(index.name)) || catalog_.find(catalog::id::view(index.name)))
        throw std::invalid_argument(message("makes index ", index.name.schema, ".", index.name.name,
                                            ", a name another dimension's index or table already has in that schema"));
    indexes_.push_back(index);
    catalog_.add(std::move(index));
}

void plugin_context::finish() {
    for (const std::string& key : table_keys_) catalog_.add(std::any_cast<catalog::table_definition>(values_.at(key)));
    table_keys_.clear();
}

std::string plugin_context::unused_name(const catalog::table_definition& t, std::string_view prefix,
                                        const std::vector<std::string>& columns, std::string_view referenced) const {
    auto taken = [&](std::string_view name) {
        for (const catalog::constraint& c : t.constraints)
            if (c.name == name) return true;
        for (const catalog::index& ix : indexes_)
            if (ix.name.name == name) return true;
        // A name the dimension gives explicitly is never derived for another.
        for (const generator::declared_constraint& d : dimension_.constraints)
            if (d.name == name) return true;
        // Indexes, and the keys and unique constraints that are indexes, share
        // one namespace per schema with tables and views: a name another
        // dimension has taken there is taken.
        return catalog_.relation_name_taken({t.name.schema, std::string(name)});
    };
    const std::string base = sql::convention_name(prefix, t.name.name, columns, referenced);
    std::string name = base;
    for (int n = 2; taken(name); ++n) name = sql::fit_identifier(base + "_" + std::to_string(n));
    return name;
}

bool plugin_context::leads_an_index(const catalog::table_definition& t, std::string_view column) const {
    // An index serves a foreign key's lookups only if it covers every row and
    // its first key is the bare column.
    for (const catalog::index& ix : indexes_) {
        if (ix.table != t.name || !ix.where.empty() || ix.keys.empty()) continue;
        const catalog::expression& first = ix.keys.front();
        if (first.columns_read.size() == 1 && first.columns_read[0] == column && first.pieces[0].empty() &&
            first.pieces[1].empty())
            return true;
    }
    for (const catalog::constraint& c : t.constraints)
        if ((c.kind == catalog::constraint_kind::primary_key || c.kind == catalog::constraint_kind::unique) &&
            !c.columns.empty() && c.columns.front() == column)
            return true;
    return false;
}

}  // namespace pgcraft::generator
