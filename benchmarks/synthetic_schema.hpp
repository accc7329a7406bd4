// The synthetic schema of the benchmarks: N dimensions of ten members each,
// two in three simple and one in three append-only (an entity and a versions
// table, two views, a function and three triggers with their functions),
// each in one of ten schemas. Version 2 (`changed`) changes one column's type
// in every tenth dimension, under the views of the append-only ones.
#pragma once

#include <algorithm>
#include <chrono>
#include <functional>
#include <string>
#include <vector>

#include <pgcraft/generator/plugin_context.hpp>
#include <pgcraft/kinds/history.hpp>
#include <pgcraft/kinds/simple.hpp>

namespace pgcraft_bench {
namespace cat = pgcraft::catalog;
using pgcraft::generator::dimension_info;
using pgcraft::generator::member_column;
using pgcraft::generator::plugin_context;

inline member_column member(std::string name, std::string type, bool nullable = false) {
    member_column m;
    m.column.name = std::move(name);
    m.column.type = std::move(type);
    m.column.nullable = nullable;
    return m;
}

inline pgcraft::catalog::catalog synthetic(int dimensions, bool changed) {
    pgcraft::catalog::catalog result;
    for (int s = 0; s < 10; ++s) result.add(cat::schema{"s" + std::to_string(s)});
    for (int d = 0; d < dimensions; ++d) {
        dimension_info info;
        info.name = "d" + std::to_string(d);
        info.table = {"s" + std::to_string(d % 10), info.name};
        info.comment = "Dimension " + info.name;
        const bool retyped = changed && d % 10 == 0;
        info.members = {member("name", "text"),           member("code", "varchar(16)"),
                        member("price", retyped ? "numeric(12,2)" : "numeric(10,2)"),
                        member("quantity", "integer"),    member("active", "boolean"),
                        member("note", "text", true),     member("seen_at", "timestamptz", true),
                        member("weight", "double precision"), member("rank", "bigint"),
                        member("label", "varchar(64)", true)};
        plugin_context context(std::move(info), result);
        context.set_primary_key({"id", "bigint", true, {}});
        if (d % 3 == 2) {
            pgcraft::kinds::build_append_only_tables(context, "entity", "versions");
            pgcraft::kinds::build_append_only_views(context, "entity", "versions", "view");
            pgcraft::kinds::build_append_only_writes(context, "entity", "versions", "view");
        } else {
            pgcraft::kinds::add_dimension_table(context, "primary");
            pgcraft::kinds::add_declared_constraints(context, "primary");
        }
        context.finish();
    }
    return result;
}

// The median of `repeat` runs of `work`, in seconds.
inline double seconds(int repeat, const std::function<void()>& work) {
    std::vector<double> times;
    for (int i = 0; i < repeat; ++i) {
        const auto start = std::chrono::steady_clock::now();
        work();
        times.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    }
    std::sort(times.begin(), times.end());
    return times[times.size() / 2];
}
}  // namespace pgcraft_bench
