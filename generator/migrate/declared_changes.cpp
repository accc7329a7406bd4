// What a dimension's declarations say about the way from the previous version.
#include <pgcraft/generator/dimension_changes.hpp>

#include <map>
#include <stdexcept>
#include <string>

namespace pgcraft::generator {

namespace {
using catalog::object_kind;

bool is_relation(object_kind kind) {
    return kind == object_kind::table || kind == object_kind::view || kind == object_kind::index;
}
}  // namespace

bool is_renamed(const dimension_info& d) {
    if (!d.renamed_from.empty()) return true;
    for (const member_column& m : d.members)
        if (!m.renamed_from.empty()) return true;
    return false;
}

dimension_info with_previous_names(const dimension_info& d) {
    std::map<std::string, std::string, std::less<>> previous;  // a renamed member's name -> its previous one
    for (const member_column& m : d.members)
        if (!m.renamed_from.empty()) previous.emplace(m.column.name, m.renamed_from);
    auto rename = [&](std::string& column) {
        if (auto it = previous.find(column); it != previous.end()) column = it->second;
    };
    auto rename_all = [&](std::vector<std::string>& columns) {
        for (std::string& c : columns) rename(c);
    };
    auto rename_read = [&](catalog::expression& e) { rename_all(e.columns_read); };

    dimension_info result = d;
    for (member_column& m : result.members) {
        rename(m.column.name);
        rename_read(m.column.default_value);
        rename_read(m.column.generated);
    }
    for (declared_constraint& c : result.constraints) {
        rename_read(c.expression);
        rename_all(c.columns);
        for (catalog::expression& k : c.keys) rename_read(k);
        rename_read(c.where);
        // A foreign key to its own dimension referenced the previous names too.
        if (c.kind == declared_kind::foreign_key && c.target == d.table) {
            rename_all(c.target_columns);
            if (!d.renamed_from.empty()) c.target.name = d.renamed_from;
        }
    }
    if (!d.renamed_from.empty()) result.table.name = d.renamed_from;
    return result;
}

std::vector<migrate::rename> paired_renames(const catalog::catalog& previous_build, const catalog::catalog& build,
                                            std::size_t since, std::string_view dimension) {
    const std::vector<catalog::object_id>& before = previous_build.added();
    const std::vector<catalog::object_id>& now = build.added();
    auto mismatch = [&](const std::string& what) {
        return std::logic_error("pgcraft: the plugins of dimension " + std::string(dimension) +
                                " built different objects under its previous names: " + what);
    };
    if (before.size() != now.size())
        throw mismatch(std::to_string(before.size() - since) + " objects instead of " +
                       std::to_string(now.size() - since));
    std::vector<migrate::rename> renames;
    for (std::size_t k = since; k < now.size(); ++k) {
        if (before[k].kind != now[k].kind)
            throw mismatch(catalog::describe(before[k]) + " where this version has " + catalog::describe(now[k]));
        if (before[k] != now[k]) renames.push_back({before[k], now[k]});
    }
    return renames;
}

void add_column_changes(migrate::declared_changes& changes, const dimension_info& d, const catalog::catalog& build,
                        std::size_t since) {
    const std::vector<catalog::object_id>& added = build.added();
    for (const member_column& m : d.members) {
        if (m.convert_using.empty() && m.backfill.empty()) continue;
        for (std::size_t k = since; k < added.size(); ++k) {
            if (added[k].kind != object_kind::table) continue;
            const catalog::object_id column = catalog::id::column(added[k].qualified(), m.column.name);
            if (!build.find(column)) continue;
            if (!m.convert_using.empty()) changes.conversions.push_back({column, m.convert_using});
            if (!m.backfill.empty()) changes.backfills.push_back({column, m.backfill});
        }
    }
    for (const std::string& column : d.dropped_columns) changes.drops.push_back({d.name, column});
}

void check_renames(const std::vector<migrate::rename>& renames, const catalog::catalog& schema) {
    for (const migrate::rename& r : renames) {
        const catalog::object* still = schema.find(r.from);
        for (object_kind kind : {object_kind::table, object_kind::view, object_kind::index})
            if (!still && is_relation(r.from.kind)) still = schema.find(catalog::id::of(kind, r.from.qualified()));
        if (still)
            throw std::invalid_argument("pgcraft: " + catalog::describe(r.to) + " is renamed from " +
                                        catalog::describe(r.from) + ", but the schema still has " +
                                        catalog::describe(catalog::id_of(*still)) +
                                        ": a migration could not tell which the previous one became");
    }
}

}  // namespace pgcraft::generator
