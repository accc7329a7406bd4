// Version 3 of the evolution of a schema of simple dimensions: ../tables/v3.hpp.
#pragma once

#include "kind.hpp"

#include "../tables/v3.hpp"
