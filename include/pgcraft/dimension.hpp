// Dimension kinds and their options. A dimension is a plain aggregate struct
// that names its kind in a nested alias:
//
//   struct vendors {
//       using dimension = pg::simple<pg::in_schema<"inventory">>;
//       std::string name;
//   };
#pragma once

#include <string_view>

#include <pgcraft/column.hpp>
#include <pgcraft/detail/option.hpp>
#include <pgcraft/detail/type_list.hpp>
#include <pgcraft/fixed_string.hpp>
#include <pgcraft/plugins/history.hpp>
#include <pgcraft/plugins/ledger.hpp>
#include <pgcraft/plugins/simple_table.hpp>
#include <pgcraft/plugins/table_constraints.hpp>

namespace pgcraft {

/// The PostgreSQL schema the dimension's objects live in (default "public").
template <fixed_string Name>
struct in_schema {
    static constexpr detail::option_category category = detail::option_category::schema;
    static constexpr std::string_view value = Name.view();
};

/// The table's name, when it should not be the struct's own name.
template <fixed_string Name>
struct table_name {
    static constexpr detail::option_category category = detail::option_category::table_name;
    static constexpr std::string_view value = Name.view();
};

enum class dimension_kind { simple, append_only, eav, ledger };

/// A plain table: a primary key, then one column per member.
/// Options: in_schema, table_name, comment, renamed_from, allow_drop, column, constraints and indexes
/// (pgcraft/constraints.hpp), plugins given directly
/// (added to the dimension's plugins), pg::plugins<...> (replacing the
/// kind's default plugins). Without a primary-key plugin the key is
/// pg::identity_key<"id">.
template <class... Options>
struct simple {
    static constexpr dimension_kind kind = dimension_kind::simple;
    static constexpr std::string_view kind_name = "simple";
    using default_plugins = detail::type_list<>;
    using internal_plugins = detail::type_list<simple_table<"primary">, table_constraints<"primary">>;
};

/// Append-only history (SCD type 2): an entity table, a versions table that
/// keeps every state, the view <table>_current that reads and writes the
/// current state, <table>_history and <table>_as_of(timestamptz). The backing
/// tables are written only through the view. Options as for pg::simple.
template <class... Options>
struct append_only {
    static constexpr dimension_kind kind = dimension_kind::append_only;
    static constexpr std::string_view kind_name = "append_only";
    /// Columns of the kind's own tables and views that no member may take
    /// (created_at and updated_at are its plugins' added columns).
    static constexpr std::string_view reserved_columns[] = {"deleted_at", "valid_from", "valid_to"};
    /// The tables and views it derives from its table's name t: t_versions, t_current, t_history.
    static constexpr std::string_view derived_relations[] = {"_versions", "_current", "_history"};
    using default_plugins = detail::type_list<>;
    using internal_plugins =
        detail::type_list<append_only_tables<>, append_only_views<>, append_only_writes<>, current_row_constraints<>,
                          raw_table_protection<"entity", "versions">>;
};

/// Entity-attribute-value: each member is an attribute, stored as its own
/// row with a value column of the member's SQL type, and every change is kept.
/// <table>_current pivots the attributes back into typed columns and takes
/// writes; required attributes (non-optional members) and pg::check are
/// enforced on insert and update. Unique constraints, indexes, foreign keys
/// and generated columns are compile errors on this kind.
template <class... Options>
struct eav {
    static constexpr dimension_kind kind = dimension_kind::eav;
    static constexpr std::string_view kind_name = "eav";
    static constexpr bool checks_only = true;
    /// The tables and views it derives from its table's name t: t_attributes, t_current, t_history.
    static constexpr std::string_view derived_relations[] = {"_attributes", "_current", "_history"};
    using default_plugins = detail::type_list<>;
    using internal_plugins =
        detail::type_list<eav_tables<>, eav_views_and_writes<>, raw_table_protection<"entity", "attributes">>;
};

/// An immutable ledger: each row of its table is a leg of an entry (the legs
/// of one entry share an entry_id), the struct's members are the ledger's
/// dimensions (account, sku, …), and the value column's type is
/// pg::ledger_value<T> (default std::int64_t: bigint). Legs are written with
/// INSERT into <table>_entries; nothing is updated or deleted: an entry is
/// corrected by reversing it, <table>_reverse(entry_id). Options as for
/// pg::simple, pg::ledger_value, and the rules of pgcraft/ledger_rules.hpp
/// (pg::double_entry, pg::balances, pg::min_balance, pg::max_balance,
/// pg::latest); its
/// key is always id bigint identity.
template <class... Options>
struct ledger {
    static constexpr dimension_kind kind = dimension_kind::ledger;
    static constexpr std::string_view kind_name = "ledger";
    /// The kind's own columns, which no member may take.
    static constexpr std::string_view reserved_columns[] = {"id", "entry_id", "value", "created_at", "reverses"};
    /// The relations it derives from its table's name t: t_entries, and with rules t_heads, t_balances, t_latest, t_limits.
    static constexpr std::string_view derived_relations[] = {"_entries", "_heads", "_balances", "_latest", "_limits"};
    using value_type = typename detail::ledger_value_of<Options...>::type;
    using rules = detail::ledger_rules_of<Options...>;
    using default_plugins = detail::type_list<>;
    using internal_plugins = detail::type_list<ledger_table<value_type, rules>, table_constraints<"ledger">,
                                               ledger_entries<rules>, ledger_checks<rules>, ledger_protection<>>;
};

/// A struct is a dimension struct when it names its kind as `using dimension = ...`.
template <class T>
concept dimension_struct = requires { T::dimension::kind; };

}  // namespace pgcraft
