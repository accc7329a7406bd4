// The ledger's SQL: the entries view, the write through it, the reversal
// and the refusal of every other write. Each is one template; the
// placeholders are the names the kind passes. Names in messages are RAISE
// parameters, quoted as literals, so that no name can end a string or be
// read as a format.
#include "../templates.hpp"

#include <fmt/format.h>

#include <algorithm>

#include <pgcraft/detail/parameters.hpp>
#include <pgcraft/sql/quote.hpp>
#include <pgcraft/sql/render.hpp>

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

// With rules, the first leg of an entry writes its head, which the checks
// at COMMIT hang on; a leg of an entry that another transaction wrote
// (committed, or committing: ON CONFLICT waits for it) is refused.
static std::string head(const ledger_names& n) {
    if (n.heads.empty()) return {};
    // Its checks ran already when SET CONSTRAINTS … IMMEDIATE fired them: a
    // leg added after them would go unchecked.
    const auto refuse_checked = [&](std::string_view head, std::string_view indent) {
        return fmt::format(R"(
{indent}IF {head}.checked THEN
{indent}    RAISE EXCEPTION 'pgcraft: entry % of ledger % was checked already (SET CONSTRAINTS … IMMEDIATE ran its checks): no leg can join it',
{indent}        NEW.entry_id, {ledger}
{indent}        USING ERRCODE = 'check_violation';
{indent}END IF;)",
                           fmt::arg("indent", indent), fmt::arg("head", head), fmt::arg("ledger", quote_literal(n.ledger)));
    };
    if (n.key.empty())
        return fmt::format(R"(
    INSERT INTO {heads} AS head (entry_id) VALUES (NEW.entry_id) ON CONFLICT (entry_id) DO NOTHING;
    IF NOT FOUND THEN
        SELECT head.written_by = pg_catalog.pg_current_xact_id() AS mine, head.checked
            INTO pgcraft_head
            FROM {heads} AS head
            WHERE head.entry_id = NEW.entry_id;
        IF NOT pgcraft_head.mine THEN
            RAISE EXCEPTION 'pgcraft: entry % of ledger % was written by another transaction: the legs of an entry are written in one transaction',
                NEW.entry_id, {ledger}
                USING ERRCODE = 'check_violation',
                      HINT = 'Write the legs as a new entry; correct a committed entry by reversing it with ' || {reverse} || '(entry_id).';
        END IF;{checked}
    END IF;)",
                           fmt::arg("heads", n.heads), fmt::arg("ledger", quote_literal(n.ledger)),
                           fmt::arg("reverse", quote_literal(n.reverse)),
                           fmt::arg("checked", refuse_checked("pgcraft_head", "        ")));
    // With an idempotency key, the head carries the entry's key (unique): a
    // conflict on it is a replay, answered with the legs stored.
    std::vector<std::string> assign;
    for (const std::string& c : std::vector<std::string>{"id", "entry_id"}) assign.push_back(c);
    for (const std::string& c : n.stored) assign.push_back(c);
    for (const std::string& c : std::vector<std::string>{"value", "created_at", "reverses"}) assign.push_back(c);
    std::string answer;
    for (const std::string& c : assign) answer += fmt::format("\n            NEW.{0} := pgcraft_original.{0};", c);
    return fmt::format(R"(
    INSERT INTO {heads} AS head (entry_id, {key}) VALUES (NEW.entry_id, NEW.{key}) ON CONFLICT DO NOTHING;
    IF NOT FOUND THEN
        SELECT head.written_by = pg_catalog.pg_current_xact_id() AS mine, head.checked, head.{key} AS key
            INTO pgcraft_head
            FROM {heads} AS head
            WHERE head.entry_id = NEW.entry_id;
        IF pgcraft_head.mine THEN{checked}
        END IF;
        IF pgcraft_head.mine AND pgcraft_head.key IS NOT DISTINCT FROM NEW.{key} THEN
            NULL;  -- another leg of this transaction's entry
        ELSIF pgcraft_head.mine THEN
            RAISE EXCEPTION 'pgcraft: the legs of entry % of ledger % carry different idempotency keys, % and %',
                NEW.entry_id, {ledger}, pgcraft_head.key, NEW.{key}
                USING ERRCODE = 'check_violation';
        ELSE
            SELECT head.entry_id, head.written_by = pg_catalog.pg_current_xact_id() AS mine, head.checked
                INTO pgcraft_keyed
                FROM {heads} AS head
                WHERE head.{key} = NEW.{key};
            pgcraft_replayed := pgcraft_keyed.entry_id;
            IF pgcraft_keyed.mine THEN{keyed_checked}
                -- In the transaction that writes it, the key names the entry: the leg joins it.
                NEW.entry_id := pgcraft_replayed;
                pgcraft_replayed := NULL;
            ELSIF pgcraft_replayed IS NULL THEN
                RAISE EXCEPTION 'pgcraft: entry % of ledger % was written by another transaction: the legs of an entry are written in one transaction',
                    NEW.entry_id, {ledger}
                    USING ERRCODE = 'check_violation',
                          HINT = 'Write the legs as a new entry; correct a committed entry by reversing it with ' || {reverse} || '(entry_id).';
            END IF;
        END IF;
        IF pgcraft_replayed IS NOT NULL THEN
            -- A replay: the stored leg it repeats, which is returned and not written again.
            SELECT * INTO pgcraft_original
                FROM {table} AS leg
                WHERE leg.entry_id = pgcraft_replayed
                  AND (leg.value, leg.reverses{leg_written}) IS NOT DISTINCT FROM (NEW.value, NEW.reverses{new_written})
                ORDER BY leg.id
                LIMIT 1;
            IF NOT FOUND THEN
                RAISE EXCEPTION 'pgcraft: idempotency key % of ledger % belongs to entry %, which has no such leg: a replay repeats the entry''s legs',
                    NEW.{key}, {ledger}, pgcraft_replayed
                    USING ERRCODE = 'unique_violation';
            END IF;{answer}
            RETURN NEW;
        END IF;
    END IF;)",
                       fmt::arg("heads", n.heads), fmt::arg("key", n.key), fmt::arg("table", n.table),
                       fmt::arg("ledger", quote_literal(n.ledger)), fmt::arg("reverse", quote_literal(n.reverse)),
                       fmt::arg("leg_written", members(n.written, "leg.")),
                       fmt::arg("new_written", members(n.written, "NEW.")), fmt::arg("answer", answer),
                       fmt::arg("checked", refuse_checked("pgcraft_head", "            ")),
                       fmt::arg("keyed_checked", refuse_checked("pgcraft_keyed", "                ")));
}

