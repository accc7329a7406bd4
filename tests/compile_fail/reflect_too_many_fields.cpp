// Mistake: a dimension struct with more than 64 fields.
#include <pgcraft/model.hpp>
#include <pgcraft/plan/dimension_plan.hpp>

namespace pg = pgcraft;

struct sensor_grid {
    using dimension = pg::simple<>;
    int c00, c01, c02, c03, c04, c05, c06, c07;
    int c08, c09, c10, c11, c12, c13, c14, c15;
    int c16, c17, c18, c19, c20, c21, c22, c23;
    int c24, c25, c26, c27, c28, c29, c30, c31;
    int c32, c33, c34, c35, c36, c37, c38, c39;
    int c40, c41, c42, c43, c44, c45, c46, c47;
    int c48, c49, c50, c51, c52, c53, c54, c55;
    int c56, c57, c58, c59, c60, c61, c62, c63;
#ifdef PGCRAFT_BROKEN
    int c64;
#endif
};

void use() { (void)pgcraft::plan::table_plan_of<sensor_grid>; }
