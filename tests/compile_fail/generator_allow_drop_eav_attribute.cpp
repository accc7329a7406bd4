// The mistake of allow_drop_eav_attribute.cpp (its #ifdef PGCRAFT_BROKEN section), reached
// through a generator's schema translation unit: exactly one error, on both compilers.
#define PGCRAFT_THROUGH_GENERATOR
#include "allow_drop_eav_attribute.cpp"

#include <pgcraft/generator/describe.hpp>

pgcraft::generator::generator_entry pgcraft_generator_entry();
pgcraft::generator::generator_entry pgcraft_generator_entry() {
    return pgcraft::generator::describe<checked_schema>("allow_drop_eav_attribute");
}