// <table>_entries_insert: the leg as given (id and created_at are the
// table's); NEW carries what was stored, so that RETURNING shows it.
std::string ledger_insert_body(const ledger_names& n) {
    // With a direction, a reversing leg repeats the value on the other side.
    std::vector<std::string> repeated;
    for (const std::string& c : n.written)
        if (c != n.direction) repeated.push_back(c);
    const std::string same_members =
        repeated.empty() ? ""
                         : fmt::format("\n           OR ({}) IS DISTINCT FROM ({})", listed(repeated, "NEW."),
                                       listed(repeated, "pgcraft_reversed."));
    const std::string reversed_value =
        n.direction.empty()
            ? std::string("NEW.value IS DISTINCT FROM -pgcraft_reversed.value")
            : fmt::format("NEW.value IS DISTINCT FROM pgcraft_reversed.value\n           OR NEW.{0} IS NOT DISTINCT FROM pgcraft_reversed.{0}",
                          n.direction);
    const std::string how = n.direction.empty() ? "negate its value" : "repeat its value on the other side";
    const std::string replay_variables =
        n.heads.empty() ? ""
        : n.key.empty() ? "\n    pgcraft_head record;"
                        : fmt::format("\n    pgcraft_head record;\n    pgcraft_keyed record;\n    pgcraft_replayed uuid;\n    pgcraft_original {}%ROWTYPE;",
                                      n.table);
    return fmt::format(R"(DECLARE
    pgcraft_reversed {table}%ROWTYPE;{replay_variables}
BEGIN{head}
    IF NEW.reverses IS NOT NULL THEN
        SELECT * INTO pgcraft_reversed FROM {table} AS leg WHERE leg.id = NEW.reverses;
        IF NOT FOUND OR {reversed_value}{same_members} THEN
            RAISE EXCEPTION 'pgcraft: a leg of ledger % that reverses leg % must {how} and repeat its dimensions; reverse a whole entry with %(entry_id)',
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
                       fmt::arg("table", n.table), fmt::arg("same_members", same_members), fmt::arg("head", head(n)),
                       fmt::arg("replay_variables", replay_variables), fmt::arg("reversed_value", reversed_value),
                       fmt::arg("how", how),
                       fmt::arg("ledger", quote_literal(n.ledger)), fmt::arg("reverse", quote_literal(n.reverse)),
                       fmt::arg("written", members(n.written)), fmt::arg("new_written", members(n.written, "NEW.")),
                       fmt::arg("stored", members(n.stored)), fmt::arg("new_stored", members(n.stored, "NEW.")));
}

