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
        catalog.add(cat::grant{{cat::object_kind::schema, {"inventory", "inventory"}}, {"USAGE"}, "inventory_reader"});
        std::vector<cat::object_id> tables;
        for (const cat::object& o : catalog.objects())
            if (const auto* t = std::get_if<cat::table>(&o); t && t->name.schema == "inventory") tables.push_back(t->id());
        for (const cat::object_id& t : tables) catalog.add(cat::grant{t, {"SELECT"}, "inventory_reader"});

        cat::function count;
        count.name = {"inventory", "product_count"};
        count.returns = "bigint";
        count.body = "SELECT count(*) FROM inventory.products;";
        count.comment = "How many products the catalogue lists";
        count.reads = {{cat::object_kind::table, {"inventory", "products"}}};
        catalog.add(count);
        catalog.add(cat::grant{count.id(), {"EXECUTE"}, "inventory_reader"});
    }

    static int print_grants(const pgcraft::catalog::catalog& catalog, std::ostream& out) {
        for (const pgcraft::catalog::object& o : catalog.objects())
            if (const auto* g = std::get_if<pgcraft::catalog::grant>(&o)) out << pgcraft::catalog::describe(g->id()) << '\n';
        return 0;
    }

    static constexpr std::array<pgcraft::command, 1> commands{
        pgcraft::command{"grants", "List the grants the reporting extension makes", &print_grants}};
};

}  // namespace inventory
