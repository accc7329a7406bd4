// The catalog builders every kind uses: a dimension's own table (the key,
// one column per member, the key constraint and range checks) and its
// declared constraints and indexes. Declared here, compiled once in the
// generator library, so that a plugin calling them costs a schema's
// translation unit nothing.
#pragma once

#include <string_view>

namespace pgcraft::generator {
class plugin_context;
}

namespace pgcraft::kinds {

/// Produces the dimension's own table under `table_key`.
void add_dimension_table(generator::plugin_context& context, std::string_view table_key);

/// Adds `column timestamptz NOT NULL DEFAULT now()` to the table produced under `table_key`.
void add_created_at(generator::plugin_context& context, std::string_view table_key, std::string_view column);

/// Adds the declared checks, unique constraints, indexes and foreign keys
/// to the table produced under `table_key`. For a table that keeps history,
/// `current_rows_only` makes unique constraints hold among the live rows
/// (as partial unique indexes) and indexes cover only those, which is where
/// reads go.
void add_declared_constraints(generator::plugin_context& context, std::string_view table_key,
                              bool current_rows_only = false);

}  // namespace pgcraft::kinds
