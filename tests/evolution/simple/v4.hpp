// Version 4 of the evolution of a schema of simple dimensions: ../tables/v4.hpp.
#pragma once

#include "kind.hpp"

#include "../tables/v4.hpp"
