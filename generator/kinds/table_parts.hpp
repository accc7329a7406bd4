// What the kinds' builders share (internal to the generator library).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <pgcraft/generator/plugin_context.hpp>

namespace pgcraft::kinds {

/// The key column the dimension's primary-key plugin chose.
catalog::column key_column(const generator::plugin_context& context);
/// The members' columns as tables store them (the key excluded), with their
/// comments; their enum types join the catalog.
std::vector<generator::member_column> stored_members(generator::plugin_context& context);
/// The range checks of the members whose SQL type is wider than their C++ type.
void add_range_checks(const generator::plugin_context& context, catalog::table_definition& t);
catalog::constraint primary_key(std::string name, std::vector<std::string> columns);
catalog::constraint unique_key(std::string name, std::vector<std::string> columns);
catalog::constraint foreign_key(std::string name, std::vector<std::string> columns, catalog::foreign_key_target target);


/// The trigger on each backing table of a history kind that refuses direct
/// writes (protect_tables); a kind's own data steps disable it while they run.
inline constexpr std::string_view protect_trigger = "pgcraft_protect";
/// The trigger that refuses writes whoever makes them (a ledger's UPDATE and DELETE).
inline constexpr std::string_view protect_always_trigger = "pgcraft_protect_always";

/// How a backing table refuses writes: `function` raises; the events of
/// `from_clients` are refused when a client's statement makes them (the
/// kind's own trigger functions still write), those of `always` whoever makes them.
struct table_guard {
    catalog::object_id function;
    std::vector<catalog::trigger_event> from_clients;
    std::vector<catalog::trigger_event> always;
};
/// The triggers of `guard` on `table` (protect_tables puts the history kinds' on each of their tables).
void guard_table(generator::plugin_context& context, const catalog::object_id& table, const table_guard& guard);

/// A PL/pgSQL trigger function that runs as its owner, with search_path
/// pinned so that nothing the caller puts on its path can stand in for the
/// objects it names (every name in the body is schema-qualified as well).
catalog::function trigger_function(catalog::qualified_name name, std::string body, std::vector<catalog::object_id> reads);

/// `<table><suffix>`, fitted to 63 bytes.
std::string derived_name(std::string_view table, std::string_view suffix);
/// The entity table of a history kind: the key, created_at, deleted_at.
catalog::table_definition entity_table(const generator::plugin_context& context);
/// Adds to a history table the foreign key that ties each of its rows to its entity.
void add_belongs_to_entity(const generator::plugin_context& context, catalog::table_definition& rows,
                           const catalog::table_definition& entity);
/// The INSERT, UPDATE and DELETE functions of a view and their INSTEAD OF
/// triggers, named <table>_current_insert and so on.
struct view_write_bodies {
    std::string insert, update, remove;
};
void add_view_writes(generator::plugin_context& context, const catalog::qualified_name& table,
                     const catalog::object_id& view, view_write_bodies bodies, std::vector<catalog::object_id> reads);
/// The members' declared defaults, for the view that writes them: a view's
/// default fills NEW on INSERT only, as a table's would.
std::vector<catalog::column_default> member_defaults(generator::plugin_context& context);
/// A table and each of its columns: what a function that reads and writes whole rows depends on.
std::vector<catalog::object_id> whole_rows(const catalog::table_definition& t);
/// The SQL types of `columns` of `table`, for the view that shows them.
std::vector<std::string> column_types(const catalog::table_definition& table, const std::vector<std::string>& columns);
/// The ids of `columns` of `table`, for what a view or function reads.
std::vector<catalog::object_id> column_ids(const catalog::qualified_name& table, const std::vector<std::string>& columns);

}  // namespace pgcraft::kinds
