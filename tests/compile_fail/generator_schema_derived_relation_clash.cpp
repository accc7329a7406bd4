// The mistake of schema_derived_relation_clash.cpp (its #ifdef PGCRAFT_BROKEN section), reached through
// a generator's schema translation unit: exactly one error, on both compilers.
#define PGCRAFT_THROUGH_GENERATOR
#include "schema_derived_relation_clash.cpp"

#include <pgcraft/generator/describe.hpp>

pgcraft::generator::generator_entry pgcraft_generator_entry();
pgcraft::generator::generator_entry pgcraft_generator_entry() {
    return pgcraft::generator::describe<checked_schema>("schema_derived_relation_clash");
}
