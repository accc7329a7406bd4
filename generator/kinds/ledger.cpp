// The ledger: an immutable table of legs, written through <table>_entries
// (INSERT only) and corrected by reversal, <table>_reverse(entry). Nothing
// is updated or deleted, so the table is the whole history: what a later
// slice's balances, limits and events read.
#include <pgcraft/kinds/ledger.hpp>
#include <pgcraft/kinds/migrations.hpp>

#include <stdexcept>

#include <pgcraft/generator/plugin_context.hpp>
#include <pgcraft/sql/quote.hpp>
#include <pgcraft/sql/render.hpp>

#include "../sql/templates.hpp"
#include "table_parts.hpp"

namespace pgcraft::kinds {

using generator::plugin_context;
namespace templates = sql::templates;

namespace {
// Strictly increasing, so that later slices can order legs and break ties with it.
constexpr std::string_view ledger_key = "id";
// The function that refuses writes, which the protection hands to the checks' tables.
constexpr std::string_view guard_key = "ledger_guard";
// The deferred trigger on <table>_heads that runs an entry's checks at COMMIT.
constexpr std::string_view commit_trigger = "pgcraft_commit";

std::string fmt_list(const std::vector<std::string>& items) {
    std::string text;
    for (const std::string& item : items) text += (text.empty() ? "" : ", ") + item;
    return text;
}

std::string reverses_constraint(const plugin_context& context, const catalog::table_definition& t) {
    return context.unused_name(t, "uq", {"reverses"});
}

// The ledger's relations that its rules add (see pgcraft/kinds/ledger.hpp).
catalog::qualified_name heads_of(const catalog::table_definition& t) {
    return {t.name.schema, derived_name(t.name.name, "_heads")};
}
catalog::qualified_name balances_of(const catalog::table_definition& t) {
    return {t.name.schema, derived_name(t.name.name, "_balances")};
}

// The type a group's sums are kept in: a bigint for integer values (wide
// enough for any sum of them), numeric for numeric ones (unbounded, as a
// sum's precision grows with the history).
std::string sum_type_of(const catalog::table_definition& t) {
    const std::string& value = t.find_column("value")->type;
    return value.starts_with("numeric") ? "numeric" : "bigint";
}

// A limit's condition, its <markers> read from the group's updated row.
templates::ledger_names::limit limit_of(const balance_limit& limit) {
    if (!limit.declared) return {};
    return {std::to_string(limit.bound),
            limit.where.empty() ? std::string() : sql::render_qualified(catalog::expression::marked(limit.where), "pgcraft_group")};
}

templates::ledger_names names_of(plugin_context& context, const catalog::table_definition& t,
                                 const ledger_rules& rules = {}) {
    const std::string view = derived_name(t.name.name, "_entries");
    templates::ledger_names n;
    n.table = sql::quote_qualified(t.name);
    n.entries = sql::quote_qualified({t.name.schema, view});
    n.ledger = t.name.schema + "." + t.name.name;
    n.view = t.name.schema + "." + view;
    n.reverse = t.name.schema + "." + derived_name(t.name.name, "_reverse");
    for (const generator::member_column& m : stored_members(context)) {
        const std::string column = sql::quote_identifier(m.column.name);
        n.stored.push_back(column);
        if (m.column.generated.empty()) n.written.push_back(column);
    }
    for (const catalog::constraint& c : t.constraints)
        if (c.kind == catalog::constraint_kind::unique && c.columns == std::vector<std::string>{"reverses"})
            n.reverses_constraint = c.name;
    if (!rules.direction.empty()) {
        const catalog::column& side = *t.find_column(rules.direction);
        n.direction = sql::quote_identifier(rules.direction);
        n.direction_type = sql::quote_qualified(side.user_type);
    }
    n.sum_type = sum_type_of(t);
    if (!rules.checks_entries()) return n;
    n.heads = sql::quote_qualified(heads_of(t));
    if (!rules.idempotency_key.empty()) n.key = sql::quote_identifier(rules.idempotency_key);
    n.double_entry = rules.double_entry;
    if (!rules.currency.empty()) n.currency = sql::quote_identifier(rules.currency);
    if (!rules.groups.empty()) n.balances = sql::quote_qualified(balances_of(t));
    for (std::string_view group : rules.groups) {
        n.groups.push_back(sql::quote_identifier(group));
        n.group_names.emplace_back(group);
    }
    if (rules.group_limits) n.limits = sql::quote_qualified({t.name.schema, derived_name(t.name.name, "_limits")});
    n.minimum = limit_of(rules.minimum);
    n.maximum = limit_of(rules.maximum);
    return n;
}

std::vector<std::string> leg_columns(plugin_context& context) {
    std::vector<std::string> columns{std::string(ledger_key), "entry_id"};
    for (const generator::member_column& m : stored_members(context)) columns.push_back(m.column.name);
    columns.insert(columns.end(), {"value", "created_at", "reverses"});
    return columns;
}
}  // namespace

std::vector<ledger_layout> ledger_layouts(const catalog::catalog& cat) {
    std::vector<ledger_layout> layouts;
    for (const catalog::trigger* commit : cat.all<catalog::trigger>()) {
        if (commit->name != commit_trigger || !commit->deferred) continue;
        const catalog::qualified_name heads{commit->on.schema, commit->on.name};
        for (const catalog::table* legs : cat.all<catalog::table>()) {
            if (legs->name.schema != heads.schema || derived_name(legs->name.name, "_heads") != heads.name) continue;
            ledger_layout layout{legs->name, heads, {}, {}, {}, {}};
            for (const catalog::column* c : cat.columns_of(heads))
                if (c->name != "entry_id" && c->name != "written_by" && c->name != "checked")
                    layout.head_columns.push_back(c->name);
            const catalog::qualified_name balances{heads.schema, derived_name(legs->name.name, "_balances")};
            if (cat.find(catalog::id::table(balances))) {
                layout.balances = balances;
                layout.audit = {heads.schema, derived_name(legs->name.name, "_audit_balances")};
                for (const catalog::constraint* c : cat.constraints_of(balances))
                    if (c->kind == catalog::constraint_kind::primary_key) layout.groups = c->columns;
            }
            layouts.push_back(std::move(layout));
        }
    }
    return layouts;
}

void build_ledger_table(plugin_context& context, std::string_view table_key, std::string_view value_type,
                        const ledger_rules& rules) {
    const generator::dimension_info& d = context.dimension();
    const primary_key_columns& key = context.primary_key();
    if (key.column != ledger_key || key.type != "bigint" || !key.identity)
        throw std::invalid_argument(context.message("gives the ledger the key ", key.column, " ", key.type,
                                                    "; a ledger's key is id bigint GENERATED ALWAYS AS IDENTITY, "
                                                    "which orders its legs: remove the key plugin"));
    catalog::table_definition t;
    t.name = d.table;
    t.comment = d.comment;
    t.add_column(key_column(context), "Strictly increasing: orders the legs");
    t.add_column({.name = "entry_id", .type = "uuid", .default_value = templates::random_uuid()},
                 "The entry this leg belongs to: the legs of one entry share it");
    for (generator::member_column& m : stored_members(context)) t.add_column(std::move(m.column), std::move(m.comment));
    t.add_column({.name = "value", .type = std::string(value_type)}, "The leg's value");
    t.add_column({.name = "created_at", .type = "timestamptz", .default_value = templates::clock_now()},
                 "When the leg was written: the real time, not the transaction's");
    t.add_column({.name = "reverses", .type = "bigint", .nullable = true},
                 "The leg this leg reverses, or NULL; a leg is reversed once");
    const std::vector<std::string> key_columns{key.column};
    t.constraints.push_back(primary_key(context.unused_name(t, "pk", key_columns), key_columns));
    add_range_checks(context, t);
    if (!rules.direction.empty()) {
        // With a direction, the side says debit or credit: a value is a magnitude.
        catalog::constraint magnitude;
        magnitude.kind = catalog::constraint_kind::check;
        magnitude.name = context.unused_name(t, "ck", {"value"});
        magnitude.check = templates::ledger_magnitude();
        magnitude.columns = {"value"};
        t.constraints.push_back(std::move(magnitude));
    }

    const std::vector<std::string> reverses{"reverses"};
    t.constraints.push_back(unique_key(reverses_constraint(context, t), reverses));
    t.constraints.push_back(foreign_key(context.unused_name(t, "fk", reverses, t.name.name), reverses, {t.name, key_columns}));

    catalog::index by_entry;
    by_entry.name = {t.name.schema, context.unused_name(t, "ix", {"entry_id"})};
    by_entry.table = t.name;
    by_entry.keys = {catalog::expression{{"", ""}, {"entry_id"}}};
    context.add_index(std::move(by_entry));
    context.produce_table(table_key, std::move(t));
}

void build_ledger_entries(plugin_context& context, std::string_view table_key, std::string_view view_key,
                          const ledger_rules& rules) {
    const catalog::table_definition& t = context.table(table_key);
    const templates::ledger_names n = names_of(context, t, rules);
    catalog::catalog& cat = context.schema_catalog();

    catalog::view entries;
    entries.name = {t.name.schema, derived_name(t.name.name, "_entries")};
    entries.query = templates::ledger_entries_query(n);
    entries.columns = leg_columns(context);
    entries.reads = {t.id()};
    for (catalog::object_id& id : column_ids(t.name, entries.columns)) entries.reads.push_back(std::move(id));
    // A leg written without its entry_id starts an entry of its own.
    entries.defaults = {{"entry_id", templates::random_uuid()}};
    for (catalog::column_default& d : member_defaults(context)) entries.defaults.push_back(std::move(d));
    entries.column_types = column_types(t, entries.columns);

    const std::string insert_name = derived_name(t.name.name, "_entries_insert");
    catalog::function insert =
        trigger_function({t.name.schema, insert_name}, templates::ledger_insert_body(n), whole_rows(t));
    insert.reads.push_back(entries.id());
    if (rules.checks_entries()) insert.reads.push_back(catalog::id::table(heads_of(t)));

    catalog::function reverse;
    reverse.name = {t.name.schema, derived_name(t.name.name, "_reverse")};
    reverse.arguments = {{"entry", "uuid"}};
    reverse.returns = templates::ledger_reverse_returns(n);
    reverse.language = catalog::language::plpgsql;
    reverse.body = templates::ledger_reverse_body(n);
    reverse.security_definer = true;
    reverse.reads = whole_rows(t);
    reverse.reads.push_back(entries.id());

    context.set(view_key, entries.id());
    context.set(key::rows, entries.id());
    cat.add(catalog::comment{entries.id(), "Every leg of " + n.ledger + "; write here, with INSERT"});
    cat.add(catalog::trigger{insert_name, entries.id(), catalog::trigger_timing::instead_of,
                             {catalog::trigger_event::insert}, insert.id()});
    cat.add(catalog::comment{insert.id(), templates::write_comment(catalog::trigger_event::insert, n.view)});
    cat.add(catalog::comment{reverse.id(), "Writes the entry that reverses the given one (each leg negated) and "
                                           "returns its legs; an entry is reversed once"});
    cat.add(std::move(entries));
    cat.add(std::move(insert));
    cat.add(std::move(reverse));
}

void protect_ledger(plugin_context& context, std::string_view table_key, std::string_view view_key) {
    const catalog::table_definition& t = context.table(table_key);
    const catalog::object_id view = context.get<catalog::object_id>(view_key);
    const templates::ledger_names n = names_of(context, t);
    catalog::catalog& cat = context.schema_catalog();

    catalog::function refuse;
    refuse.name = {t.name.schema, derived_name(t.name.name, "_immutable")};
    refuse.returns = "trigger";
    refuse.language = catalog::language::plpgsql;
    refuse.search_path = "pg_catalog, pg_temp";
    refuse.body = templates::ledger_immutable_body(n);

    using catalog::trigger_event;
    // Only the view's trigger and the ledger's functions insert; nothing updates, deletes or truncates.
    guard_table(context, t.id(), {refuse.id(), {trigger_event::insert}, {trigger_event::update, trigger_event::delete_, trigger_event::truncate}});
    // A view takes no TRUNCATE: PostgreSQL refuses it itself.
    cat.add(catalog::trigger{std::string(protect_always_trigger), view, catalog::trigger_timing::instead_of,
                             {trigger_event::update, trigger_event::delete_}, refuse.id()});
    cat.add(catalog::comment{refuse.id(), "Refuses every write to " + n.ledger +
                                              " but an INSERT through its view: an entry is corrected by reversal"});
    context.set(guard_key, refuse.id());
    cat.add(std::move(refuse));
}

void build_ledger_events(plugin_context& context, std::string_view table_key, std::string_view view_key,
                         const ledger_rules& rules) {
    const catalog::table_definition& t = context.table(table_key);
    const catalog::object_id view = context.get<catalog::object_id>(view_key);
    const templates::ledger_names n = names_of(context, t, rules);
    catalog::catalog& cat = context.schema_catalog();
    for (const ledger_event& e : rules.events) {
        catalog::function f;
        f.name = {t.name.schema, derived_name(t.name.name, "_" + std::string(e.name))};
        std::vector<std::string> parameters;
        for (const event_parameter& p : e.parameters) {
            // A function's argument takes no type modifier: PostgreSQL drops it.
            const std::string_view type = p.type.substr(0, p.type.find('('));
            f.arguments.push_back({std::string(p.name), std::string(type)});
            parameters.emplace_back(p.name);
        }
        f.returns = templates::ledger_reverse_returns(n);
        f.security_definer = true;
        if (e.scope.empty()) {
            f.language = catalog::language::sql;
            f.body = templates::ledger_event_body(n, e.query, parameters);
        } else {
            f.language = catalog::language::plpgsql;
            f.body = templates::ledger_reconciliation_body(n, e.name, e.scope, e.query, parameters);
        }
        f.reads = whole_rows(t);
        f.reads.push_back(view);
        if (cat.find(f.id()))
            throw std::invalid_argument(context.message("makes event function ", f.name.schema, ".", f.name.name,
                                                        ", which the ledger already has"));
        cat.add(catalog::comment{f.id(), e.scope.empty()
                                             ? "Event " + std::string(e.name) + " of " + n.ledger +
                                                   ": writes one entry of the legs its query gives, and returns them"
                                             : "Reconciliation " + std::string(e.name) + " of " + n.ledger +
                                                   ": one entry of the differences between the desired balances of "
                                                   "its scope and the recorded ones, and returns its legs"});
        cat.add(std::move(f));
    }
}

void build_ledger_latest(plugin_context& context, std::string_view table_key, const ledger_rules& rules) {
    const catalog::table_definition& t = context.table(table_key);
    const templates::ledger_names n = names_of(context, t);
    std::vector<std::string> groups, quoted;
    for (std::string_view g : rules.latest) {
        groups.emplace_back(g);
        quoted.push_back(sql::quote_identifier(g));
    }
    catalog::view latest;
    latest.name = {t.name.schema, derived_name(t.name.name, "_latest")};
    latest.query = templates::ledger_latest_query(n, quoted);
    latest.columns = leg_columns(context);
    latest.reads = {t.id()};
    for (catalog::object_id& id : column_ids(t.name, latest.columns)) latest.reads.push_back(std::move(id));
    latest.column_types = column_types(t, latest.columns);

    std::vector<std::string> key_columns = groups;
    key_columns.emplace_back(ledger_key);
    catalog::index by_group;
    by_group.name = {t.name.schema, context.unused_name(t, "ix", key_columns)};
    by_group.table = t.name;
    for (const std::string& c : key_columns) by_group.keys.push_back(catalog::expression{{"", ""}, {c}});
    context.add_index(std::move(by_group));

    catalog::catalog& cat = context.schema_catalog();
    cat.add(catalog::comment{latest.id(), "The latest leg of " + n.ledger + " for each " + fmt_list(groups) +
                                              ": the one with the greatest id, so that legs of one transaction "
                                              "are ordered too"});
    cat.add(std::move(latest));
}

void build_ledger_checks(plugin_context& context, std::string_view table_key, const ledger_rules& rules) {
    const catalog::table_definition& t = context.table(table_key);
    const catalog::object_id guard = context.get<catalog::object_id>(guard_key);
    const templates::ledger_names n = names_of(context, t, rules);
    catalog::catalog& cat = context.schema_catalog();
    using catalog::trigger_event;

    catalog::table_definition heads;
    heads.name = heads_of(t);
    heads.comment = "One row per entry of " + n.ledger + ", written with its first leg: the entry's checks run on it at COMMIT";
    heads.add_column({.name = "entry_id", .type = "uuid"}, "The entry");
    heads.add_column({.name = "written_by", .type = "xid8", .default_value = templates::current_transaction()},
                     "The transaction that writes the entry: no other may add legs to it");
    heads.add_column({.name = "checked", .type = "boolean", .default_value = templates::literal("false")},
                     "Whether the entry's checks ran: then no leg may join it");
    heads.constraints.push_back(primary_key(context.unused_name(heads, "pk", {"entry_id"}), {"entry_id"}));
    if (!rules.idempotency_key.empty()) {
        catalog::column key = *t.find_column(rules.idempotency_key);
        key.nullable = true;
        key.default_value = {};
        key.generated = {};
        heads.add_column(std::move(key), "The entry's idempotency key: one entry per key, a replay writes nothing");
        const std::vector<std::string> key_column{std::string(rules.idempotency_key)};
        heads.constraints.push_back(unique_key(context.unused_name(heads, "uq", key_column), key_column));
    }
    // Only the view's trigger writes a head, and the commit trigger marks it checked; nothing deletes one.
    guard_table(context, heads.id(), {guard, {trigger_event::insert, trigger_event::update},
                                      {trigger_event::delete_, trigger_event::truncate}});

    std::vector<catalog::object_id> reads = whole_rows(t);
    for (catalog::object_id& id : whole_rows(heads)) reads.push_back(std::move(id));
    if (!rules.groups.empty()) {
        catalog::table_definition balances;
        balances.name = balances_of(t);
        balances.comment = "The balance of each group of " + n.ledger + " (by " + fmt_list(n.group_names) +
                           "), updated at the COMMIT of each entry; " + derived_name(t.name.name, "_audit_balances") +
                           "() checks it against the legs";
        std::vector<std::string> group_types;
        for (std::string_view group : rules.groups) {
            catalog::column c = *t.find_column(group);
            c.default_value = {};
            c.generated = {};
            group_types.push_back(c.user_type.name.empty() ? c.type : sql::quote_qualified(c.user_type));
            balances.add_column(std::move(c), "The group's " + std::string(group));
        }
        const std::string sum = sum_type_of(t);
        const auto zero = templates::literal("0");
        balances.add_column({.name = "debits", .type = sum, .default_value = zero}, "The sum of the group's positive values");
        balances.add_column({.name = "credits", .type = sum, .default_value = zero},
                            "The sum of the group's negative values, negated");
        balances.add_column({.name = "balance", .type = sum, .generated = templates::ledger_balance()},
                            "debits - credits: the sum of the group's values");
        balances.add_column({.name = "legs", .type = "bigint", .default_value = zero}, "How many legs the group has");
        balances.add_column({.name = "updated_at", .type = "timestamptz", .default_value = templates::clock_now()},
                            "When an entry last changed the balance");
        const std::vector<std::string> key(rules.groups.begin(), rules.groups.end());
        balances.constraints.push_back(primary_key(context.unused_name(balances, "pk", key), key));
        // Only the commit trigger writes a balance; none is deleted.
        guard_table(context, balances.id(), {guard, {trigger_event::insert, trigger_event::update},
                                             {trigger_event::delete_, trigger_event::truncate}});
        for (catalog::object_id& id : whole_rows(balances)) reads.push_back(std::move(id));

        catalog::function audit;
        audit.name = {t.name.schema, derived_name(t.name.name, "_audit_balances")};
        audit.returns = templates::ledger_audit_returns(n, group_types);
        audit.volatility = catalog::volatility::stable;
        audit.body = templates::ledger_audit_body(n);
        audit.reads = reads;
        cat.add(catalog::comment{audit.id(), "Every group of " + n.ledger +
                                                 " whose recorded debits or credits differ from the sums of its legs; "
                                                 "none when the balances are right"});
        cat.add(std::move(audit));
        if (rules.group_limits) {
            // The application's table: it sets a group's own limits here; no trigger guards it.
            catalog::table_definition limits;
            limits.name = {t.name.schema, derived_name(t.name.name, "_limits")};
            limits.comment = "Each group's own balance limits in " + n.ledger +
                             ", read at COMMIT; NULL leaves the declared one";
            for (std::string_view group : rules.groups) {
                catalog::column c = *t.find_column(group);
                c.default_value = {};
                c.generated = {};
                limits.add_column(std::move(c), "The group's " + std::string(group));
            }
            limits.add_column({.name = "minimum", .type = sum, .nullable = true},
                              "The lowest balance the group may have, or NULL");
            limits.add_column({.name = "maximum", .type = sum, .nullable = true},
                              "The highest balance the group may have, or NULL");
            limits.constraints.push_back(primary_key(context.unused_name(limits, "pk", key), key));
            for (catalog::object_id& id : whole_rows(limits)) reads.push_back(std::move(id));
            context.produce_table("ledger_limits", std::move(limits));
        }
        context.produce_table("ledger_balances", std::move(balances));
    }

    catalog::function commit = trigger_function({t.name.schema, derived_name(t.name.name, "_commit")},
                                                templates::ledger_commit_body(n), reads);
    // A deferred trigger runs as whoever commits: the function runs as its owner.
    cat.add(catalog::trigger{std::string(commit_trigger), heads.id(), catalog::trigger_timing::after, {trigger_event::insert},
                             commit.id(), {}, false, true});
    cat.add(catalog::comment{commit.id(), "Checks an entry of " + n.ledger + " at COMMIT" +
                                              (rules.double_entry ? ": its legs balance" : "") +
                                              (rules.groups.empty() ? "" : "; then adds them to the balances") +
                                              (rules.minimum.declared || rules.maximum.declared ? " within their limits" : "")});
    cat.add(std::move(commit));
    context.produce_table("ledger_heads", std::move(heads));
}

}  // namespace pgcraft::kinds
