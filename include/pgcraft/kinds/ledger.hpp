// The catalog builders of the ledger kind. Declared here, compiled once in
// the generator library.
//
// For a ledger whose table is t:
//   t               the legs: id (identity, strictly increasing), entry_id
//                   (the legs of one entry share it), the members, value,
//                   created_at (clock_timestamp()), reverses (the leg it reverses)
//   t_entries       the view to read, and to write with INSERT
//   t_reverse(e)    writes the entry that reverses entry e, and returns its legs
//   t_immutable()   the trigger function that refuses every other write
// and, when the ledger declares rules (pgcraft/ledger_rules.hpp):
//   t_heads         one row per entry, written with its first leg, by the
//                   transaction that writes it: what the checks at COMMIT run on
//   t_commit()      the checks of one entry at COMMIT: double entry, balances, limits
//   t_balances      one row per group of the balances' members
//   t_audit_balances()  every group whose recorded balance differs from its legs
//   t_latest        the latest leg of each group of pg::latest's members
//   t_<event>(…)    each pg::event: writes one entry, returns its legs
#pragma once

#include <string_view>

#include <pgcraft/ledger_rules.hpp>

namespace pgcraft::generator {
class plugin_context;
}

namespace pgcraft::kinds {

/// Produces the ledger's table under `table_key`; `value_type` is the SQL type of its value column.
void build_ledger_table(generator::plugin_context& context, std::string_view table_key, std::string_view value_type,
                        const ledger_rules& rules);
/// The view <table>_entries, its INSERT, and <table>_reverse(uuid).
void build_ledger_entries(generator::plugin_context& context, std::string_view table_key, std::string_view view_key,
                          const ledger_rules& rules);
/// <table>_heads, <table>_commit() and its trigger, and with balances <table>_balances and its audit.
void build_ledger_checks(generator::plugin_context& context, std::string_view table_key, const ledger_rules& rules);
/// UPDATE, DELETE and TRUNCATE refused on the table and the view, and a
/// direct INSERT into the table, each naming the ledger and how to correct an entry.
void protect_ledger(generator::plugin_context& context, std::string_view table_key, std::string_view view_key);

/// <table>_<event>(parameters…) for each pg::event.
void build_ledger_events(generator::plugin_context& context, std::string_view table_key, std::string_view view_key,
                         const ledger_rules& rules);
/// <table>_latest and the index that serves it.
void build_ledger_latest(generator::plugin_context& context, std::string_view table_key, const ledger_rules& rules);

}  // namespace pgcraft::kinds
