// The mistakes a dimension's constraints can make. Each is a class template
// whose arguments the compiler prints: the dimension, what the constraint is
// (its name, or its expression), and the column at fault.
#pragma once

#include <pgcraft/diagnostics.hpp>

namespace pgcraft::error {

template <class Dimension, class Check, class Column>
struct unknown_column_in_check {
    static_assert(always_false<Dimension>,
                  "pgcraft: a pg::check refers to a column the dimension does not have "
                  "(arguments: the dimension, the check, the column)");
};

template <class Dimension, class Index, class Column>
struct unknown_column_in_index {
    static_assert(always_false<Dimension>,
                  "pgcraft: an index refers to a column the dimension does not have in a key or INCLUDE "
                  "(arguments: the dimension, the index's first key, the column)");
};

template <class Dimension, class Index, class Column>
struct unknown_column_in_index_predicate {
    static_assert(always_false<Dimension>,
                  "pgcraft: a partial index's WHERE refers to a column the dimension does not have "
                  "(arguments: the dimension, the index's first key, the column)");
};

template <class Dimension, class Column>
struct unknown_column_in_unique {
    static_assert(always_false<Dimension>,
                  "pgcraft: pg::unique names a column the dimension does not have (arguments: the dimension, "
                  "the column)");
};

template <class Dimension, class GeneratedColumn, class Column>
struct unknown_column_in_generated_column {
    static_assert(always_false<Dimension>,
                  "pgcraft: a pg::generated expression refers to a column the dimension does not have "
                  "(arguments: the dimension, the generated column, the column)");
};

template <class Dimension, class Column, class Marker>
struct unknown_column_in_convert_using {
    static_assert(always_false<Dimension>,
                  "pgcraft: a pg::convert_using expression refers to a column the dimension did not have: its "
                  "markers name the columns as the previous version named them (a renamed column by its "
                  "pg::renamed_from name) (arguments: the dimension, the converted column, the marker)");
};

template <class Dimension, class Column, class Marker>
struct unknown_column_in_backfill {
    static_assert(always_false<Dimension>,
                  "pgcraft: a pg::backfill expression refers to a column the dimension does not have "
                  "(arguments: the dimension, the filled column, the marker)");
};

template <class Dimension, class Column, class PreviousName>
struct column_renamed_from_a_column_the_dimension_has {
    static_assert(always_false<Dimension>,
                  "pgcraft: a column is renamed from the name of a column the dimension still has (a member, or "
                  "one its plugins or kind add); a migration could not tell which column the old one became "
                  "(arguments: the dimension, the renamed column, the previous name)");
};

template <class Dimension, class Construct>
struct sql_text_is_not_one_expression {
    static_assert(always_false<Dimension>,
                  "pgcraft: a check, index key or index predicate must be one SQL expression: quotes closed, "
                  "brackets balanced, no ';' and no comment (arguments: the dimension, the text)");
};

template <class Dimension, class Column>
struct unknown_column_in_foreign_key {
    static_assert(always_false<Dimension>,
                  "pgcraft: a foreign key's own column is not a column of the dimension "
                  "(arguments: the dimension, the column)");
};

template <class Dimension, class Target>
struct foreign_key_target_is_not_in_the_schema {
    static_assert(always_false<Dimension>,
                  "pgcraft: a foreign key references a dimension that is not in the same pg::schema "
                  "(arguments: the dimension, the target)");
};

template <class Dimension, class Target, class Column>
struct foreign_key_target_column_unknown {
    static_assert(always_false<Dimension>,
                  "pgcraft: a foreign key references a column its target does not have "
                  "(arguments: the dimension, the target, the column)");
};

template <class Dimension, class Target, class FirstColumn>
struct foreign_key_target_is_not_unique {
    static_assert(always_false<Dimension>,
                  "pgcraft: a foreign key must reference the target's primary key or the exact columns of "
                  "one of its pg::unique constraints (arguments: the dimension, the target, the first "
                  "referenced column)");
};

template <class Dimension, class Target>
struct foreign_key_column_counts_differ {
    static_assert(always_false<Dimension>,
                  "pgcraft: a foreign key has a different number of columns than it references "
                  "(arguments: the dimension, the target)");
};

template <class Dimension, class Column, class ColumnType, class Target, class TargetColumn, class TargetType>
struct foreign_key_column_types_differ {
    static_assert(always_false<Dimension>,
                  "pgcraft: a foreign key column's SQL type differs from the column it references "
                  "(arguments: the dimension, its column and type, the target, its column and type)");
};

template <class Dimension, class Construct>
struct constraint_not_supported_by_this_kind {
    static_assert(always_false<Dimension>,
                  "pgcraft: this dimension's kind enforces only pg::check (in its write triggers); a unique "
                  "constraint, index, foreign key or generated column on it would not be enforced, and its "
                  "attributes are not columns that pg::convert_using or pg::backfill could act on, so it is "
                  "refused (arguments: the dimension, the construct)");
};

template <class Dimension, class Name>
struct constraint_name_longer_than_63_bytes {
    static_assert(always_false<Dimension>,
                  "pgcraft: a constraint's name is at most 63 bytes: PostgreSQL would cut a longer one with only "
                  "a NOTICE (arguments: the dimension, the name)");
};

template <class Dimension>
struct index_has_no_keys {
    static_assert(always_false<Dimension>,
                  "pgcraft: pg::index<> and pg::unique_index<> need at least one key (argument: the dimension)");
};

template <class Dimension, class Method>
struct index_access_method_is_not_an_identifier {
    static_assert(always_false<Dimension>,
                  "pgcraft: ::using_method<...> names an access method: a lower-case identifier such as btree, "
                  "hash, gin, gist, spgist or brin, written into the DDL as it is (arguments: the dimension, "
                  "the method)");
};

template <class Dimension, class Marker>
struct marker_written_with_spaces {
    static_assert(always_false<Dimension>,
                  "pgcraft: a column marker is written without spaces, <price>; with spaces it would reach the "
                  "server as a comparison (arguments: the dimension, what was written)");
};

template <class Dimension, class GeneratedColumn, class Read>
struct generated_column_reads_a_generated_column {
    static_assert(always_false<Dimension>,
                  "pgcraft: a generated column cannot read another generated column (PostgreSQL refuses it); "
                  "write the other's expression in its place (arguments: the dimension, the column, the "
                  "generated column it reads)");
};

template <class Dimension, class Column>
struct set_null_on_a_not_null_column {
    static_assert(always_false<Dimension>,
                  "pgcraft: on_delete<pg::set_null> or on_update<pg::set_null> on a foreign key whose column is "
                  "NOT NULL would fail when it acts; make the member std::optional, or choose another action "
                  "(arguments: the dimension, the column)");
};

template <class Dimension, class Target, class Column>
struct foreign_key_to_a_unique_of_a_history_dimension {
    static_assert(always_false<Dimension>,
                  "pgcraft: an append-only dimension's unique columns are unique among its live entities only "
                  "(a partial unique index), which a foreign key cannot reference; reference its key "
                  "(arguments: the dimension, the target, the column)");
};

template <class Dimension, class Name>
struct two_constraints_share_a_name {
    static_assert(always_false<Dimension>,
                  "pgcraft: two constraints of the dimension have the same name (arguments: the dimension, "
                  "the name)");
};

}  // namespace pgcraft::error
