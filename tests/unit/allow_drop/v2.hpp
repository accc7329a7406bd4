// Version 2 of v1.hpp: the column items.notes and the dimension warehouses
// are gone, on purpose.
#pragma once

#include <string>

#include <pgcraft/model.hpp>

namespace drop_cli::v2 {
namespace pg = pgcraft;

struct items {
    using dimension = pg::simple<pg::in_schema<"app">, pg::allow_drop<"notes">>;
    std::string name;
};

using schema = pg::schema<items, pg::allow_drop<"warehouses">>;
}  // namespace drop_cli::v2
