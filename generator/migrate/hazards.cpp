// The catalogue of hazard codes.
#include <pgcraft/migrate/hazards.hpp>

#include <algorithm>
#include <array>
#include <string>
#include <utility>
#include <vector>

namespace pgcraft::migrate {

namespace {
constexpr std::array<hazard_kind, 15> catalogue{{
    {"PG101", "drop-schema", true, "drops a schema",
     "allow it (--allow PG101) if the schema is meant to go"},
    {"PG102", "drop-table", true, "drops a table and every row it holds",
     "declare pg::renamed_from if the table was renamed; otherwise allow it (--allow PG102)"},
    {"PG103", "drop-column", true, "drops a column and every value it holds",
     "declare pg::renamed_from if the column was renamed; otherwise declare pg::allow_drop<\"column\"> on its "
     "dimension, or allow it (--allow PG103)"},
    {"PG104", "drop-enum-label", true,
     "replaces an enum type by one without some of its labels: rows holding them make the migration fail",
     "rewrite those rows first, then allow it (--allow PG104)"},
    {"PG105", "drop-dimension", true, "drops a dimension: its tables, views, functions and their rows",
     "declare pg::renamed_from if it was renamed; otherwise declare pg::allow_drop<\"dimension\"> in its "
     "pg::schema, or allow it (--allow PG105)"},
    {"PG106", "drop-looks-like-rename", true,
     "drops a column or table and adds one like it: if it was a rename, the data would be lost",
     "declare pg::renamed_from; if it is a drop, declare pg::allow_drop of what is dropped, or allow it "
     "(--allow PG106)"},
    {"PG201", "narrowing-type", true,
     "changes a column to a type that holds less (shorter, smaller, less precise): values may be cut or refused",
     "check the values fit, declare pg::convert_using if they need converting, then allow it (--allow PG201)"},
    {"PG202", "rewriting-type", false,
     "changes a column's type in a way that rewrites the table (and its indexes) under an exclusive lock",
     "run it when the table may be locked for as long as a full copy takes"},
    {"PG203", "add-column-rewrites", false,
     "adds a column to a table that may have rows in a way that rewrites it under an exclusive lock: a default that "
     "may be volatile (a call such as gen_random_uuid()), an identity, or a stored generated column",
     "run it when the table may be locked for as long as a full copy takes, or add the column without it and fill "
     "it in batches"},
    {"PG301", "add-unique", false,
     "adds a unique constraint to a table that may have rows: duplicates make the migration fail",
     "check for duplicates first"},
    {"PG302", "set-not-null", false,
     "makes an existing column NOT NULL (through a check validated without blocking writes): a NULL makes the "
     "migration fail",
     "declare pg::backfill to fill NULLs first, or check there are none"},
    {"PG303", "add-check", false,
     "adds a check or foreign key to a table that may have rows: a row that violates it makes the migration fail",
     "check the existing rows first"},
    {"PG401", "recreate-with-dependents", false,
     "drops and re-creates a view or function together with the objects that depend on it",
     "nothing, unless something outside the schema depends on them too: they are re-created from the declarations"},
    {"PG501", "revoke", false, "revokes privileges: whoever used them loses access",
     "make sure the role no longer needs them"},
    {"PG601", "outside-transaction", false,
     "builds or drops an index concurrently, in a step of its own outside a transaction (so that writes go on): "
     "if it fails, the steps before it stay applied",
     "run migrate apply again: it goes on from the step that failed (an index build from the drop before it, which "
     "removes what a failed build left)"},
}};
}  // namespace

std::span<const hazard_kind> hazard_catalogue() noexcept { return catalogue; }

namespace {
struct type_text {
    std::string base;
    std::vector<int> modifiers;
};

type_text parse_type(const std::string& type) {
    type_text t;
    const std::size_t open = type.find('(');
    t.base = type.substr(0, open);
    if (open == std::string::npos) return t;
    std::size_t at = open + 1;
    while (at < type.size() && type[at] != ')') {
        std::size_t end = at;
        while (end < type.size() && type[end] >= '0' && type[end] <= '9') ++end;
        if (end == at) break;
        t.modifiers.push_back(std::stoi(type.substr(at, end - at)));
        at = end;
        while (at < type.size() && (type[at] == ',' || type[at] == ' ')) ++at;
    }
    return t;
}
}  // namespace

bool may_be_volatile(std::string_view sql) {
    // PostgreSQL stores a non-volatile default once instead of writing it to
    // every row; any call but these few may be volatile.
    static constexpr std::array<std::string_view, 3> stable = {"now", "transaction_timestamp", "statement_timestamp"};
    auto word_char = [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '.';
    };
    bool quoted = false;
    for (std::size_t i = 0; i < sql.size(); ++i) {
        if (sql[i] == '\'') quoted = !quoted;
        if (quoted || sql[i] != '(' || i == 0 || !word_char(sql[i - 1])) continue;
        std::size_t start = i;
        while (start > 0 && word_char(sql[start - 1])) --start;
        std::string_view name = sql.substr(start, i - start);
        if (const std::size_t dot = name.rfind('.'); dot != std::string_view::npos) name = name.substr(dot + 1);
        if (std::find(stable.begin(), stable.end(), name) == stable.end()) return true;
    }
    return false;
}

type_change classify_type_change(const std::string& from, const std::string& to) {
    const type_text a = parse_type(from), b = parse_type(to);
    auto is_varchar = [](const std::string& base) { return base == "varchar" || base == "character varying"; };
    auto rank = [](const std::string& base) {
        static const std::vector<std::vector<std::string>> ladders = {{"smallint", "integer", "bigint"},
                                                                      {"real", "double precision"}};
        for (const auto& ladder : ladders)
            for (std::size_t i = 0; i < ladder.size(); ++i)
                if (ladder[i] == base) return std::pair{&ladder, static_cast<int>(i)};
        return std::pair<const std::vector<std::string>*, int>{nullptr, 0};
    };
    if (is_varchar(a.base) && (b.base == "text" || (is_varchar(b.base) && b.modifiers.empty())))
        return type_change::in_place;
    if (is_varchar(a.base) && is_varchar(b.base) && !a.modifiers.empty() && !b.modifiers.empty())
        return b.modifiers[0] >= a.modifiers[0] ? type_change::in_place : type_change::narrows;
    if (a.base == "text" && is_varchar(b.base) && !b.modifiers.empty()) return type_change::narrows;
    if (a.base == "numeric" && b.base == "numeric") {
        if (b.modifiers.empty()) return type_change::in_place;
        if (a.modifiers.empty()) return type_change::narrows;
        const int scale_a = a.modifiers.size() > 1 ? a.modifiers[1] : 0;
        const int scale_b = b.modifiers.size() > 1 ? b.modifiers[1] : 0;
        if (b.modifiers[0] < a.modifiers[0] || scale_b < scale_a) return type_change::narrows;
        // A wider precision at the same scale is a check of the catalog only.
        return scale_b == scale_a ? type_change::in_place : type_change::rewrites;
    }
    const auto [ladder_a, rank_a] = rank(a.base);
    const auto [ladder_b, rank_b] = rank(b.base);
    if (ladder_a && ladder_a == ladder_b) return rank_b < rank_a ? type_change::narrows : type_change::rewrites;
    return type_change::rewrites;
}


const hazard_kind* find_hazard(std::string_view code) noexcept {
    for (const hazard_kind& k : catalogue)
        if (k.code == code) return &k;
    return nullptr;
}

}  // namespace pgcraft::migrate
