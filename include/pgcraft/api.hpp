// The API layer: a view of a dimension in an API schema (for PostgREST),
// with the privileges each role has on it. An extra plugin of the
// dimension, of any kind:
//
//   struct products {
//       using dimension = pg::simple<pg::api<pg::grant<"web_anon", "select">,
//                                            pg::grant<"web_user", "select, insert, update">,
//                                            pg::api_exclude<"cost">>>;
//       ...
//   };
//
// The view api.<table> shows the dimension's rows (all columns, those of
// pg::api_columns, or all but those of pg::api_exclude) and is written
// through like the dimension itself: it is a plain projection, so PostgreSQL
// checks each privilege on it and an operation not granted fails with
// SQLSTATE 42501. Each role gets USAGE on the API schema and nothing on the
// dimension's own schema. Roles named here are made (NOLOGIN) when missing;
// pg::postgrest<> (below, an extension of the schema) makes PostgREST's.
#pragma once

#include <array>
#include <concepts>
#include <cstddef>
#include <span>
#include <string_view>
#include <type_traits>

#include <pgcraft/diagnostics.hpp>
#include <pgcraft/fixed_string.hpp>
#include <pgcraft/kinds/api.hpp>
#include <pgcraft/plugin.hpp>

namespace pgcraft::error {
// The API options' mistakes, as class templates whose arguments the compiler prints.
template <class Role, class Privilege>
struct grant_names_an_unknown_privilege {
    static_assert(always_false<Role>, "pgcraft: pg::grant takes privileges among select, insert, update and delete, "
                                      "separated by commas (arguments: the role, the culprit)");
};
template <class Role>
struct grant_without_privileges {
    static_assert(always_false<Role>, "pgcraft: pg::grant names no privilege: give one or more of select, insert, "
                                      "update and delete (argument: the role)");
};
template <class Privilege>
struct grant_without_role {
    static_assert(always_false<Privilege>, "pgcraft: pg::grant names no role (argument: its first unknown word)");
};
template <class Api>
struct api_with_columns_and_exclude {
    static_assert(always_false<Api>, "pgcraft: pg::api takes pg::api_columns or pg::api_exclude, not both "
                                     "(argument: the API view's options)");
};
template <class Api, class Option>
struct not_an_api_option {
    static_assert(always_false<Api>, "pgcraft: pg::api takes pg::api_schema, pg::grant, pg::api_columns and "
                                     "pg::api_exclude (arguments: the API view's options, the culprit)");
};
}  // namespace pgcraft::error

