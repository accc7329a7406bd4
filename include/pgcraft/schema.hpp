// The dimensions of one database: pg::schema<vendors, products>.
#pragma once

#include <pgcraft/dimension.hpp>

namespace pgcraft {

template <dimension_struct... Dimensions>
struct schema {};

}  // namespace pgcraft
