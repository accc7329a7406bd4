// Version 2 of v1.hpp as v2.hpp, but with nothing declared dropped: its
// migration is refused unless the command line allows the drops.
#pragma once

#include <string>

#include <pgcraft/model.hpp>

namespace drop_cli::v2_undeclared {
namespace pg = pgcraft;

struct items {
    using dimension = pg::simple<pg::in_schema<"app">>;
    std::string name;
};

using schema = pg::schema<items>;
}  // namespace drop_cli::v2_undeclared
