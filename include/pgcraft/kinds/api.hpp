// The API view's builder (pgcraft/api.hpp declares it). Declared here,
// compiled once in the generator library.
#pragma once

#include <span>
#include <string_view>

namespace pgcraft::generator {
class plugin_context;
}
namespace pgcraft::catalog {
class catalog;
}

namespace pgcraft::kinds {

/// What one role may do through the API view.
struct api_grant {
    std::string_view role = {};
    bool select = false;
    bool insert = false;
    bool update = false;
    bool delete_ = false;
};

struct api_declaration {
    std::string_view schema = "api";
    std::span<const api_grant> grants = {};
    std::span<const std::string_view> columns = {};  ///< shown, or with `exclude` left out; empty: all
    bool exclude = true;
};

/// The view <schema>.<table> over the relation under key::rows, its
/// grants, USAGE on the schema for each role, and the roles when missing.
void add_api_view(generator::plugin_context& context, const api_declaration& declaration);

/// PostgREST's roles: the one it logs in as and the two it switches to.
struct postgrest_roles {
    std::string_view authenticator = "authenticator";
    std::string_view anonymous = "anon";
    std::string_view authenticated = "authenticated";
};

/// `authenticator` LOGIN NOINHERIT (no password: it is set at deploy time),
/// member of `anonymous` and `authenticated`, both NOLOGIN.
void add_postgrest_roles(catalog::catalog& catalog, const postgrest_roles& roles);

}  // namespace pgcraft::kinds