std::string ledger_reverse_returns(const ledger_names& n) { return fmt::format("SETOF {}", n.entries); }

// <table>_reverse(entry): one leg per leg of the entry, negated, in a new
// entry. The unique reverses makes a second reversal fail even when two
// run at once: the later one waits for the first and then violates it.
std::string ledger_reverse_body(const ledger_names& n) {
    std::string leg_written;
    for (const std::string& c : n.written)
        leg_written += c == n.direction ? fmt::format(", CASE leg.{0} WHEN 'debit' THEN 'credit'::{1} ELSE 'debit'::{1} END",
                                                      c, n.direction_type)
                                        : ", leg." + c;
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
            SELECT pgcraft_reversal{leg_stored}, {value}, leg.id
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
                       fmt::arg("leg_stored", leg_written), fmt::arg("value", n.direction.empty() ? "-leg.value" : "leg.value"),
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

namespace {
// ", leg.a, leg.b" and the like: the groups, each prefixed.
std::string prefixed(const std::vector<std::string>& items, std::string_view prefix) {
    std::vector<std::string> result;
    for (const std::string& item : items) result.push_back(fmt::format("{}{}", prefix, item));
    return fmt::format("{}", fmt::join(result, ", "));
}

// The sums of a set of legs: debits are the positive values, credits the
// negative ones, negated; with a direction, the values on each side.
std::string sums(const ledger_names& n, std::string_view indent) {
    if (!n.direction.empty())
        return fmt::format("coalesce(sum(leg.value) FILTER (WHERE leg.{side} = 'debit'), 0)::{type} AS debits,\n{indent}"
                           "coalesce(sum(leg.value) FILTER (WHERE leg.{side} = 'credit'), 0)::{type} AS credits",
                           fmt::arg("side", n.direction), fmt::arg("type", n.sum_type), fmt::arg("indent", indent));
    return fmt::format("coalesce(sum(leg.value) FILTER (WHERE leg.value > 0), 0)::{type} AS debits,\n{indent}"
                       "coalesce(-sum(leg.value) FILTER (WHERE leg.value < 0), 0)::{type} AS credits",
                       fmt::arg("type", n.sum_type), fmt::arg("indent", indent));
}

// A leg's value with its sign: debits positive, credits negative.
std::string signed_value(const ledger_names& n) {
    if (n.direction.empty()) return "leg.value";
    return fmt::format("CASE WHEN leg.{} = 'debit' THEN leg.value ELSE -leg.value END", n.direction);
}

std::string double_entry_check(const ledger_names& n) {
    if (!n.double_entry) return {};
    const bool by_currency = !n.currency.empty();
    return fmt::format(R"(
    SELECT {currency}{sums}
        INTO pgcraft_sums
        FROM {table} AS leg
        WHERE leg.entry_id = NEW.entry_id{group_by}
        HAVING coalesce(sum({signed}), 0) <> 0{order}
        LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'pgcraft: entry % of ledger % does not balance{in}: its debits are % and its credits %',
            NEW.entry_id, {ledger}, {currency_value}pgcraft_sums.debits, pgcraft_sums.credits
            USING ERRCODE = 'check_violation',
                  HINT = 'The values of an entry''s legs sum to zero (debits positive, credits negative): write the missing legs before COMMIT.';
    END IF;)",
                       fmt::arg("currency", by_currency ? fmt::format("leg.{} AS currency,\n           ", n.currency) : ""),
                       fmt::arg("sums", sums(n, "           ")), fmt::arg("table", n.table),
                       fmt::arg("group_by", by_currency ? fmt::format("\n        GROUP BY leg.{}", n.currency) : ""),
                       fmt::arg("order", by_currency ? "\n        ORDER BY 1" : ""),
                       fmt::arg("in", by_currency ? " in %" : ""), fmt::arg("ledger", quote_literal(n.ledger)),
                       fmt::arg("currency_value", by_currency ? "pgcraft_sums.currency, " : ""),
                       fmt::arg("signed", signed_value(n)));
}

// "account = alice, currency = EUR": the group a message names.
std::string group_text(const ledger_names& n) {
    std::vector<std::string> parts;
    for (std::size_t i = 0; i < n.groups.size(); ++i)
        parts.push_back(fmt::format("{} || pgcraft_group.{}", quote_literal(n.group_names[i] + " = "), n.groups[i]));
    return fmt::format("concat_ws(', ', {})", fmt::join(parts, ", "));
}

// A group's own limit (pg::group_limits, read into pgcraft_limit) wins
// over the declared one, whose condition picks the groups it applies to.
std::string limit_check(const ledger_names& n, const ledger_names::limit& limit, bool minimum) {
    const std::string own = n.limits.empty() ? "" : minimum ? "pgcraft_limit.minimum" : "pgcraft_limit.maximum";
    if (limit.bound.empty() && own.empty()) return {};
    const std::string compare = minimum ? "<" : ">";
    const std::string declared =
        limit.bound.empty() ? ""
                            : fmt::format("pgcraft_group.balance {} {}{}", compare, limit.bound,
                                          limit.where.empty() ? "" : fmt::format(" AND ({})", limit.where));
    const std::string condition =
        own.empty()        ? declared
        : declared.empty() ? fmt::format("pgcraft_group.balance {} {}", compare, own)
                           : fmt::format("pgcraft_group.balance {0} {1} OR ({1} IS NULL AND {2})", compare, own, declared);
    const std::string bound = own.empty()            ? limit.bound
                              : limit.bound.empty() ? own
                                                    : fmt::format("coalesce({}, {})", own, limit.bound);
    return fmt::format(R"(
        IF {condition} THEN
            RAISE EXCEPTION 'pgcraft: entry % of ledger % would take the balance of % to %, {past} its {which} %',
                NEW.entry_id, {ledger}, {group}, pgcraft_group.balance, {bound}
                USING ERRCODE = 'check_violation';
        END IF;)",
                       fmt::arg("condition", condition), fmt::arg("bound", bound),
                       fmt::arg("past", minimum ? "below" : "above"), fmt::arg("which", minimum ? "minimum" : "maximum"),
                       fmt::arg("ledger", quote_literal(n.ledger)), fmt::arg("group", group_text(n)));
}

