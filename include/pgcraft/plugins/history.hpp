// The plugins of the history-keeping kinds: the tables, the views that are
// read and written, the writes (INSTEAD OF triggers), the declared
// constraints on current rows, and the protection of the backing tables.
// Each run() hands over to a builder compiled in the generator library
// (pgcraft/kinds/history.hpp), so that these declarations cost an
// application nothing.
#pragma once

#include <string_view>

#include <pgcraft/fixed_string.hpp>
#include <pgcraft/kinds/history.hpp>
#include <pgcraft/kinds/simple.hpp>
#include <pgcraft/plugin.hpp>

namespace pgcraft {

/// Append-only (SCD type 2): an entity table holding current versions, and a
/// versions table holding the earlier ones.
template <fixed_string Entity = "entity", fixed_string Versions = "versions">
struct append_only_tables {
    static constexpr std::string_view name = "append_only_tables";
    static constexpr keys<"primary_key"> required_keys{};
    static constexpr keys<Entity, Versions> produced_keys{};
    static constexpr std::string_view singleton_group = group::table;
    static void run(auto& context) { kinds::build_append_only_tables(context, Entity.view(), Versions.view()); }
};

/// The current view (one row per live entity), the history view, and the
/// point-in-time function <table>_as_of(timestamptz).
template <fixed_string Entity = "entity", fixed_string Versions = "versions", fixed_string View = "current_view">
struct append_only_views {
    static constexpr std::string_view name = "append_only_views";
    static constexpr keys<Entity, Versions> required_keys{};
    static constexpr keys<View> produced_keys{};
    static constexpr keys<"created_at", "updated_at"> added_columns{};
    static void run(auto& context) { kinds::build_append_only_views(context, Entity.view(), Versions.view(), View.view()); }
};

/// INSERT, UPDATE and DELETE through the current view.
template <fixed_string Entity = "entity", fixed_string Versions = "versions", fixed_string View = "current_view">
struct append_only_writes {
    static constexpr std::string_view name = "append_only_writes";
    static constexpr keys<Entity, Versions, View> required_keys{};
    static constexpr keys<"rows"> produced_keys{};
    static void run(auto& context) { kinds::build_append_only_writes(context, Entity.view(), Versions.view(), View.view()); }
};

/// The declared checks, unique constraints (among live entities), indexes
/// (on live entities) and foreign keys of the table holding current versions.
template <fixed_string Table = "entity">
struct current_row_constraints {
    static constexpr std::string_view name = "current_row_constraints";
    static constexpr keys<Table> required_keys{};
    static constexpr keys<> produced_keys{};
    static void run(auto& context) { kinds::add_declared_constraints(context, Table.view(), true); }
};

/// Entity-attribute-value: an entity table and an attribute table with one
/// typed value column per distinct SQL type of the members.
template <fixed_string Entity = "entity", fixed_string Attributes = "attributes">
struct eav_tables {
    static constexpr std::string_view name = "eav_tables";
    static constexpr keys<"primary_key"> required_keys{};
    static constexpr keys<Entity, Attributes> produced_keys{};
    static constexpr std::string_view singleton_group = group::table;
    static void run(auto& context) { kinds::build_eav_tables(context, Entity.view(), Attributes.view()); }
};

/// The pivot view <table>_current, with each attribute in its own typed column,
/// its INSTEAD OF triggers (which also enforce required attributes and the
/// declared checks), and <table>_history.
template <fixed_string Entity = "entity", fixed_string Attributes = "attributes", fixed_string View = "current_view">
struct eav_views_and_writes {
    static constexpr std::string_view name = "eav_views_and_writes";
    static constexpr keys<Entity, Attributes> required_keys{};
    static constexpr keys<View, "rows"> produced_keys{};
    static constexpr keys<"created_at", "updated_at"> added_columns{};
    static void run(auto& context) { kinds::build_eav_views_and_writes(context, Entity.view(), Attributes.view(), View.view()); }
};

/// Direct INSERT, UPDATE and DELETE on these tables fail, naming the table;
/// the dimension's own triggers still write them.
template <fixed_string... Tables>
struct raw_table_protection {
    static constexpr std::string_view name = "raw_table_protection";
    static constexpr keys<Tables...> required_keys{};
    static constexpr keys<> produced_keys{};
    static void run(auto& context) { kinds::protect_tables(context, keys<Tables...>::list); }
};

}  // namespace pgcraft
