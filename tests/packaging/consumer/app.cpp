// A plain application translation unit: it uses the row types, links only
// pgcraft::pgcraft, and must not see the generator's command line (CLI11).
#include <shop/shop.hpp>

#include <iostream>

#if defined(CLI11_VERSION) || defined(CLI11_VERSION_MAJOR)
#error "<pgcraft/model.hpp> must not pull in CLI11"
#endif

static_assert(pgcraft::dimension_struct<shop::customers>);

int main() {
    const shop::customers customer{"Ada", std::nullopt, 3};
    std::cout << "shop-app: " << customer.name << " visited " << customer.visits << " times\n";
    return 0;
}
