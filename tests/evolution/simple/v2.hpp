// Version 2 of the evolution of a schema of simple dimensions: ../tables/v2.hpp.
#pragma once

#include "kind.hpp"

#include "../tables/v2.hpp"
