// build_declared_changes<Schema>(): what the declarations say about the way
// from the previous version (pg::renamed_from, pg::convert_using,
// pg::backfill, pg::allow_drop), for migrations. Included by the schema's
// translation unit.
//
// Renames are found without knowing what a kind or plugin builds: a renamed
// dimension is built twice, into copies of the catalog as it was before it,
// once as declared and once with its previous names, by the same plugins in
// the same order. The k-th object of one build is the k-th of the other, and
// each pair whose identities differ is a rename.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

#include <pgcraft/dimension.hpp>
#include <pgcraft/generator/build_catalog.hpp>
#include <pgcraft/generator/dimension_changes.hpp>
#include <pgcraft/kinds/migrations.hpp>
#include <pgcraft/migrate/declared_changes.hpp>
#include <pgcraft/plan/schema_plan.hpp>

namespace pgcraft::generator {

namespace detail {
template <class Settings>
struct add_with_changes {
    migrate::declared_changes& changes;

    template <class Dimension>
    void operator()(catalog::catalog& result, std::type_identity<Dimension>) const {
        const std::size_t since = result.added().size();
        dimension_info info = dimension_info_of<Settings, Dimension>();
        if (is_renamed(info)) {
            catalog::catalog previous = result;
            try {
                add_dimension<Settings, Dimension>(previous, with_previous_names(info));
            } catch (const std::invalid_argument& e) {
                // Another dimension's object has a name this one had.
                throw std::invalid_argument("pgcraft: dimension " + info.name +
                                            " cannot be built under its previous names: " + e.what());
            }
            add_dimension<Settings, Dimension>(result, info);
            for (migrate::rename& r : paired_renames(previous, result, since, info.name))
                changes.renames.push_back(std::move(r));
        } else {
            add_dimension<Settings, Dimension>(result, info);
        }
        add_column_changes(changes, info, result, since);
        if constexpr (Dimension::dimension::kind == dimension_kind::eav)
            for (migrate::data_step& step : kinds::eav_renamed_attributes(info))
                changes.data_steps.push_back(std::move(step));
    }
};
}  // namespace detail

/// The renames (with every object derived from a renamed name), conversions,
/// backfills, kinds' data steps and drops allowed (each dimension's columns,
/// then the schema's dimensions) that the schema's declarations give.
/// Throws std::invalid_argument when a previous name is still taken in the
/// schema in a way the compiler could not see (by an extension's objects).
template <class Schema>
migrate::declared_changes build_declared_changes() {
    migrate::declared_changes changes;
    // For an invalid schema nothing is built (see build_catalog).
    if constexpr (plan::schema_report<Schema>::value) {
        using traits = plan::schema_traits<Schema>;
        const catalog::catalog schema = detail::build<Schema>(
            detail::add_with_changes<typename traits::settings>{changes}, typename traits::extensions{},
            typename traits::dimensions{});
        check_renames(changes.renames, schema);
        for (std::string_view dimension : traits::dropped_dimensions)
            changes.drops.push_back({std::string(dimension), {}});
    }
    return changes;
}

}  // namespace pgcraft::generator