namespace pgcraft {

namespace detail {
enum class api_part { schema, grant, columns, exclude };

/// The privileges of a pg::grant text ("select, insert"); `unknown` is the
/// first word that is none of them.
struct api_privilege_list {
    kinds::api_grant grant;
    std::string_view unknown;
    bool empty = true;
};

constexpr api_privilege_list parse_api_privileges(std::string_view text) {
    api_privilege_list result;
    std::size_t at = 0;
    while (at < text.size()) {
        while (at < text.size() && (text[at] == ' ' || text[at] == ',')) ++at;
        std::size_t end = at;
        while (end < text.size() && text[end] != ' ' && text[end] != ',') ++end;
        const std::string_view word = text.substr(at, end - at);
        at = end;
        if (word.empty()) continue;
        result.empty = false;
        if (word == "select") result.grant.select = true;
        else if (word == "insert") result.grant.insert = true;
        else if (word == "update") result.grant.update = true;
        else if (word == "delete") result.grant.delete_ = true;
        else if (result.unknown.empty()) result.unknown = word;
    }
    return result;
}

template <class Grant>
struct grant_role_text {
    static constexpr std::string_view text = Grant::role;
};
template <class Grant>
struct grant_unknown_text {
    static constexpr std::string_view text = Grant::parsed.unknown;
};

// The grant's mistake, as an error type, or void.
template <class Grant>
struct grant_report {
    using role = error::name_of<grant_role_text<Grant>>;
    using type = std::conditional_t<
        Grant::ok, void,
        std::conditional_t<Grant::role.empty(), error::grant_without_role<error::name_of<grant_unknown_text<Grant>>>,
                           std::conditional_t<Grant::parsed.empty, error::grant_without_privileges<role>,
                                              error::grant_names_an_unknown_privilege<
                                                  role, error::name_of<grant_unknown_text<Grant>>>>>>;
};

template <class Api>
struct api_lists_report {
    using type = std::conditional_t<Api::both_lists, error::api_with_columns_and_exclude<Api>, void>;
};

template <class Option>
concept api_option = requires {
    { Option::api_category } -> std::convertible_to<api_part>;
};
}  // namespace detail

/// The schema the API view goes to; without it, "api".
template <fixed_string Schema>
struct api_schema {
    static constexpr detail::api_part api_category = detail::api_part::schema;
    static constexpr std::string_view name = Schema.view();
};

/// Privileges on the API view for a role: "select", "select, insert, update, delete".
template <fixed_string Role, fixed_string Privileges>
struct grant {
    static constexpr detail::api_part api_category = detail::api_part::grant;
    static constexpr std::string_view role = Role.view();
    static constexpr std::string_view privileges = Privileges.view();
    static constexpr detail::api_privilege_list parsed = detail::parse_api_privileges(Privileges.view());
    static constexpr bool ok = !role.empty() && !parsed.empty && parsed.unknown.empty();
    using checked = error::raise<detail::grant_report<grant>>;
    static constexpr kinds::api_grant value{role, parsed.grant.select, parsed.grant.insert, parsed.grant.update,
                                            parsed.grant.delete_};
};

/// The columns the API view shows, in this order (the key among them, to be writable by key).
template <fixed_string... Columns>
struct api_columns {
    static constexpr detail::api_part api_category = detail::api_part::columns;
    static constexpr std::array<std::string_view, sizeof...(Columns)> list{Columns.view()...};
};

/// The columns the API view leaves out.
template <fixed_string... Columns>
struct api_exclude {
    static constexpr detail::api_part api_category = detail::api_part::exclude;
    static constexpr std::array<std::string_view, sizeof...(Columns)> list{Columns.view()...};
};

namespace detail {
template <class Option, api_part Part>
constexpr std::size_t api_count() {
    if constexpr (requires { Option::api_category; }) return Option::api_category == Part ? 1 : 0;
    return 0;
}

template <class Api, class Option>
constexpr bool api_option_ok() {
    if constexpr (api_option<Option>) return true;
    else return sizeof(error::not_an_api_option<Api, Option>) == 0;
}

template <api_part Part, class Option>
constexpr std::size_t api_list_size() {
    if constexpr (requires { Option::list; }) return Option::api_category == Part ? Option::list.size() : 0;
    return 0;
}

template <api_part Part, class Option, std::size_t N>
constexpr void append_api_list(std::array<std::string_view, N>& result, std::size_t& at) {
    if constexpr (requires { Option::list; })
        if (Option::api_category == Part)
            for (std::string_view c : Option::list) result[at++] = c;
}

template <api_part Part, class... Options>
constexpr auto api_list() {
    std::array<std::string_view, (api_list_size<Part, Options>() + ... + 0)> result{};
    std::size_t at = 0;
    (append_api_list<Part, Options>(result, at), ...);
    return result;
}

template <class Option, std::size_t N>
constexpr void append_api_grant(std::array<kinds::api_grant, N>& result, std::size_t& at) {
    if constexpr (api_count<Option, api_part::grant>() == 1) result[at++] = Option::value;
}

template <class Option>
constexpr void pick_api_schema(std::string_view& schema) {
    if constexpr (api_count<Option, api_part::schema>() == 1) schema = Option::name;
}

template <class... Options>
constexpr auto api_grants() {
    std::array<kinds::api_grant, (api_count<Options, api_part::grant>() + ... + 0)> result{};
    std::size_t at = 0;
    (append_api_grant<Options>(result, at), ...);
    return result;
}

template <class... Options>
constexpr std::string_view api_schema_of() {
    std::string_view schema = "api";
    (pick_api_schema<Options>(schema), ...);
    return schema;
}
}  // namespace detail

/// The API view of a dimension: an extra plugin, after the plugin that makes
/// the relation its rows are read and written through (key::rows).
template <class... Options>
struct api {
    static_assert((detail::api_option_ok<api, Options>() && ...));
    static constexpr bool both_lists = (detail::api_count<Options, detail::api_part::columns>() + ... + 0) > 0 &&
                                       (detail::api_count<Options, detail::api_part::exclude>() + ... + 0) > 0;
    using checked = error::raise<detail::api_lists_report<api>>;

    static constexpr std::string_view name = "api";
    static constexpr keys<"rows"> required_keys{};
    static constexpr keys<> produced_keys{};

    static constexpr auto grants = detail::api_grants<Options...>();
    static constexpr auto shown = detail::api_list<detail::api_part::columns, Options...>();
    static constexpr auto excluded = detail::api_list<detail::api_part::exclude, Options...>();
    /// Every column the options name: each must be one of the dimension's (checked with its plugins).
    static constexpr auto named_columns = [] {
        std::array<std::string_view, shown.size() + excluded.size()> all{};
        std::size_t at = 0;
        for (std::string_view c : shown) all[at++] = c;
        for (std::string_view c : excluded) all[at++] = c;
        return all;
    }();

    static void run(auto& context) {
        kinds::api_declaration declaration;
        declaration.schema = detail::api_schema_of<Options...>();
        declaration.grants = grants;
        declaration.columns = shown.empty() ? std::span<const std::string_view>(excluded)
                                            : std::span<const std::string_view>(shown);
        declaration.exclude = shown.empty();
        kinds::add_api_view(context, declaration);
    }
};

/// An extension of the schema: the roles PostgREST expects, with safe
/// defaults. `Authenticator` logs in, NOINHERIT, with no password in any
/// generated file; it can do nothing until it switches (SET ROLE) to
/// `Anonymous` or `Authenticated`, NOLOGIN, which the API views grant to.
///   using schema = pg::schema<pg::extensions<pg::postgrest<>>, products>;
template <fixed_string Authenticator = "authenticator", fixed_string Anonymous = "anon",
          fixed_string Authenticated = "authenticated">
struct postgrest {
    static constexpr std::string_view name = "postgrest";
    static void add_objects(auto& catalog) {
        kinds::add_postgrest_roles(catalog, {Authenticator.view(), Anonymous.view(), Authenticated.view()});
    }
};

}  // namespace pgcraft
