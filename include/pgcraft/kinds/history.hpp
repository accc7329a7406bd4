// The catalog builders of the history-keeping kinds: append-only (SCD type 2)
// and entity-attribute-value, and the protection of their backing tables.
// Declared here, compiled once in the generator library.
//
// Append-only, for a dimension whose table is t:
//   t            the entity and its current version: the key, the members,
//                created_at, updated_at (when the current version began), deleted_at
//   t_versions   every earlier version: the entity's key, the members, valid_from, valid_to
//   t_current    the view to read and write: one row per live entity
//   t_history    every version, the current ones included, with its validity
//   t_as_of(ts)  the state of every entity at an instant
//
// Entity-attribute-value:
//   t              the entity: its key, created_at, deleted_at
//   t_attributes   one row per attribute value and period, one value column
//                  per distinct SQL type of the members
//   t_current      the pivot: one typed column per attribute; write here
//   t_history      every attribute value and when it held
#pragma once

#include <span>
#include <string_view>

namespace pgcraft::generator {
class plugin_context;
}

namespace pgcraft::kinds {

void build_append_only_tables(generator::plugin_context& context, std::string_view entity_key,
                              std::string_view versions_key);
void build_append_only_views(generator::plugin_context& context, std::string_view entity_key,
                             std::string_view versions_key, std::string_view view_key);
void build_append_only_writes(generator::plugin_context& context, std::string_view entity_key,
                              std::string_view versions_key, std::string_view view_key);

void build_eav_tables(generator::plugin_context& context, std::string_view entity_key,
                      std::string_view attributes_key);
void build_eav_views_and_writes(generator::plugin_context& context, std::string_view entity_key,
                                std::string_view attributes_key, std::string_view view_key);

/// Direct writes to the tables produced under `table_keys` (INSERT, UPDATE,
/// DELETE, TRUNCATE) fail with a message naming the table; the dimension's
/// own trigger functions still write them.
void protect_tables(generator::plugin_context& context, std::span<const std::string_view> table_keys);

}  // namespace pgcraft::kinds
