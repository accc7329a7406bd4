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

/// One hazard of one migration, naming its object.
struct hazard {
    std::string code;
    std::string message;  ///< one line: "drops column app.items.price and its values"
    friend bool operator==(const hazard&, const hazard&) = default;
};

}  // namespace pgcraft::migrate
