// The catalogue of hazard codes.
#include <pgcraft/migrate/hazards.hpp>

#include <array>

namespace pgcraft::migrate {

namespace {
constexpr std::array<hazard_kind, 13> catalogue{{
    {"PG101", "drop-schema", true, "drops a schema",
     "allow it (--allow PG101) if the schema is meant to go"},
    {"PG102", "drop-table", true, "drops a table and every row it holds",
     "declare pg::renamed_from if the table was renamed; otherwise allow it (--allow PG102)"},
    {"PG103", "drop-column", true, "drops a column and every value it holds",
     "declare pg::renamed_from if the column was renamed; otherwise allow it (--allow PG103)"},
    {"PG104", "drop-enum-label", true,
     "replaces an enum type by one without some of its labels: rows holding them make the migration fail",
     "rewrite those rows first, then allow it (--allow PG104)"},
    {"PG105", "drop-dimension", true, "drops a dimension: its tables, views, functions and their rows",
     "declare pg::renamed_from if it was renamed; otherwise allow it (--allow PG105)"},
    {"PG106", "drop-looks-like-rename", true,
     "drops a column or table and adds one like it: if it was a rename, the data would be lost",
     "declare pg::renamed_from; if it is a drop, allow it (--allow PG106)"},
    {"PG201", "narrowing-type", true,
     "changes a column to a type that holds less (shorter, smaller, less precise): values may be cut or refused",
     "check the values fit, declare pg::convert_using if they need converting, then allow it (--allow PG201)"},
    {"PG202", "rewriting-type", false,
     "changes a column's type in a way that rewrites the table (and its indexes) under an exclusive lock",
     "run it when the table may be locked for as long as a full copy takes"},
    {"PG301", "add-unique", false,
     "adds a unique constraint to a table that may have rows: duplicates make the migration fail",
     "check for duplicates first"},
    {"PG302", "set-not-null", false,
     "makes an existing column NOT NULL: a NULL makes the migration fail, and the check scans the table",
     "declare pg::backfill to fill NULLs first, or check there are none"},
    {"PG303", "add-check", false,
     "adds a check or foreign key to a table that may have rows: a row that violates it makes the migration fail",
     "check the existing rows first"},
    {"PG401", "recreate-with-dependents", false,
     "drops and re-creates a view or function together with the objects that depend on it",
     "nothing, unless something outside the schema depends on them too: they are re-created from the declarations"},
    {"PG501", "revoke", false, "revokes privileges: whoever used them loses access",
     "make sure the role no longer needs them"},
}};
}  // namespace

std::span<const hazard_kind> hazard_catalogue() noexcept { return catalogue; }

const hazard_kind* find_hazard(std::string_view code) noexcept {
    for (const hazard_kind& k : catalogue)
        if (k.code == code) return &k;
    return nullptr;
}

}  // namespace pgcraft::migrate
