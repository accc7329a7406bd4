// The ledger's SQL: the entries view, the write through it, the reversal
// and the refusal of every other write. Each is one template; the
// placeholders are the names the kind passes. Names in messages are RAISE
// parameters, quoted as literals, so that no name can end a string or be
// read as a format.
#include "../templates.hpp"

#include <fmt/format.h>

#include <pgcraft/sql/quote.hpp>

namespace pgcraft::sql::templates {

namespace {
std::string listed(const std::vector<std::string>& items, const std::string& prefix = {}) {
    std::vector<std::string> prefixed;
    for (const std::string& item : items) prefixed.push_back(prefix + item);
    return fmt::format("{}", fmt::join(prefixed, ", "));
}

// ", a, b": the member columns between entry_id and value.
std::string members(const std::vector<std::string>& items, const std::string& prefix = {},
                    const std::string& separator = ", ") {
    std::string text;
    for (const std::string& item : items) text += separator + prefix + item;
    return text;
}
}  // namespace

// <table>_entries
std::string ledger_entries_query(const ledger_names& n) {
    return fmt::format(R"(SELECT id,
       entry_id{members},
       value,
       created_at,
       reverses
FROM {table})",
                       fmt::arg("members", members(n.stored, {}, ",\n       ")), fmt::arg("table", n.table));
}

// <table>_entries_insert: the leg as given (id and created_at are the
// table's); NEW carries what was stored, so that RETURNING shows it.
std::string ledger_insert_body(const ledger_names& n) {
    const std::string same_members =
        n.written.empty() ? ""
                          : fmt::format("\n           OR ({}) IS DISTINCT FROM ({})", listed(n.written, "NEW."),
                                        listed(n.written, "pgcraft_reversed."));
    return fmt::format(R"(DECLARE
    pgcraft_reversed {table}%ROWTYPE;
BEGIN
    IF NEW.reverses IS NOT NULL THEN
        SELECT * INTO pgcraft_reversed FROM {table} AS leg WHERE leg.id = NEW.reverses;
        IF NOT FOUND OR NEW.value IS DISTINCT FROM -pgcraft_reversed.value{same_members} THEN
            RAISE EXCEPTION 'pgcraft: a leg of ledger % that reverses leg % must negate its value and repeat its dimensions; reverse a whole entry with %(entry_id)',
                {ledger}, NEW.reverses, {reverse}
                USING ERRCODE = 'check_violation';
        END IF;
    END IF;
    INSERT INTO {table} (entry_id{written}, value, reverses)
        VALUES (NEW.entry_id{new_written}, NEW.value, NEW.reverses)
        RETURNING id, entry_id{stored}, value, created_at, reverses
        INTO NEW.id, NEW.entry_id{new_stored}, NEW.value, NEW.created_at, NEW.reverses;
    RETURN NEW;
END;)",
                       fmt::arg("table", n.table), fmt::arg("same_members", same_members),
                       fmt::arg("ledger", quote_literal(n.ledger)), fmt::arg("reverse", quote_literal(n.reverse)),
                       fmt::arg("written", members(n.written)), fmt::arg("new_written", members(n.written, "NEW.")),
                       fmt::arg("stored", members(n.stored)), fmt::arg("new_stored", members(n.stored, "NEW.")));
}

std::string ledger_reverse_returns(const ledger_names& n) { return fmt::format("SETOF {}", n.entries); }

// <table>_reverse(entry): one leg per leg of the entry, negated, in a new
// entry. The unique reverses makes a second reversal fail even when two
// run at once: the later one waits for the first and then violates it.
std::string ledger_reverse_body(const ledger_names& n) {
    return fmt::format(R"(DECLARE
    pgcraft_reversal uuid := gen_random_uuid();
    pgcraft_violated text;
BEGIN
    IF NOT EXISTS (SELECT FROM {table} AS leg WHERE leg.entry_id = $1) THEN
        RAISE EXCEPTION 'pgcraft: ledger % has no entry %', {ledger}, $1
            USING ERRCODE = 'no_data_found';
    END IF;
    RETURN QUERY
        WITH legs AS (
            INSERT INTO {entries} (entry_id{stored}, value, reverses)
            SELECT pgcraft_reversal{leg_stored}, -leg.value, leg.id
            FROM {table} AS leg
            WHERE leg.entry_id = $1
            ORDER BY leg.id
            RETURNING *)
        SELECT * FROM legs ORDER BY id;
EXCEPTION WHEN unique_violation THEN
    GET STACKED DIAGNOSTICS pgcraft_violated = CONSTRAINT_NAME;
    IF pgcraft_violated = {reverses_constraint} THEN
        RAISE EXCEPTION 'pgcraft: entry % of ledger % is already reversed', $1, {ledger}
            USING ERRCODE = 'unique_violation',
                  HINT = 'An entry is reversed once; to correct a reversal, reverse the reversing entry.';
    END IF;
    RAISE;
END;)",
                       fmt::arg("table", n.table), fmt::arg("entries", n.entries),
                       fmt::arg("ledger", quote_literal(n.ledger)), fmt::arg("stored", members(n.written)),
                       fmt::arg("leg_stored", members(n.written, "leg.")),
                       fmt::arg("reverses_constraint", quote_literal(n.reverses_constraint)));
}

// <table>_immutable()
std::string ledger_immutable_body(const ledger_names& n) {
    return fmt::format(R"(BEGIN
    IF TG_OP = 'INSERT' THEN
        RAISE EXCEPTION 'pgcraft: ledger % is written only through its view: insert the legs into %, and correct an entry by reversing it with %(entry_id)',
            {ledger}, {view}, {reverse}
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RAISE EXCEPTION 'pgcraft: ledger % is immutable, % is refused: correct an entry by reversing it with %(entry_id), then insert the right legs into %',
        {ledger}, TG_OP, {reverse}, {view}
        USING ERRCODE = 'insufficient_privilege';
END;)",
                       fmt::arg("ledger", quote_literal(n.ledger)), fmt::arg("view", quote_literal(n.view)),
                       fmt::arg("reverse", quote_literal(n.reverse)));
}

}  // namespace pgcraft::sql::templates
