// Version 1 of the evolution of a schema of simple dimensions: ../tables/v1.hpp.
#pragma once

#include "kind.hpp"

#include "../tables/v1.hpp"
