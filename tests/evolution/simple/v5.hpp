// Version 5 of the evolution of a schema of simple dimensions: ../tables/v5.hpp.
#pragma once

#include "kind.hpp"

#include "../tables/v5.hpp"
