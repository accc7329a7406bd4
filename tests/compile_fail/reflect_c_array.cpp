// Mistake: a C array member (use std::array).
#include <array>
#include <string>

#include <pgcraft/reflect.hpp>

struct pallet_slots {
    std::string label;
#ifdef PGCRAFT_BROKEN
    int slots[3];
#else
    std::array<int, 3> slots;
#endif
};

void use() { (void)pgcraft::reflect::field_names<pallet_slots>; }
