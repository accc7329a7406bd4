// The mistake of ledger_member_value.cpp (its #ifdef PGCRAFT_BROKEN section), reached through
// a generator's schema translation unit: exactly one error, on both compilers.
#define PGCRAFT_THROUGH_GENERATOR
#include "ledger_member_value.cpp"

#include <pgcraft/generator/describe.hpp>

pgcraft::generator::generator_entry pgcraft_generator_entry();
pgcraft::generator::generator_entry pgcraft_generator_entry() {
    return pgcraft::generator::describe<checked_schema>("ledger_member_value");
}
