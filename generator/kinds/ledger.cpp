// The ledger: an immutable table of legs, written through <table>_entries
// (INSERT only) and corrected by reversal, <table>_reverse(entry). Nothing
// is updated or deleted, so the table is the whole history: what a later
// slice's balances, limits and events read.
#include <pgcraft/kinds/ledger.hpp>

#include <stdexcept>

#include <pgcraft/generator/plugin_context.hpp>
#include <pgcraft/sql/quote.hpp>

#include "../sql/templates.hpp"
#include "table_parts.hpp"

namespace pgcraft::kinds {

using generator::plugin_context;
namespace templates = sql::templates;

namespace {
// Strictly increasing, so that later slices can order legs and break ties with it.
constexpr std::string_view ledger_key = "id";

std::string reverses_constraint(const plugin_context& context, const catalog::table_definition& t) {
    return context.unused_name(t, "uq", {"reverses"});
}

templates::ledger_names names_of(plugin_context& context, const catalog::table_definition& t) {
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
    return n;
}

std::vector<std::string> leg_columns(plugin_context& context) {
    std::vector<std::string> columns{std::string(ledger_key), "entry_id"};
    for (const generator::member_column& m : stored_members(context)) columns.push_back(m.column.name);
    columns.insert(columns.end(), {"value", "created_at", "reverses"});
    return columns;
}
}  // namespace

void build_ledger_table(plugin_context& context, std::string_view table_key, std::string_view value_type) {
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

void build_ledger_entries(plugin_context& context, std::string_view table_key, std::string_view view_key) {
    const catalog::table_definition& t = context.table(table_key);
    const templates::ledger_names n = names_of(context, t);
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
    cat.add(std::move(refuse));
}

}  // namespace pgcraft::kinds
