// The statements of a migration that are not a CREATE: drops, renames and
// changes in place. Part of the rendering layer, with render.hpp, from
// catalog values; the diff (pgcraft/migrate/diff.hpp) decides which to use.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <pgcraft/catalog/catalog.hpp>

namespace pgcraft::sql {

/// DROP, or what undoes the object: REVOKE for a grant, COMMENT … IS NULL,
/// ALTER TABLE … DROP COLUMN / DROP CONSTRAINT for a part of a table.
std::string render_drop(const catalog::catalog& c, const catalog::object& o);

/// ALTER … RENAME for an object whose own name changes (`from` and `to` of
/// the same kind); empty when only its table's name changed, which it follows.
std::string render_rename(const catalog::object_id& from, const catalog::object_id& to);

/// ALTER SEQUENCE … RENAME: the sequence of an identity column follows its
/// table's and column's names, as a table created anew would name it.
std::string render_rename_identity_sequence(const catalog::qualified_name& old_table, const std::string& old_column,
                                            const catalog::qualified_name& table, const std::string& column);

/// ALTER TABLE … ALTER COLUMN for each property that differs (type, with
/// USING `conversion` when given; identity; default; nullability), in an
/// order PostgreSQL accepts. Generated columns are not changed in place.
std::string render_alter_column(const catalog::column& before, const catalog::column& after,
                                const catalog::expression* conversion);

/// The USING expression that casts a column's own value to `type`
/// (explicitly; through text when the types share no cast, as enums).
catalog::expression cast_of(const std::string& column, const std::string& type, bool through_text = false);

/// BEGIN; `text` COMMIT;: a step of a migration file that commits on its own.
std::string render_in_transaction(const std::string& text);

/// UPDATE filling a column's rows that hold NULL, with the table's own
/// triggers disabled around it when `has_triggers` (they guard its writes).
std::string render_backfill(const catalog::column& c, const catalog::expression& value, bool has_triggers);
std::string render_set_not_null(const catalog::column& c);

/// ALTER TYPE … ADD VALUE for a label of `e`, placed after the label before
/// it (labels are added in order), the first before the first of the type's
/// `existing` labels.
std::string render_add_label(const catalog::enum_type& e, const std::string& label,
                             const std::vector<std::string>& existing);

/// ALTER VIEW … ALTER COLUMN … SET DEFAULT, or DROP DEFAULT when `value` is empty.
std::string render_view_default(const catalog::view& v, const std::string& column, const catalog::expression& value);

/// ALTER ROLE … [NO]LOGIN [NO]INHERIT for what changed; empty when neither did.
std::string render_alter_role(const catalog::role& before, const catalog::role& after);
/// The memberships `to` has and `from` lacks: GRANT them to `to` (granted),
/// or with the two swapped, REVOKE them from it.
std::string render_role_memberships(const catalog::role& from, const catalog::role& to, bool granted);

/// lock_timeout and statement_timeout: SET LOCAL, for one transaction, or
/// SET, for the session, before a statement that runs outside one.
std::string render_timeouts(const std::string& lock_timeout, const std::string& statement_timeout,
                            bool in_transaction = true);

/// A DO block that raises an exception naming the first object of `present`
/// that is not in the database, or of `absent` that still is: a runner's
/// verify script (sqitch). Checked by name: schemas, tables, views, indexes,
/// columns, enum types, functions (by argument types), constraints and
/// triggers; other kinds are skipped. IF … RAISE rather than ASSERT, which
/// the server may be set to ignore.
std::string render_verify(const std::vector<catalog::object_id>& present, const std::vector<catalog::object_id>& absent);

// Online changes: what would hold a lock on a table with rows for as long as
// a scan takes is done in steps that do not.

/// CREATE [UNIQUE] INDEX CONCURRENTLY IF NOT EXISTS, under `name` (the
/// index's own, or the temporary name of its replacement). Outside a transaction.
std::string render_build_index(const catalog::index& ix, const std::string& name);
/// The unique index a unique or primary key constraint is then attached to,
/// under the constraint's name. Outside a transaction.
std::string render_build_constraint_index(const catalog::constraint& c);
/// DROP INDEX CONCURRENTLY IF EXISTS: also what a failed concurrent build
/// leaves behind (an invalid index), so that a rerun builds it again.
std::string render_drop_index_concurrently(const catalog::qualified_name& index);
/// Whether a statement of a file is one render_drop_index_concurrently made.
bool is_drop_index_concurrently(std::string_view statement);
/// ALTER TABLE … ADD CONSTRAINT … UNIQUE / PRIMARY KEY USING INDEX (same name).
std::string render_attach_constraint(const catalog::constraint& c);
/// ALTER TABLE … ADD CONSTRAINT …, NOT VALID when `not_valid` (checks and
/// foreign keys: existing rows are checked later by VALIDATE, which lets writes go on).
std::string render_add_constraint(const catalog::constraint& c, bool not_valid);
std::string render_validate_constraint(const catalog::qualified_name& table, const std::string& name);
/// NOT NULL in two steps: a check (column IS NOT NULL) added NOT VALID, then
/// validated, so that SET NOT NULL finds it and does not scan the table
/// under its exclusive lock; the check is dropped after.
std::string render_not_null_check(const catalog::column& c);
std::string render_validated_not_null(const catalog::column& c);

/// Moves the value of the rows of `table` whose `selector` is `key` from the
/// column `from` into `to`, cast to its type (an EAV attribute whose type
/// changed), with the table's own triggers disabled around it when `has_triggers`.
std::string render_value_move(const catalog::qualified_name& table, const std::string& selector, const std::string& key,
                              const std::string& from, const catalog::column& to, bool has_triggers);

/// The heads of a ledger's existing entries, for the ledger's checks at
/// COMMIT: one per entry, written by the migration's transaction, so that no
/// later one adds legs to them. The heads' triggers are off around it: the
/// entries were written before the rules, and are not checked again.
/// `columns` are the members a head repeats from its entry's first leg.
std::string render_ledger_heads_backfill(const catalog::qualified_name& heads, const catalog::qualified_name& legs,
                                         const std::vector<std::string>& columns);
/// The members new to the heads of a ledger's existing entries (an
/// idempotency key declared later), from each entry's first leg.
std::string render_ledger_heads_refill(const catalog::qualified_name& heads, const catalog::qualified_name& legs,
                                       const std::vector<std::string>& columns);
/// The balances of a ledger's existing legs, per group, as its audit
/// function sums them (every group differs from an empty table), with the
/// balances' triggers off around it.
std::string render_ledger_balances_backfill(const catalog::qualified_name& balances, const catalog::qualified_name& audit,
                                            const std::vector<std::string>& groups);

}  // namespace pgcraft::sql
