// A schema's DDL on a fresh database of the test cluster, after the
// generator's own check, and without drift from the catalog.
#pragma once

#include <doctest/doctest.h>

#include <pgcraft/generator/build_catalog.hpp>
#include <pgcraft/generator/check.hpp>
#include <pgcraft/live/drift.hpp>
#include <pgcraft/sql/render.hpp>

#include "database_queries.hpp"
#include "pg_cluster.hpp"
#include "printers.hpp"

namespace pgcraft_it {

template <class Schema>
connection applied() {
    const auto catalog = pgcraft::generator::build_catalog<Schema>();
    const auto parse_problems = pgcraft::generator::check_sql(catalog);
    INFO(lines(parse_problems));
    CHECK(parse_problems.empty());
    connection db = fresh_database();
    apply_in_transaction(db, pgcraft::sql::render_ddl(catalog));
    const auto drift = pgcraft::live::drift(db.conninfo(), catalog);
    INFO("drift:\n" << lines(described(drift)));
    CHECK(drift.empty());
    return db;
}

}  // namespace pgcraft_it
