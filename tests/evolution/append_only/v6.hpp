// Version 6 of the evolution of a schema of append-only dimensions: ../tables/v6.hpp.
#pragma once

#include "kind.hpp"

#include "../tables/v6.hpp"
