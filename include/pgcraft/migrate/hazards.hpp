// What a migration risks, each with a stable code: data it loses, rows it may
// reject, locks it may hold long, what it takes from someone. Destructive
// hazards are refused unless allowed, by code, for the migration at hand.
#pragma once

#include <span>
#include <string>
#include <string_view>

namespace pgcraft::migrate {

struct hazard_kind {
    std::string_view code;      ///< "PG103": stable, for --allow and for searching
    std::string_view name;      ///< "drop-column"
    bool destructive;           ///< refused unless allowed
    std::string_view meaning;   ///< what it does to a database
    std::string_view proceed;   ///< what to do about it
};

/// Every hazard the diff reports, in code order: the catalogue the README lists.
std::span<const hazard_kind> hazard_catalogue() noexcept;
/// The kind of `code`, or null.
const hazard_kind* find_hazard(std::string_view code) noexcept;

/// What a column's type change does to its values and its table: nothing but
/// a catalog change (a longer varchar, varchar to text, a wider numeric at the
/// same scale), a rewrite, or a narrowing that may cut or refuse values.
enum class type_change { in_place, rewrites, narrows };
type_change classify_type_change(const std::string& from, const std::string& to);

/// Whether a column default (its SQL) may be volatile, so that adding the
/// column writes it to every row: any function call but now() and its kin.
bool may_be_volatile(std::string_view sql);

/// One hazard of one migration, naming its object.
struct hazard {
    std::string code;
    std::string message;  ///< one line: "drops column app.items.price and its values"
    friend bool operator==(const hazard&, const hazard&) = default;
};

}  // namespace pgcraft::migrate