// The group's own limits, when the ledger keeps them.
std::string own_limits(const ledger_names& n) {
    if (n.limits.empty()) return {};
    return fmt::format(R"(
        SELECT own.minimum, own.maximum INTO pgcraft_limit FROM {limits} AS own WHERE ({own_groups}) = ({groups});)",
                       fmt::arg("limits", n.limits), fmt::arg("own_groups", prefixed(n.groups, "own.")),
                       fmt::arg("groups", prefixed(n.groups, "pgcraft_group.")));
}

// The entry's sums per group, added to the group's balance row (made when
// missing) by one INSERT … ON CONFLICT DO UPDATE whose rows come in the
// groups' order, so that two entries lock the rows they share in one order
// and never wait for each other; a limit is checked on the updated row,
// which no other transaction can change before COMMIT.
std::string balances_update(const ledger_names& n) {
    if (n.balances.empty()) return {};
    const std::string checks = limit_check(n, n.minimum, true) + limit_check(n, n.maximum, false);
    const std::string limits = checks.empty() ? checks : own_limits(n) + checks;
    const std::string indent = limits.empty() ? "    " : "        ";
    std::string upsert = fmt::format(R"(INSERT INTO {balances} AS b ({groups}, debits, credits, legs)
    SELECT {leg_groups},
           {sums},
           count(*)
    FROM {table} AS leg
    WHERE leg.entry_id = NEW.entry_id
    GROUP BY {leg_groups}
    ORDER BY {leg_groups}
    ON CONFLICT ({groups}) DO UPDATE
    SET debits = b.debits + EXCLUDED.debits,
        credits = b.credits + EXCLUDED.credits,
        legs = b.legs + EXCLUDED.legs,
        updated_at = pg_catalog.clock_timestamp())",
                                     fmt::arg("balances", n.balances), fmt::arg("groups", fmt::join(n.groups, ", ")),
                                     fmt::arg("leg_groups", prefixed(n.groups, "leg.")),
                                     fmt::arg("sums", sums(n, "           ")), fmt::arg("table", n.table));
    // Indented as the statement it sits in.
    for (std::size_t at = 0; (at = upsert.find('\n', at)) != std::string::npos; at += 1 + indent.size())
        upsert.insert(at + 1, indent);
    if (limits.empty()) return fmt::format("\n{}{};", indent, upsert);
    return fmt::format(R"(
    FOR pgcraft_group IN
        {upsert}
            RETURNING {b_groups}, b.balance
    LOOP{limits}
    END LOOP;)",
                       fmt::arg("upsert", upsert), fmt::arg("b_groups", prefixed(n.groups, "b.")),
                       fmt::arg("limits", limits));
}
}  // namespace

