// What a pg::schema<...> holds, sorted out at compile time: its dimensions,
// its schema-wide plugins (extensions' first), its extensions and its target
// PostgreSQL version.
#pragma once

#include <cstddef>

#include <pgcraft/detail/type_list.hpp>
#include <pgcraft/dimension.hpp>
#include <pgcraft/plugin.hpp>
#include <pgcraft/schema.hpp>

namespace pgcraft::plan {

namespace detail {
using pgcraft::detail::concat;
using pgcraft::detail::type_list;

template <class Item>
struct schema_item {
    static constexpr bool known = false;
    using dimensions = type_list<>;
    using plugins = type_list<>;
    using extensions = type_list<>;
    using postgres_extensions = type_list<>;
    static constexpr int versions = 0;
    static constexpr int version = 0;
};
template <dimension_struct Item>
struct schema_item<Item> : schema_item<void> {
    static constexpr bool known = true;
    using dimensions = type_list<Item>;
};
template <class... Plugins>
struct schema_item<pgcraft::plugins<Plugins...>> : schema_item<void> {
    static constexpr bool known = true;
    using plugins = type_list<Plugins...>;
};
template <class... Extensions>
struct schema_item<pgcraft::extensions<Extensions...>> : schema_item<void> {
    static constexpr bool known = true;
    using extensions = type_list<Extensions...>;
};
template <fixed_string Name, fixed_string Schema>
struct schema_item<postgres_extension<Name, Schema>> : schema_item<void> {
    static constexpr bool known = true;
    using postgres_extensions = type_list<postgres_extension<Name, Schema>>;
};
template <int Major>
struct schema_item<postgres_version<Major>> : schema_item<void> {
    static constexpr bool known = true;
    static constexpr int versions = 1;
    static constexpr int version = Major;
};

template <class PluginList>
struct as_type_list {
    using type = type_list<>;
};
template <class... Plugins>
struct as_type_list<pgcraft::plugins<Plugins...>> {
    using type = type_list<Plugins...>;
};

template <class Extension>
struct plugins_of_extension {
    using type = type_list<>;
};
template <class Extension>
    requires requires { typename Extension::plugins; }
struct plugins_of_extension<Extension> {
    using type = typename as_type_list<typename Extension::plugins>::type;
};

template <class Extensions>
struct extension_plugins;
template <class... Extensions>
struct extension_plugins<type_list<Extensions...>> {
    using type = concat<typename plugins_of_extension<Extensions>::type...>;
};
}  // namespace detail

/// What a dimension's plugins depend on in its schema. Templates per
/// dimension are keyed on this rather than on the whole schema, which keeps
/// their names, and the compiler's work, independent of the schema's size.
template <class Plugins, int TargetPostgresVersion>
struct schema_settings {};

template <class Schema>
struct schema_traits;

template <class Plugins, int TargetPostgresVersion>
struct schema_traits<schema_settings<Plugins, TargetPostgresVersion>> {
    using plugins = Plugins;
    static constexpr int target_postgres_version = TargetPostgresVersion;
    using settings = schema_settings<Plugins, TargetPostgresVersion>;
};

template <class... Items>
struct schema_traits<schema<Items...>> {
    using dimensions = detail::concat<typename detail::schema_item<Items>::dimensions...>;
    using extensions = detail::concat<typename detail::schema_item<Items>::extensions...>;
    /// CREATE EXTENSION, in the order written.
    using postgres_extensions = detail::concat<typename detail::schema_item<Items>::postgres_extensions...>;
    /// Plugins for every dimension: the extensions' first, then the schema's own.
    using plugins = detail::concat<typename detail::extension_plugins<extensions>::type,
                                   typename detail::schema_item<Items>::plugins...>;
    static constexpr int versions_given = (detail::schema_item<Items>::versions + ... + 0);
    static constexpr int target_postgres_version =
        versions_given == 0 ? default_postgres_version : (detail::schema_item<Items>::version + ... + 0);
    /// Position of the first item that is neither a dimension nor a setting, or the item count.
    static constexpr std::size_t first_unknown_item = [] {
        constexpr bool known[] = {detail::schema_item<Items>::known..., false};
        std::size_t i = 0;
        while (known[i]) ++i;
        return i;
    }();
    template <std::size_t I>
    using item = pgcraft::detail::type_at<I, Items...>;
    using settings = schema_settings<plugins, target_postgres_version>;
};

}  // namespace pgcraft::plan
