// The SQL that the kinds' objects carry: view queries and PL/pgSQL bodies,
// each a whole template with named placeholders in the file of its kind
// (history.cpp for what the history kinds share, append_only.cpp, eav.cpp).
// The kinds pass names; only this layer writes SQL text.
#pragma once

#include <string>
#include <vector>

#include <pgcraft/catalog/objects.hpp>

namespace pgcraft::sql::templates {

// --- Every kind (table.cpp) ---

/// `column BETWEEN min AND max`: a C++ type's range on a wider SQL type.
catalog::expression range_check(const std::string& column, const std::string& min, const std::string& max);
/// A timestamptz column's default: the call now(), evaluated at each insert.
catalog::expression now();
/// The default of updated_at and valid_from, which advance within a transaction.
catalog::expression clock_now();
/// A uuid column's default: a random (version 4) UUID, per insert.
catalog::expression random_uuid();
/// An xid8 column's default: the writing transaction's id.
catalog::expression current_transaction();
/// A literal default: `false`, `0`.
catalog::expression literal(std::string_view text);
/// A ledger's value with pg::direction: a magnitude, `value >= 0`.
catalog::expression ledger_magnitude();
/// A balances row's balance: `debits - credits`.
catalog::expression ledger_balance();
/// Append-only versions: `valid_to > valid_from`; EAV values: `valid_to IS NULL OR valid_to >= valid_from`.
catalog::expression version_validity();
catalog::expression open_validity();
/// `(condition) AND also`: an index's own predicate restricted to some rows.
catalog::expression both(const catalog::expression& condition, const catalog::expression& also);
/// The predicate of an entity's live rows, and of an attribute's current value.
catalog::expression live_rows();
catalog::expression current_values();

// --- The API layer (api.cpp) ---

/// The API view's query: the columns of `source`, nothing else, so that
/// PostgreSQL can write through it as through `source`.
std::string api_view_query(const catalog::qualified_name& source, const std::vector<std::string>& columns);
/// The API view's comment when its dimension has none.
std::string api_view_comment(const catalog::qualified_name& source);

// --- Shared by the history kinds (history.cpp) ---

/// The current time, or if the clock has stepped back, the microsecond after
/// `previous`: the times an entity's versions get always increase.
std::string time_after(const std::string& previous);
/// Raises feature_not_supported when an UPDATE changes the key.
std::string key_change_guard(const std::string& key);
/// NEW.c := the statement's change if it made one, else the locked row's value.
std::string merge_onto_locked(const std::vector<std::string>& columns);
/// The body of pgcraft_forbid_direct_write(), and the WHEN of its triggers.
std::string forbid_direct_write_body();
std::string direct_write_condition();
/// "INSERT through s.v" and so on: the comment of a view's write function.
std::string write_comment(catalog::trigger_event event, const std::string& view);

// --- Append-only (append_only.cpp) ---

struct append_only_names {
    std::string entity;    ///< schema-qualified and quoted
    std::string versions;
    std::string history;
    std::string key;       ///< quoted
    std::vector<std::string> written;    ///< the members' columns that writes set, quoted
    std::vector<std::string> stored;     ///< every member column, quoted
    std::vector<std::string> generated;  ///< the generated ones, quoted
};
std::string append_only_current_query(const append_only_names& n);
std::string append_only_history_query(const append_only_names& n);
std::string append_only_as_of_body(const append_only_names& n);
/// What <table>_as_of returns: the rows of the history view.
std::string append_only_as_of_returns(const append_only_names& n);
std::string append_only_insert_body(const append_only_names& n);
std::string append_only_update_body(const append_only_names& n);
std::string append_only_delete_body(const append_only_names& n);

// --- Ledger (ledger.cpp) ---

struct ledger_names {
    std::string table;    ///< schema-qualified and quoted
    std::string entries;  ///< the view, schema-qualified and quoted
    std::string ledger;   ///< schema.table as messages name it, unquoted
    std::string view;     ///< schema.view as messages name it, unquoted
    std::string reverse;  ///< schema.function as messages name it, unquoted
    std::vector<std::string> written;  ///< the members' columns that writes set, quoted
    std::vector<std::string> stored;   ///< every member column, quoted
    std::string reverses_constraint;   ///< the unique constraint of reverses, unquoted
    std::string heads;                 ///< <table>_heads, quoted; empty when the ledger declares no rules
    std::string key;                   ///< pg::idempotency_key's member, quoted, or empty
    std::string direction;             ///< pg::direction's member, quoted, or empty: the value's sign tells
    std::string direction_type;        ///< its enum type, qualified and quoted
    // The rules, for <table>_commit() and the audit (pgcraft/ledger_rules.hpp).
    bool double_entry = false;
    std::string currency;              ///< quoted, or empty
    std::string balances;              ///< <table>_balances, quoted; empty without pg::balances
    std::vector<std::string> groups;   ///< its members, quoted
    std::vector<std::string> group_names;  ///< the same, unquoted, for messages
    std::string sum_type;              ///< the SQL type of its sums
    struct limit {
        std::string bound;  ///< empty: none
        std::string where;  ///< the condition on pgcraft_group, or empty
    };
    limit minimum, maximum;
    std::string limits;                ///< <table>_limits, quoted; empty without pg::group_limits
};
/// <table>_entries: every leg, in the table's column order.
std::string ledger_entries_query(const ledger_names& n);
/// <table>_entries_insert: one leg; a leg that reverses another must negate it.
std::string ledger_insert_body(const ledger_names& n);
/// <table>_reverse(entry uuid): the reversing entry, once per entry.
std::string ledger_reverse_body(const ledger_names& n);
std::string ledger_reverse_returns(const ledger_names& n);
/// <table>_immutable(): the refusal of every other write, naming the ledger.
std::string ledger_immutable_body(const ledger_names& n);
/// A pg::event's function body: one entry of the rows of `query`, whose
/// <markers> name the legs' columns and whose :parameters are `parameters`,
/// in order ($1, $2, …).
std::string ledger_event_body(const ledger_names& n, std::string_view query, const std::vector<std::string>& parameters);
/// A pg::reconciliation's function body: under a lock on the scope, one
/// entry of the differences between the balances `desired` gives and those
/// of the legs `scope` picks, per key (the desired query's markers but value).
std::string ledger_reconciliation_body(const ledger_names& n, std::string_view name, std::string_view scope,
                                       std::string_view desired, const std::vector<std::string>& parameters);
/// <table>_latest: the greatest id of each group of `groups` (quoted).
std::string ledger_latest_query(const ledger_names& n, const std::vector<std::string>& groups);
/// <table>_commit(): an entry's checks at COMMIT, once per entry (a row of <table>_heads).
std::string ledger_commit_body(const ledger_names& n);
/// <table>_audit_balances(): the groups whose recorded sums differ from their legs'.
std::string ledger_audit_body(const ledger_names& n);
/// Its result, as pg_get_function_result prints it; `group_types` are the groups' SQL types.
std::string ledger_audit_returns(const ledger_names& n, const std::vector<std::string>& group_types);

// --- Entity-attribute-value (eav.cpp) ---

struct eav_attribute {
    std::string name;          ///< the member's name, unquoted
    std::string type;          ///< its SQL type
    std::string value_column;  ///< where its values go, unquoted
    bool nullable = false;
    std::string min_value, max_value;  ///< the C++ type's range, or empty
};
struct eav_check {
    std::string name;
    catalog::expression expression;
};
struct eav_names {
    std::string entity;  ///< schema-qualified and quoted
    std::string values;
    std::string view;
    std::string key;     ///< quoted
    std::vector<eav_attribute> attributes;
    std::vector<std::string> value_columns;  ///< each once, in first-use order
    std::vector<eav_check> checks;           ///< the dimension's, enforced by the write triggers
};
/// The CHECK that a row holds at most one value, and one attribute's range.
std::string eav_one_value_check(const std::vector<std::string>& value_columns);
std::string eav_range_check(const eav_attribute& a);
/// The attributes a value column holds, and which of them are required.
struct eav_column_attributes {
    std::vector<std::string> held, required;
};
/// The comment on a value column that names them ("Values of: a, b;
/// required: a"); and them read back from a comment (none if it is not such a comment).
std::string eav_value_column_comment(const eav_column_attributes& attributes);
eav_column_attributes eav_attributes_in_comment(std::string_view comment);
std::string eav_current_query(const eav_names& n);
std::string eav_history_query(const eav_names& n);
std::string eav_insert_body(const eav_names& n);
std::string eav_update_body(const eav_names& n);
std::string eav_delete_body(const eav_names& n);
/// Gives the values and history of attribute `from` the name `to`, with the
/// values table's `protect_trigger` (which refuses direct writes) off meanwhile.
std::string eav_rename_attribute(const catalog::qualified_name& values, const std::string& protect_trigger,
                                 const std::string& from, const std::string& to);

}  // namespace pgcraft::sql::templates
