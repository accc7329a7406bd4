// The line between a generator's two translation units. The schema's TU,
// where all the template work happens, describes the schema as an entry of
// plain function pointers; the command line lives in another TU that knows
// no schema, and is compiled once per project however many generators it has.
#pragma once

#include <string>
#include <vector>

#include <pgcraft/catalog/catalog.hpp>
#include <pgcraft/extension.hpp>
#include <pgcraft/generator/plugin_report.hpp>
#include <pgcraft/migrate/declared_changes.hpp>

namespace pgcraft::generator {

struct generator_entry {
    std::string name;
    catalog::catalog (*build)();
    std::vector<dimension_plugin_report> (*plugins)();
    std::vector<const pgcraft::command*> commands;  ///< from the schema's extensions
    /// Renames, conversions and backfills the declarations give, for migrations.
    migrate::declared_changes (*changes)() = nullptr;
};

}  // namespace pgcraft::generator
