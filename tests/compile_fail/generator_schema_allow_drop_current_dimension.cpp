// The mistake of schema_allow_drop_current_dimension.cpp (its #ifdef PGCRAFT_BROKEN section), reached
// through a generator's schema translation unit: exactly one error, on both compilers.
#define PGCRAFT_THROUGH_GENERATOR
#include "schema_allow_drop_current_dimension.cpp"

#include <pgcraft/generator/describe.hpp>

pgcraft::generator::generator_entry pgcraft_generator_entry();
pgcraft::generator::generator_entry pgcraft_generator_entry() {
    return pgcraft::generator::describe<checked_schema>("schema_allow_drop_current_dimension");
}