namespace {
// `query` with each :parameter as $1, $2, … by its place in `parameters`.
std::string positional(std::string_view query, const std::vector<std::string>& parameters) {
    std::string text;
    std::size_t copied = 0;
    pgcraft::detail::for_each_parameter(query, [&](pgcraft::detail::parameter p) {
        text += query.substr(copied, p.begin - copied);
        const auto at = std::find(parameters.begin(), parameters.end(), p.name(query));
        text += fmt::format("${}", at - parameters.begin() + 1);
        copied = p.end;
    });
    text += query.substr(copied);
    return text;
}
}  // namespace

// <table>_<event>(…): the query's rows, in one new entry, through the
// entries view, so that they are written and checked as any other legs.
std::string ledger_event_body(const ledger_names& n, std::string_view query, const std::vector<std::string>& parameters) {
    const catalog::expression marked = catalog::expression::marked(positional(query, parameters));
    std::vector<std::string> columns, from_legs;
    for (const std::string& c : marked.columns()) {
        columns.push_back(quote_identifier(c));
        from_legs.push_back("pgcraft_legs." + quote_identifier(c));
    }
    return fmt::format(R"(WITH pgcraft_entry AS (SELECT gen_random_uuid() AS id),
pgcraft_legs AS (
{query}
)
INSERT INTO {entries} (entry_id, {columns})
SELECT pgcraft_entry.id, {from_legs}
FROM pgcraft_entry, pgcraft_legs
RETURNING *)",
                       fmt::arg("query", render(marked)), fmt::arg("entries", n.entries),
                       fmt::arg("columns", fmt::join(columns, ", ")), fmt::arg("from_legs", fmt::join(from_legs, ", ")));
}

// <table>_<reconciliation>(…): the desired balances and the scope's legs,
// negated, summed per key (UNION ALL and GROUP BY, which also groups NULL
// keys), and what is not zero written as one entry. The advisory lock on
// the scope's parameters makes a second run wait for the first and then see
// its entry, which READ COMMITTED gives each statement; a REPEATABLE READ
// snapshot would not, so that is refused.
std::string ledger_reconciliation_body(const ledger_names& n, std::string_view name, std::string_view scope,
                                       std::string_view desired, const std::vector<std::string>& parameters) {
    const catalog::expression marked = catalog::expression::marked(positional(desired, parameters));
    std::vector<std::string> keys;
    for (const std::string& c : marked.columns())
        if (c != "value") keys.push_back(quote_identifier(c));
    std::vector<std::string> arguments;
    for (std::size_t i = 0; i < parameters.size(); ++i) arguments.push_back(fmt::format("${}", i + 1));
    const std::string key_list = fmt::format("{}", fmt::join(keys, ", "));
    return fmt::format(R"(#variable_conflict use_column
BEGIN
    IF pg_catalog.current_setting('transaction_isolation') <> 'read committed' THEN
        RAISE EXCEPTION 'pgcraft: reconciliation % of ledger % runs under READ COMMITTED, not %: after waiting for another run it must see that run''s entry',
            {name}, {ledger}, pg_catalog.current_setting('transaction_isolation')
            USING ERRCODE = 'invalid_transaction_state';
    END IF;
    PERFORM pg_catalog.pg_advisory_xact_lock(pg_catalog.hashtextextended({lock} || ROW({arguments})::text, 0));
    RETURN QUERY
        WITH pgcraft_entry AS (SELECT gen_random_uuid() AS id),
        pgcraft_desired AS (
{desired}
        ),
        pgcraft_deltas AS (
            SELECT {keys}, sum(pgcraft_both.value) AS value
            FROM (SELECT {keys}, value FROM pgcraft_desired
                  UNION ALL
                  SELECT {leg_keys}, -({signed}) FROM {table} AS leg WHERE {scope}) AS pgcraft_both
            GROUP BY {keys}
            HAVING sum(pgcraft_both.value) <> 0),
        pgcraft_legs AS (
            INSERT INTO {entries} (entry_id, {keys}{side}, value)
            SELECT pgcraft_entry.id, {d_keys}{side_value}, {value}
            FROM pgcraft_entry, pgcraft_deltas AS d
            ORDER BY {d_keys}
            RETURNING *)
        SELECT * FROM pgcraft_legs ORDER BY id;
END;)",
                       fmt::arg("name", quote_literal(name)), fmt::arg("ledger", quote_literal(n.ledger)),
                       fmt::arg("lock", quote_literal(n.ledger + "." + std::string(name) + ":")),
                       fmt::arg("arguments", fmt::join(arguments, ", ")), fmt::arg("desired", render(marked)),
                       fmt::arg("keys", key_list), fmt::arg("leg_keys", prefixed(keys, "leg.")),
                       fmt::arg("table", n.table),
                       fmt::arg("scope", render_qualified(catalog::expression::marked(positional(scope, parameters)), "leg")),
                       fmt::arg("entries", n.entries), fmt::arg("d_keys", prefixed(keys, "d.")),
                       fmt::arg("signed", signed_value(n)),
                       fmt::arg("side", n.direction.empty() ? "" : ", " + n.direction),
                       fmt::arg("side_value", n.direction.empty() ? std::string()
                                                                  : fmt::format(", CASE WHEN d.value > 0 THEN 'debit'::{0} "
                                                                                "ELSE 'credit'::{0} END", n.direction_type)),
                       fmt::arg("value", n.direction.empty() ? "d.value" : "abs(d.value)"));
}

