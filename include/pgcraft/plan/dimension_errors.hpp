// The mistakes a dimension declaration can make. Each is a class template
// whose arguments the compiler prints: the dimension struct, then the culprit.
#pragma once

#include <pgcraft/diagnostics.hpp>

namespace pgcraft::error {

template <class Dimension, class Option>
struct not_an_option_of_this_dimension_kind {
    static_assert(always_false<Dimension>,
                  "pgcraft: the dimension's kind was given something that is not one of its options "
                  "(arguments: the dimension, the option)");
};

template <class Dimension, class OptionName>
struct option_given_twice {
    static_assert(always_false<Dimension>,
                  "pgcraft: the dimension was given the same option twice (arguments: the dimension, the option)");
};

template <class Dimension, class Column>
struct column_option_names_unknown_column {
    static_assert(always_false<Dimension>,
                  "pgcraft: pg::column<...> names no member of the struct: a misspelt member, or a column that "
                  "a plugin adds (a key plugin's key, created_at, updated_at), whose options are the plugin's to "
                  "give (arguments: the dimension, the column)");
};

template <class Dimension, class Column>
struct column_options_given_twice {
    static_assert(always_false<Dimension>,
                  "pgcraft: two pg::column<...> entries name the same column; merge them "
                  "(arguments: the dimension, the column)");
};

template <class Dimension, class Column>
struct not_a_column_option {
    static_assert(always_false<Dimension>,
                  "pgcraft: pg::column<...> was given something that is not a column option "
                  "(pg::sql_default, pg::comment, pg::column_type, pg::generated, pg::renamed_from, "
                  "pg::convert_using, pg::backfill), one of them twice, or both "
                  "a default and pg::generated (arguments: the dimension, the column)");
};

template <class Dimension, class Column>
struct default_is_not_one_sql_expression {
    static_assert(always_false<Dimension>,
                  "pgcraft: a pg::sql_default or pg::generated must be one SQL expression: non-empty, quotes "
                  "closed, brackets balanced, no ';' and no comment (arguments: the dimension, the column)");
};

template <class Dimension, class Column, class Type>
struct column_type_is_not_a_type_name {
    static_assert(always_false<Dimension>,
                  "pgcraft: pg::column_type<...> must name a type and nothing more: words (optionally "
                  "schema-qualified), a modifier of numbers such as (10,2), array brackets; it is written into "
                  "the DDL as it is (arguments: the dimension, the column, the type)");
};

template <class Dimension, class Column, class MemberType>
struct member_type_has_no_sql_type {
    static_assert(always_false<Dimension>,
                  "pgcraft: pgcraft does not know the SQL type of this member: use a supported type "
                  "(an enum class becomes a PostgreSQL enum type), specialise pgcraft::sql_type<T>, or give "
                  "pg::column<name, pg::column_type<\"...\">> (arguments: the dimension, the column, the member's type)");
};

template <class Dimension, class Column, class Enum>
struct member_is_a_plain_enum_use_enum_class {
    static_assert(always_false<Dimension>,
                  "pgcraft: a plain (unscoped) enum is not mapped to SQL: use enum class, which becomes a "
                  "PostgreSQL enum type labelled with its enumerators' names; or specialise "
                  "pgcraft::sql_type<E>, or give pg::column<name, pg::column_type<\"...\">> "
                  "(arguments: the dimension, the column, the enum)");
};

// The range is detail::enum_probe_min and enum_probe_max (enum_names.hpp).
template <class Dimension, class Column, class Enum>
struct enum_has_no_enumerator_in_probed_range {
    static_assert(always_false<Dimension>,
                  "pgcraft: an enum class member becomes a PostgreSQL enum type whose labels are the names of "
                  "the enumerators with values from -128 to 255 (read by reflection), and this enum has none: "
                  "give it enumerators in that range (or, for an enum declared inside a class template, which "
                  "clang 14 cannot read, declare it at namespace scope), specialise pgcraft::sql_type<E>, or give "
                  "pg::column<name, pg::column_type<\"...\">> (arguments: the dimension, the column, the enum)");
};

template <class Dimension, class Column, class Enum, class Name>
struct enum_name_or_label_longer_than_63_bytes {
    static_assert(always_false<Dimension>,
                  "pgcraft: an enum class member becomes a PostgreSQL enum type named after the enum and "
                  "labelled with its enumerators' names, and PostgreSQL allows at most 63 bytes for each: "
                  "shorten the name (arguments: the dimension, the column, the enum, the name)");
};

template <class Dimension, class Name>
struct name_is_empty_or_longer_than_63_bytes {
    static_assert(always_false<Dimension>,
                  "pgcraft: PostgreSQL names are 1 to 63 bytes long, and it would silently cut a longer "
                  "one (arguments: the dimension, the name)");
};

template <class FirstDimension, class SecondDimension>
struct two_dimensions_share_a_table {
    static_assert(always_false<FirstDimension>,
                  "pgcraft: two dimensions of the schema have the same schema-qualified table name; "
                  "give one of them pg::table_name<...> or pg::in_schema<...> (arguments: the two dimensions)");
};

template <class FirstDimension, class SecondDimension, class Table, class Suffix>
struct two_dimensions_make_one_relation_name {
    static_assert(always_false<FirstDimension>,
                  "pgcraft: two dimensions make a table or view of one schema-qualified name: a history "
                  "dimension t also makes t_current, t_history and t_versions (append-only) or t_attributes "
                  "(EAV), and one of them is another dimension's table or one it makes; rename one with "
                  "pg::table_name<...> or move it with pg::in_schema<...> (arguments: the two dimensions, "
                  "the name as table and suffix)");
};

template <class Dimension, class Column>
struct member_is_a_column_the_kind_adds {
    static_assert(always_false<Dimension>,
                  "pgcraft: a member has the name of a column that the dimension's kind adds to its tables or "
                  "views (append-only: created_at, updated_at, deleted_at, valid_from, valid_to; ledger: id, "
                  "entry_id, value, created_at, reverses); rename the member (arguments: the dimension, the column)");
};

template <class Dimension, class ValueType>
struct ledger_value_type_is_not_supported {
    static_assert(always_false<Dimension>,
                  "pgcraft: a ledger's pg::ledger_value<T> is std::int64_t (bigint, the default), int (integer) or "
                  "pg::numeric<P, S> with 1 <= P <= 1000 and S <= P (arguments: the dimension, the type)");
};

template <class Dimension, class Rule, class Member>
struct ledger_rule_names_unknown_member {
    static_assert(always_false<Dimension>,
                  "pgcraft: a ledger rule (pg::double_entry, pg::balances, pg::latest, pg::idempotency_key, pg::direction) names a member that the ledger's "
                  "struct does not have (arguments: the ledger, the rule, the member)");
};

template <class Dimension, class Rule, class Member>
struct balances_group_member_is_optional {
    static_assert(always_false<Dimension>,
                  "pgcraft: pg::balances groups by a member that is optional; a group's key is never NULL, so "
                  "make the member required or leave it out of the group (arguments: the ledger, the rule, the member)");
};

template <class Dimension, class Rule, class Member>
struct balances_group_member_is_a_balances_column {
    static_assert(always_false<Dimension>,
                  "pgcraft: pg::balances groups by a member named like a column of the balances table (debits, "
                  "credits, balance, legs, updated_at); rename the member (arguments: the ledger, the rule, the member)");
};

template <class Dimension, class Limit>
struct balance_limit_without_balances {
    static_assert(always_false<Dimension>,
                  "pgcraft: a balance limit (pg::min_balance, pg::max_balance, pg::group_limits) needs the balances it limits: add "
                  "pg::balances<\"member\", ...> to the ledger (arguments: the ledger, the limit)");
};

template <class Dimension, class Limit, class Column>
struct balance_limit_condition_names_unknown_group_member {
    static_assert(always_false<Dimension>,
                  "pgcraft: a balance limit's condition names, as a <marker>, a column that is not one of the "
                  "members pg::balances groups by (arguments: the ledger, the limit, the column)");
};

template <class Dimension, class Member>
struct ledger_direction_is_not_an_enum_of_debit_and_credit {
    static_assert(always_false<Dimension>,
                  "pgcraft: pg::direction names a member that must be a required enum class with exactly the "
                  "enumerators debit and credit (arguments: the ledger, the member)");
};

template <class Dimension, class Event>
struct ledger_event_named_like_a_function_of_the_ledger {
    static_assert(always_false<Dimension>,
                  "pgcraft: a pg::event's function t_<name> would be one the ledger makes itself (reverse, commit, "
                  "audit_balances, entries_insert, immutable); rename the event (arguments: the ledger, the name)");
};

template <class Dimension, class Event>
struct two_ledger_events_share_a_name {
    static_assert(always_false<Dimension>,
                  "pgcraft: two pg::event of one ledger have one name, so they would be one function; rename one "
                  "(arguments: the ledger, the name)");
};

template <class Dimension, class Event, class Column>
struct ledger_event_names_unknown_column {
    static_assert(always_false<Dimension>,
                  "pgcraft: a pg::event's query names, as a <marker>, a column that the ledger's legs do not have: "
                  "its markers name the legs' columns, the members and value (arguments: the ledger, the event, the "
                  "column)");
};

template <class Dimension, class Event>
struct ledger_event_does_not_name_value {
    static_assert(always_false<Dimension>,
                  "pgcraft: a pg::event's query must give each leg its value, as a column named <value> "
                  "(arguments: the ledger, the event)");
};

template <class Dimension, class Event, class Parameter>
struct ledger_event_reads_undeclared_parameter {
    static_assert(always_false<Dimension>,
                  "pgcraft: a pg::event's query reads a :parameter that the event does not declare as "
                  "pg::param<\"name\", T> (arguments: the ledger, the event, the parameter)");
};

template <class Dimension, class Event, class Parameter>
struct ledger_event_parameter_has_no_sql_type {
    static_assert(always_false<Dimension>,
                  "pgcraft: a pg::param of a pg::event has a C++ type that pgcraft maps to no SQL type "
                  "(arguments: the ledger, the event, the parameter)");
};

template <class Dimension, class Schema>
struct schema_name_is_reserved_by_postgres {
    static_assert(always_false<Dimension>,
                  "pgcraft: schema names that begin with pg_ are reserved for PostgreSQL's own schemas, and "
                  "CREATE SCHEMA refuses them (arguments: the dimension, the schema)");
};

template <class Dimension, class Column>
struct default_refers_to_a_column {
    static_assert(always_false<Dimension>,
                  "pgcraft: a pg::sql_default cannot read a column (PostgreSQL computes it without the row); use "
                  "pg::generated<...> for a value computed from other columns (arguments: the dimension, the column)");
};

template <class Dimension, class Column, class MemberType>
struct member_type_parameters_out_of_range {
    static_assert(always_false<Dimension>,
                  "pgcraft: a member's type has parameters PostgreSQL refuses: varchar<N> needs 1 <= N <= 10485760, "
                  "numeric<P, S> needs 1 <= P <= 1000 and S <= P (arguments: the dimension, the column, the type)");
};

template <class Dimension, class CurrentName, class PreviousName>
struct renamed_from_is_not_a_valid_previous_name {
    static_assert(always_false<Dimension>,
                  "pgcraft: pg::renamed_from<...> gives the name the table or column had in the previous version: "
                  "1 to 63 bytes, and not the name it has now (arguments: the dimension, the table or column, "
                  "the previous name)");
};

template <class Dimension, class Column, class PreviousName>
struct two_columns_renamed_from_one_name {
    static_assert(always_false<Dimension>,
                  "pgcraft: two columns are renamed from the same previous name, and one column cannot become "
                  "two (arguments: the dimension, the second column, the previous name)");
};

template <class Dimension, class Column, class Option>
struct column_option_is_not_one_sql_expression {
    static_assert(always_false<Dimension>,
                  "pgcraft: pg::convert_using and pg::backfill must be one SQL expression: non-empty, quotes "
                  "closed, brackets balanced, no ';' and no comment (arguments: the dimension, the column, "
                  "the option)");
};

template <class Dimension, class OtherDimension, class PreviousName>
struct dimension_renamed_from_another_dimensions_table {
    static_assert(always_false<Dimension>,
                  "pgcraft: a dimension is renamed from the table of another dimension of the schema, which "
                  "still has that name; a migration could not tell which table the old one became "
                  "(arguments: the dimension, the other dimension, the previous name)");
};

// --- pg::allow_drop: drops that are meant ---

template <class Dimension, class Name>
struct allow_drop_name_is_empty_or_longer_than_63_bytes {
    static_assert(always_false<Dimension>,
                  "pgcraft: pg::allow_drop<...> names a column the previous version had, and a column's name is 1 to "
                  "63 bytes (arguments: the dimension, the name)");
};

template <class Dimension, class Name>
struct allow_drop_given_twice {
    static_assert(always_false<Dimension>,
                  "pgcraft: the dimension was given pg::allow_drop<...> twice for the same column; one is enough "
                  "(arguments: the dimension, the column)");
};

template <class Dimension, class Name>
struct allow_drop_names_a_column_the_dimension_has {
    static_assert(always_false<Dimension>,
                  "pgcraft: pg::allow_drop<...> names a column the dimension still has (a member, or one its plugins "
                  "or kind add), so there is nothing to drop; it is for a column the previous version had and this "
                  "one does not (arguments: the dimension, the column)");
};

template <class Dimension, class Column, class PreviousName>
struct allow_drop_names_a_renamed_column {
    static_assert(always_false<Dimension>,
                  "pgcraft: pg::allow_drop<...> names the previous name of a column that is renamed "
                  "(pg::renamed_from), whose values are kept, not dropped; give one or the other "
                  "(arguments: the dimension, the renamed column, the previous name)");
};

template <class Name>
struct allow_drop_of_a_dimension_names_none {
    static_assert(always_false<Name>,
                  "pgcraft: pg::allow_drop<...> given to pg::schema<...> names a dimension of the previous version by "
                  "its struct's name, and this name is empty (argument: the name)");
};

template <class Name>
struct allow_drop_of_a_dimension_given_twice {
    static_assert(always_false<Name>,
                  "pgcraft: pg::schema<...> was given pg::allow_drop<...> twice for the same dimension; one is "
                  "enough (argument: the dimension's name)");
};

template <class Dimension>
struct allow_drop_names_a_dimension_of_the_schema {
    static_assert(always_false<Dimension>,
                  "pgcraft: pg::allow_drop<...> given to pg::schema<...> names a dimension that is still in the "
                  "schema, so there is nothing to drop; it is for a dimension the previous version had, by its "
                  "struct's name (argument: the dimension)");
};

}  // namespace pgcraft::error
