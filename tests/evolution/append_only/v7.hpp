// Version 7 of the evolution of a schema of append-only dimensions: ../tables/v7.hpp.
#pragma once

#include "kind.hpp"

#include "../tables/v7.hpp"
