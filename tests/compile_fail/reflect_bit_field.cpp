// Mistake: a bit-field member.
#include <pgcraft/reflect.hpp>

struct bin_flags {
    int aisle;
#ifdef PGCRAFT_BROKEN
    unsigned fragile : 1;
#else
    bool fragile;
#endif
};

void use() { (void)pgcraft::reflect::field_names<bin_flags>; }
