// An extension of the inventory example: a read-only reporting role, its
// grants, a utility function, and a generator command that lists them.
#pragma once

#include <array>
#include <ostream>
#include <vector>
#include <string_view>
#include <variant>

#include <pgcraft/catalog/catalog.hpp>
#include <pgcraft/extension.hpp>

namespace inventory {

struct reporting {
    static constexpr std::string_view name = "reporting";

    static void add_objects(pgcraft::catalog::catalog& catalog) {
        namespace cat = pgcraft::catalog;
        catalog.add(cat::role{"inventory_reader", false});
        catalog.add(cat::grant{cat::id::schema("inventory"), {cat::privilege::usage}, "inventory_reader"});
        for (const cat::table* t : catalog.all<cat::table>())
            if (t->name.schema == "inventory") catalog.add(cat::grant{t->id(), {cat::privilege::select}, "inventory_reader"});

        cat::function count;
        count.name = {"inventory", "product_count"};
        count.returns = "bigint";
        count.body = "SELECT count(*) FROM inventory.products;";
        count.reads = {cat::id::table({"inventory", "products"})};
        catalog.add(cat::comment{count.id(), "How many products the catalogue lists"});
        catalog.add(count);
        catalog.add(cat::grant{count.id(), {cat::privilege::execute}, "inventory_reader"});
    }

    static int print_grants(const pgcraft::catalog::catalog& catalog, std::ostream& out) {
        for (const pgcraft::catalog::grant* g : catalog.all<pgcraft::catalog::grant>())
            out << pgcraft::catalog::describe(g->id()) << '\n';
        return 0;
    }

    static constexpr std::array<pgcraft::command, 1> commands{
        pgcraft::command{"grants", "List the grants the reporting extension makes", &print_grants}};
};

}  // namespace inventory
