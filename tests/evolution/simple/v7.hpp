// Version 7 of the evolution of a schema of simple dimensions: ../tables/v7.hpp.
#pragma once

#include "kind.hpp"

#include "../tables/v7.hpp"
