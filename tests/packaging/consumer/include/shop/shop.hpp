// The consumer's own schema: one dimension, declared with <pgcraft/model.hpp> only.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include <pgcraft/model.hpp>

namespace shop {

namespace pg = pgcraft;

struct customers {
    using dimension = pg::simple<pg::in_schema<"shop">,
                                 pg::comment<"People who buy things">>;
    std::string name;
    std::optional<std::string> email;
    std::int32_t visits;
};

using schema = pg::schema<customers>;

}  // namespace shop
