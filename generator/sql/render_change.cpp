// Drops, renames and changes in place, for migrations.
#include <pgcraft/sql/render_change.hpp>

#include <algorithm>

#include <fmt/format.h>

#include <pgcraft/sql/naming.hpp>
#include <pgcraft/sql/quote.hpp>
#include <pgcraft/sql/render.hpp>

#include "render_parts.hpp"

namespace pgcraft::sql {

using namespace pgcraft::catalog;
using namespace detail;

namespace {
std::string alter_table(const qualified_name& table) { return "ALTER TABLE " + quote_qualified(table); }

std::string function_signature(const object_id& f) {
    return fmt::format("{}({})", quote_qualified(f.qualified()), fmt::join(f.argument_types, ", "));
}

struct dropper {
    const pgcraft::catalog::catalog& cat;

    std::string operator()(const extension& e) const { return fmt::format("DROP EXTENSION {};\n", quote_identifier(e.name)); }
    std::string operator()(const role& r) const {
        // Roles belong to the cluster: another database may still use this one.
        const std::string statement = fmt::format("DROP ROLE {};", quote_identifier(r.name));
        const std::string tag = dollar_tag_for(statement);
        return fmt::format("DO {tag}\nBEGIN\n    {statement}\nEXCEPTION WHEN dependent_objects_still_exist THEN\n"
                           "    RAISE NOTICE 'role % is still used elsewhere: kept', {name};\nEND\n{tag};\n",
                           fmt::arg("tag", tag), fmt::arg("statement", statement),
                           fmt::arg("name", quote_literal(r.name)));
    }
    std::string operator()(const schema& s) const { return fmt::format("DROP SCHEMA {};\n", quote_identifier(s.name)); }
    std::string operator()(const enum_type& e) const { return fmt::format("DROP TYPE {};\n", quote_qualified(e.name)); }
    std::string operator()(const table& t) const { return fmt::format("DROP TABLE {};\n", quote_qualified(t.name)); }
    std::string operator()(const column& c) const {
        return fmt::format("{} DROP COLUMN {};\n", alter_table(c.table), quote_identifier(c.name));
    }
    std::string operator()(const constraint& c) const {
        return fmt::format("{} DROP CONSTRAINT {};\n", alter_table(c.table), quote_identifier(c.name));
    }
    std::string operator()(const index& ix) const {
        // An index goes with its table; dropped first, it would lock the table for nothing.
        if (cat.find(id::table(ix.table))) return {};
        return fmt::format("DROP INDEX {};\n", quote_qualified(ix.name));
    }
    std::string operator()(const view& v) const { return fmt::format("DROP VIEW {};\n", quote_qualified(v.name)); }
    std::string operator()(const function& f) const { return fmt::format("DROP FUNCTION {};\n", function_signature(f.id())); }
    std::string operator()(const trigger& t) const {
        return fmt::format("DROP TRIGGER {} ON {};\n", quote_identifier(t.name), quote_qualified(t.on.qualified()));
    }
    std::string operator()(const comment& c) const {
        return fmt::format("COMMENT ON {} IS NULL;\n", commented_object(cat, c.on));
    }
    std::string operator()(const grant& g) const {
        return fmt::format("REVOKE {} ON {} FROM {};\n", privilege_list(g.privileges), privileged_object(g.on),
                           quote_identifier(g.role));
    }
};
}  // namespace

std::string render_drop(const pgcraft::catalog::catalog& c, const object& o) { return std::visit(dropper{c}, o); }

std::string render_rename(const object_id& from, const object_id& to) {
    if (from.name == to.name) return {};
    const std::string name = quote_identifier(to.name);
    switch (from.kind) {
        case object_kind::table: return fmt::format("ALTER TABLE {} RENAME TO {};\n", quote_qualified(from.qualified()), name);
        case object_kind::view: return fmt::format("ALTER VIEW {} RENAME TO {};\n", quote_qualified(from.qualified()), name);
        case object_kind::index: return fmt::format("ALTER INDEX {} RENAME TO {};\n", quote_qualified(from.qualified()), name);
        case object_kind::enum_type: return fmt::format("ALTER TYPE {} RENAME TO {};\n", quote_qualified(from.qualified()), name);
        case object_kind::function: return fmt::format("ALTER FUNCTION {} RENAME TO {};\n", function_signature(from), name);
        case object_kind::schema: return fmt::format("ALTER SCHEMA {} RENAME TO {};\n", quote_identifier(from.name), name);
        case object_kind::role: return fmt::format("ALTER ROLE {} RENAME TO {};\n", quote_identifier(from.name), name);
        // Parts are renamed on their table as it is named by then.
        case object_kind::column:
            return fmt::format("{} RENAME COLUMN {} TO {};\n", alter_table(to.relation()), quote_identifier(from.name), name);
        case object_kind::constraint:
            return fmt::format("{} RENAME CONSTRAINT {} TO {};\n", alter_table(to.relation()), quote_identifier(from.name),
                               name);
        case object_kind::trigger:
            return fmt::format("ALTER TRIGGER {} ON {} RENAME TO {};\n", quote_identifier(from.name),
                               quote_qualified(to.relation()), name);
        default: return {};
    }
}

std::string render_rename_identity_sequence(const qualified_name& old_table, const std::string& old_column,
                                            const qualified_name& table, const std::string& column) {
    const std::string from = identity_sequence_name(old_table.name, old_column);
    const std::string to = identity_sequence_name(table.name, column);
    if (from == to) return {};
    return fmt::format("ALTER SEQUENCE {} RENAME TO {};\n", quote_qualified({old_table.schema, from}),
                       quote_identifier(to));
}

std::string render_alter_column(const column& before, const column& after, const expression* conversion) {
    const std::string prefix = fmt::format("{} ALTER COLUMN {}", alter_table(after.table), quote_identifier(after.name));
    std::string text;
    const bool retyped = column_type(before) != column_type(after);
    // A default of the old type may not cast to the new one: it is set again after.
    const bool default_changes = before.default_value != after.default_value || (retyped && !before.default_value.empty());
    if (default_changes && !before.default_value.empty()) text += prefix + " DROP DEFAULT;\n";
    if (before.identity && !after.identity) text += prefix + " DROP IDENTITY;\n";
    if (retyped) {
        text += fmt::format("{} TYPE {}", prefix, column_type(after));
        if (conversion) text += " USING " + render(*conversion);
        text += ";\n";
    }
    if (!before.identity && after.identity) text += prefix + " ADD GENERATED ALWAYS AS IDENTITY;\n";
    if (default_changes && !after.default_value.empty())
        text += fmt::format("{} SET DEFAULT {};\n", prefix, render(after.default_value));
    if (before.nullable && !after.nullable) text += prefix + " SET NOT NULL;\n";
    if (!before.nullable && after.nullable) text += prefix + " DROP NOT NULL;\n";
    return text;
}

namespace {
// An UPDATE, with the table's own triggers (which guard its writes) off around it.
std::string data_update(const qualified_name& table, const std::string& update, bool has_triggers) {
    if (!has_triggers) return update;
    return fmt::format("{0} DISABLE TRIGGER USER;\n{1}{0} ENABLE TRIGGER USER;\n", alter_table(table), update);
}
}  // namespace

std::string render_backfill(const column& c, const expression& value, bool has_triggers) {
    return data_update(c.table,
                       fmt::format("UPDATE {} SET {} = {} WHERE {} IS NULL;\n", quote_qualified(c.table),
                                   quote_identifier(c.name), render(value), quote_identifier(c.name)),
                       has_triggers);
}

std::string render_value_move(const qualified_name& table, const std::string& selector, const std::string& key,
                              const std::string& from, const column& to, bool has_triggers) {
    const std::string source = quote_identifier(from);
    return data_update(table,
                       fmt::format("UPDATE {} SET {} = CAST({} AS {}), {} = NULL\n    WHERE {} = {} AND {} IS NOT NULL;\n",
                                   quote_qualified(table), quote_identifier(to.name), source, column_type(to), source,
                                   quote_identifier(selector), quote_literal(key), source),
                       has_triggers);
}

std::string render_ledger_heads_backfill(const qualified_name& heads, const qualified_name& legs,
                                         const std::vector<std::string>& columns) {
    std::string repeated;
    for (const std::string& c : quoted(columns)) repeated += ", " + c;
    return data_update(heads,
                       fmt::format("INSERT INTO {heads} (entry_id{repeated})\n"
                                   "    SELECT DISTINCT ON (entry_id) entry_id{repeated} FROM {legs} ORDER BY entry_id, id;\n",
                                   fmt::arg("heads", quote_qualified(heads)), fmt::arg("legs", quote_qualified(legs)),
                                   fmt::arg("repeated", repeated)),
                       true);
}

std::string render_ledger_heads_refill(const qualified_name& heads, const qualified_name& legs,
                                       const std::vector<std::string>& columns) {
    std::vector<std::string> set;
    for (const std::string& c : quoted(columns)) set.push_back(fmt::format("{0} = first_leg.{0}", c));
    return data_update(heads,
                       fmt::format("UPDATE {heads} AS head SET {set}\n"
                                   "    FROM (SELECT DISTINCT ON (entry_id) entry_id, {columns} FROM {legs} ORDER BY entry_id, id) "
                                   "AS first_leg\n    WHERE head.entry_id = first_leg.entry_id;\n",
                                   fmt::arg("heads", quote_qualified(heads)), fmt::arg("set", fmt::join(set, ", ")),
                                   fmt::arg("columns", fmt::join(quoted(columns), ", ")),
                                   fmt::arg("legs", quote_qualified(legs))),
                       true);
}

std::string render_ledger_balances_backfill(const qualified_name& balances, const qualified_name& audit,
                                            const std::vector<std::string>& groups) {
    const std::string key = fmt::format("{}", fmt::join(quoted(groups), ", "));
    return data_update(balances,
                       fmt::format("INSERT INTO {balances} ({key}, debits, credits, legs)\n"
                                   "    SELECT {key}, actual_debits, actual_credits, actual_legs FROM {audit}();\n",
                                   fmt::arg("balances", quote_qualified(balances)), fmt::arg("key", key),
                                   fmt::arg("audit", quote_qualified(audit))),
                       true);
}

expression cast_of(const std::string& column, const std::string& type, bool through_text) {
    return {{"", std::string(through_text ? "::text::" : "::") + type}, {column}};
}

std::string render_in_transaction(const std::string& text) { return "BEGIN;\n" + text + "COMMIT;\n"; }

std::string render_build_index(const index& ix, const std::string& name) {
    return fmt::format("CREATE {}INDEX CONCURRENTLY IF NOT EXISTS {} {};\n", ix.unique ? "UNIQUE " : "",
                       quote_identifier(name), index_definition(ix));
}

std::string render_build_constraint_index(const constraint& c) {
    return fmt::format("CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS {} ON {} ({});\n", quote_identifier(c.name),
                       quote_qualified(c.table), fmt::join(quoted(c.columns), ", "));
}

namespace {
constexpr std::string_view drop_index_concurrently = "DROP INDEX CONCURRENTLY IF EXISTS ";
}

std::string render_drop_index_concurrently(const qualified_name& index) {
    return fmt::format("{}{};\n", drop_index_concurrently, quote_qualified(index));
}

bool is_drop_index_concurrently(std::string_view statement) { return statement.starts_with(drop_index_concurrently); }

std::string render_attach_constraint(const constraint& c) {
    return fmt::format("{}\n    ADD CONSTRAINT {} {} USING INDEX {};\n", alter_table(c.table), quote_identifier(c.name),
                       c.kind == constraint_kind::primary_key ? "PRIMARY KEY" : "UNIQUE", quote_identifier(c.name));
}

std::string render_add_constraint(const constraint& c, bool not_valid) {
    return fmt::format("{}\n    ADD CONSTRAINT {} {}{};\n", alter_table(c.table), quote_identifier(c.name),
                       constraint_body(c), not_valid ? " NOT VALID" : "");
}

std::string render_validate_constraint(const qualified_name& table, const std::string& name) {
    return fmt::format("{} VALIDATE CONSTRAINT {};\n", alter_table(table), quote_identifier(name));
}

namespace {
std::string not_null_check_name(const column& c) {
    const std::vector<std::string> columns{c.name};
    return convention_name("nn", c.table.name, columns);
}
}  // namespace

std::string render_not_null_check(const column& c) {
    return fmt::format("{}\n    ADD CONSTRAINT {} CHECK ({} IS NOT NULL) NOT VALID;\n", alter_table(c.table),
                       quote_identifier(not_null_check_name(c)), quote_identifier(c.name));
}

std::string render_validated_not_null(const column& c) {
    const std::string check = not_null_check_name(c);
    return render_validate_constraint(c.table, check) + render_set_not_null(c) +
           fmt::format("{} DROP CONSTRAINT {};\n", alter_table(c.table), quote_identifier(check));
}

std::string render_set_not_null(const column& c) {
    return fmt::format("{} ALTER COLUMN {} SET NOT NULL;\n", alter_table(c.table), quote_identifier(c.name));
}

std::string render_add_label(const enum_type& e, const std::string& label, const std::vector<std::string>& existing) {
    // Placed explicitly: after the label before it, which exists once the
    // labels are added in order; the first, before the first that exists.
    const auto at = std::find(e.labels.begin(), e.labels.end(), label);
    std::string place;
    if (at != e.labels.begin() && at != e.labels.end())
        place = " AFTER " + quote_literal(*(at - 1));
    else if (!existing.empty())
        place = " BEFORE " + quote_literal(existing.front());
    return fmt::format("ALTER TYPE {} ADD VALUE {}{};\n", quote_qualified(e.name), quote_literal(label), place);
}

std::string render_view_default(const view& v, const std::string& column, const expression& value) {
    const std::string prefix = fmt::format("ALTER VIEW {} ALTER COLUMN {}", quote_qualified(v.name), quote_identifier(column));
    if (value.empty()) return prefix + " DROP DEFAULT;\n";
    return fmt::format("{} SET DEFAULT {};\n", prefix, render(value));
}

std::string render_timeouts(const std::string& lock_timeout, const std::string& statement_timeout, bool in_transaction) {
    const std::string_view set = in_transaction ? "SET LOCAL" : "SET";
    return fmt::format("{0} lock_timeout = {1};\n{0} statement_timeout = {2};\n", set, quote_literal(lock_timeout),
                       quote_literal(statement_timeout));
}

std::string render_alter_role(const role& before, const role& after) {
    std::string attributes;
    if (before.login != after.login) attributes += after.login ? " LOGIN" : " NOLOGIN";
    if (before.inherit != after.inherit) attributes += after.inherit ? " INHERIT" : " NOINHERIT";
    return attributes.empty() ? attributes : fmt::format("ALTER ROLE {}{};\n", quote_identifier(after.name), attributes);
}

std::string render_role_memberships(const role& from, const role& to, bool granted) {
    std::string text;
    for (const std::string& r : to.member_of)
        if (std::find(from.member_of.begin(), from.member_of.end(), r) == from.member_of.end())
            text += granted ? fmt::format("GRANT {} TO {};\n", quote_identifier(r), quote_identifier(to.name))
                            : fmt::format("REVOKE {} FROM {};\n", quote_identifier(r), quote_identifier(to.name));
    return text;
}

namespace {
// Whether the relation `name` is there, as one of `relkinds` (a view that
// took a dropped table's name is not the table).
std::string relation_exists(const qualified_name& name, std::string_view relkinds) {
    return fmt::format("EXISTS (SELECT FROM pg_class WHERE oid = to_regclass({}) AND relkind IN ({}))",
                       quote_literal(quote_qualified(name)), relkinds);
}

// A part of a relation, by the catalog that lists it and its name there.
std::string part_exists(const object_id& id, std::string_view table, std::string_view relation_column,
                        std::string_view name_column, std::string_view extra) {
    return fmt::format("EXISTS (SELECT FROM {} WHERE {} = to_regclass({}) AND {} = {}{})", table, relation_column,
                       quote_literal(quote_qualified(id.relation())), name_column, quote_literal(id.name), extra);
}

// PostgreSQL 15's to_regprocedure raises an error, instead of answering
// NULL, for an argument type that does not exist: those are checked first.
std::string function_exists(const object_id& id) {
    const std::string call = fmt::format("to_regprocedure({}) IS NOT NULL", quote_literal(function_signature(id)));
    if (id.argument_types.empty()) return call;
    std::vector<std::string> missing;
    for (const std::string& type : id.argument_types)
        missing.push_back(fmt::format("to_regtype({}) IS NULL", quote_literal(type)));
    // In parentheses: PL/pgSQL's IF reads up to the first THEN outside them.
    return fmt::format("(CASE WHEN {} THEN false ELSE {} END)", fmt::join(missing, " OR "), call);
}

// A condition true when the object is in the database; empty for a kind not checked.
std::string exists_condition(const object_id& id) {
    switch (id.kind) {
        case object_kind::schema:
            return fmt::format("to_regnamespace({}) IS NOT NULL", quote_literal(quote_identifier(id.name)));
        case object_kind::table: return relation_exists(id.qualified(), "'r', 'p'");
        case object_kind::view: return relation_exists(id.qualified(), "'v', 'm'");
        case object_kind::index: return relation_exists(id.qualified(), "'i', 'I'");
        case object_kind::enum_type:
            return fmt::format("EXISTS (SELECT FROM pg_type WHERE oid = to_regtype({}) AND typtype = 'e')",
                               quote_literal(quote_qualified(id.qualified())));
        case object_kind::function: return function_exists(id);
        case object_kind::column:
            return part_exists(id, "pg_attribute", "attrelid", "attname", " AND attnum > 0 AND NOT attisdropped");
        case object_kind::constraint: return part_exists(id, "pg_constraint", "conrelid", "conname", "");
        case object_kind::trigger: return part_exists(id, "pg_trigger", "tgrelid", "tgname", " AND NOT tgisinternal");
        default: return {};
    }
}

std::string negated(const std::string& condition) {
    const bool one_term = condition.starts_with("EXISTS ") || condition.starts_with("(");
    return one_term ? "NOT " + condition : "NOT (" + condition + ")";
}

std::string raise_if(const std::string& condition, const object_id& id, std::string_view problem) {
    return fmt::format("    IF {} THEN\n        RAISE EXCEPTION 'pgcraft verify: % {}', {};\n    END IF;\n", condition,
                       problem, quote_literal(describe(id)));
}
}  // namespace

std::string render_verify(const std::vector<object_id>& present, const std::vector<object_id>& absent) {
    std::string checks;
    for (const object_id& id : present)
        if (const std::string exists = exists_condition(id); !exists.empty())
            checks += raise_if(negated(exists), id, "is missing");
    for (const object_id& id : absent)
        if (const std::string exists = exists_condition(id); !exists.empty())
            checks += raise_if(exists, id, "is still there");
    if (checks.empty()) return "-- nothing to check by name\n";
    const std::string tag = dollar_tag_for(checks);
    return fmt::format("DO {0}\nBEGIN\n{1}END\n{0};\n", tag, checks);
}

}  // namespace pgcraft::sql
