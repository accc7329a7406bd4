// A small schema in two versions, the second dropping a column and a
// dimension on purpose (pg::allow_drop), and that second version's twin
// without the allowances: generator_cli_test.cmake, case migrate_new_allow_drop.
#pragma once

#include <optional>
#include <string>

#include <pgcraft/model.hpp>

namespace drop_cli::v1 {
namespace pg = pgcraft;

struct items {
    using dimension = pg::simple<pg::in_schema<"app">>;
    std::string name;
    std::optional<std::string> notes;
};

struct warehouses {
    using dimension = pg::simple<pg::in_schema<"app">>;
    std::string city;
};

using schema = pg::schema<items, warehouses>;
}  // namespace drop_cli::v1