// <table>_latest: read backwards along the index on (groups, id), which
// DISTINCT ON can use when every key runs the same way.
std::string ledger_latest_query(const ledger_names& n, const std::vector<std::string>& groups) {
    std::vector<std::string> descending;
    for (const std::string& g : groups) descending.push_back("leg." + g + " DESC");
    return fmt::format(R"(SELECT DISTINCT ON ({leg_groups}) leg.id,
       leg.entry_id{members},
       leg.value,
       leg.created_at,
       leg.reverses
FROM {table} AS leg
ORDER BY {descending}, leg.id DESC)",
                       fmt::arg("leg_groups", prefixed(groups, "leg.")),
                       fmt::arg("members", members(n.stored, "leg.", ",\n       ")), fmt::arg("table", n.table),
                       fmt::arg("descending", fmt::join(descending, ", ")));
}

// <table>_commit(): a constraint trigger's function on <table>_heads,
// deferred to COMMIT, when all of the entry's legs are there.
std::string ledger_commit_body(const ledger_names& n) {
    return fmt::format(R"(DECLARE
    pgcraft_sums record;
    pgcraft_group record;{limit_variable}
BEGIN{double_entry}{balances}
    -- Checked: no leg may join the entry now (SET CONSTRAINTS … IMMEDIATE runs this before COMMIT).
    UPDATE {heads} AS head SET checked = true WHERE head.entry_id = NEW.entry_id;
    RETURN NULL;
END;)",
                       fmt::arg("double_entry", double_entry_check(n)), fmt::arg("balances", balances_update(n)),
                       fmt::arg("heads", n.heads),
                       fmt::arg("limit_variable", n.limits.empty() ? "" : "\n    pgcraft_limit record;"));
}

// <table>_audit_balances()
std::string ledger_audit_body(const ledger_names& n) {
    return fmt::format(R"(SELECT {groups}, b.debits, b.credits, b.legs, actual.debits, actual.credits, actual.legs
FROM {balances} AS b
FULL JOIN (SELECT {leg_groups},
                  {sums},
                  count(*) AS legs
           FROM {table} AS leg
           GROUP BY {leg_groups}) AS actual USING ({groups})
WHERE (b.debits, b.credits, b.legs) IS DISTINCT FROM (actual.debits, actual.credits, actual.legs)
ORDER BY {groups})",
                       fmt::arg("groups", fmt::join(n.groups, ", ")), fmt::arg("balances", n.balances),
                       fmt::arg("leg_groups", prefixed(n.groups, "leg.")), fmt::arg("sums", sums(n, "                  ")),
                       fmt::arg("table", n.table));
}

std::string ledger_audit_returns(const ledger_names& n, const std::vector<std::string>& group_types) {
    std::vector<std::string> columns;
    for (std::size_t i = 0; i < n.groups.size(); ++i) columns.push_back(n.groups[i] + " " + group_types[i]);
    for (std::string_view c : {"recorded_debits", "recorded_credits", "recorded_legs", "actual_debits", "actual_credits",
                               "actual_legs"})
        columns.push_back(fmt::format("{} {}", c, c.ends_with("legs") ? "bigint" : n.sum_type));
    return fmt::format("TABLE({})", fmt::join(columns, ", "));
}

}  // namespace pgcraft::sql::templates
