// The mistake of column_unknown.cpp (its #ifdef PGCRAFT_BROKEN section), reached through
// a generator's schema translation unit: exactly one error, on both compilers.
#define PGCRAFT_THROUGH_GENERATOR
#include "column_unknown.cpp"

#include <pgcraft/generator/describe.hpp>

pgcraft::generator::generator_entry pgcraft_generator_entry();
pgcraft::generator::generator_entry pgcraft_generator_entry() {
    return pgcraft::generator::describe<checked_schema>("column_unknown");
}
