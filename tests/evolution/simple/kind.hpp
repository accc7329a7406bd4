// The evolution of the tables schema (../tables/) as simple dimensions.
#pragma once

#include <pgcraft/catalog/identity.hpp>

#define EVOLUTION_NAMESPACE evo_simple
#define EVOLUTION_KIND pg::simple
#define EVOLUTION_SCHEMA "evo_s"
#define EVOLUTION_PRODUCTS "products"
#define EVOLUTION_PRODUCTS_ID pgcraft::catalog::id::table({EVOLUTION_SCHEMA, EVOLUTION_PRODUCTS})
// A simple dimension's key is a member, so that a row read back knows it.
#define EVOLUTION_KEY_MEMBER std::int64_t id;
