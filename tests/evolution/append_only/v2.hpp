// Version 2 of the evolution of a schema of append-only dimensions: ../tables/v2.hpp.
#pragma once

#include "kind.hpp"

#include "../tables/v2.hpp"
