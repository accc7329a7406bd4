// The evolution of the tables schema (../tables/) as append-only dimensions:
// products are read and written through products_current.
#pragma once

#include <pgcraft/catalog/identity.hpp>

#define EVOLUTION_NAMESPACE evo_append
#define EVOLUTION_KIND pg::append_only
#define EVOLUTION_SCHEMA "evo_a"
#define EVOLUTION_PRODUCTS "products_current"
#define EVOLUTION_PRODUCTS_ID pgcraft::catalog::id::view({EVOLUTION_SCHEMA, EVOLUTION_PRODUCTS})
#define EVOLUTION_KEY_MEMBER
