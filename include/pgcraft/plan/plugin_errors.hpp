// The mistakes a dimension's plugins or a schema's settings can make. Each is
// a class template whose arguments the compiler prints: the dimension (or
// extension), the plugins involved, and the key, group or name at fault.
#pragma once

#include <pgcraft/diagnostics.hpp>

namespace pgcraft::error {

template <class Dimension, class FirstPlugin, class SecondPlugin, class Group>
struct two_plugins_in_one_singleton_group {
    static_assert(always_false<Dimension>,
                  "pgcraft: two plugins of one singleton group (such as two primary keys) in one dimension; "
                  "keep one (arguments: the dimension, the two plugins, the group)");
};

template <class Dimension, class Plugin, class NeedsVersion, class TargetVersion>
struct plugin_needs_newer_postgres {
    static_assert(always_false<Dimension>,
                  "pgcraft: a plugin needs a newer PostgreSQL than the schema targets; raise "
                  "pg::postgres_version<...> or choose another plugin (arguments: the dimension, the plugin, "
                  "the version it needs, the schema's target)");
};

template <class Dimension, class FirstPlugin, class SecondPlugin, class Key>
struct two_plugins_produce_one_key {
    static_assert(always_false<Dimension>,
                  "pgcraft: two plugins produce the same key and neither declares that it overrides it "
                  "(overridden_keys) (arguments: the dimension, the two plugins, the key)");
};

template <class Dimension, class Plugin, class Key>
struct no_plugin_produces_required_key {
    static_assert(always_false<Dimension>,
                  "pgcraft: a plugin requires a key that no plugin of the dimension produces "
                  "(arguments: the dimension, the plugin, the key)");
};

template <class Dimension, class PluginsInCycle>
struct plugins_require_each_other_in_a_cycle {
    static_assert(always_false<Dimension>,
                  "pgcraft: these plugins require each other's keys in a cycle, so none can run first "
                  "(arguments: the dimension, the plugins in the cycle)");
};

template <class Dimension, class Column, class MemberType, class KeyType>
struct primary_key_member_has_wrong_type {
    static_assert(always_false<Dimension>,
                  "pgcraft: this member has the primary key column's name, so it is that column, and must "
                  "have the key's type (arguments: the dimension, the column, the member's type, the key's type)");
};

template <class Dimension, class Column>
struct primary_key_column_takes_only_a_comment {
    static_assert(always_false<Dimension>,
                  "pgcraft: the primary key column is made by its plugin; of the column options it takes only "
                  "pg::comment (arguments: the dimension, the column)");
};

template <class Dimension, class Plugin, class Column>
struct plugin_adds_a_column_the_struct_already_has {
    static_assert(always_false<Dimension>,
                  "pgcraft: a plugin adds a column with the name of one of the struct's members; rename the "
                  "member or configure the plugin's column name (arguments: the dimension, the plugin, the column)");
};

template <class Dimension, class Plugin, class Column>
struct plugin_names_a_column_the_dimension_does_not_have {
    static_assert(always_false<Dimension>,
                  "pgcraft: a plugin's options name a column the dimension does not have (a member, the key or a "
                  "column of its kind); correct the name (arguments: the dimension, the plugin, the column)");
};

template <class Item>
struct not_a_dimension_or_schema_setting {
    static_assert(always_false<Item>,
                  "pgcraft: pg::schema<...> takes dimension structs (with `using dimension = ...`) and schema "
                  "settings (pg::postgres_version, pg::plugins, pg::extensions, pg::postgres_extension, "
                  "pg::allow_drop) (argument: the item)");
};

template <class Setting>
struct schema_setting_given_twice {
    static_assert(always_false<Setting>,
                  "pgcraft: pg::schema<...> was given a setting twice (argument: the setting)");
};

template <class Extension, class MissingDependency>
struct extension_depends_on_an_extension_the_schema_does_not_use {
    static_assert(always_false<Extension>,
                  "pgcraft: an extension depends on another extension that is not in the schema's "
                  "pg::extensions<...> (arguments: the extension, the missing dependency)");
};

}  // namespace pgcraft::error
