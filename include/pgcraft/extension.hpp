// Extensions: what a schema can use besides its dimensions.
//
//   struct audit_extension {
//       static constexpr std::string_view name = "audit";
//       using depends_on = pg::extensions<roles_extension>;     // optional
//       using plugins = pg::plugins<audit_comment<>>;           // optional: for every dimension
//       static void add_objects(auto& catalog) { ... }          // optional: roles, grants, functions
//       static constexpr std::array<pg::command, 1> commands{   // optional: generator subcommands
//           pg::command{"audit-report", "Print the audit setup", &print_report}};
//   };
//
// An extension that depends on another the schema does not use is a compile
// error naming both.
#pragma once

#include <concepts>
#include <iosfwd>
#include <string_view>

namespace pgcraft::catalog {
class catalog;
}

namespace pgcraft {

/// A generator subcommand contributed by an extension. `run` gets the schema's
/// catalog and the output stream, and returns the exit status.
struct command {
    std::string_view name;
    std::string_view description;
    int (*run)(const catalog::catalog& catalog, std::ostream& out);
};

template <class E>
concept extension = requires {
    { E::name } -> std::convertible_to<std::string_view>;
};

}  // namespace pgcraft
