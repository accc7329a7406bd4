// Drift: how a live database differs from what the declarations make.
//
// The declared catalog is first built the way the server would keep it: its
// DDL runs in a scratch database (created next to the live one and dropped
// after, or one given), inside a transaction that is rolled back, and is read
// back. Both sides are then the server's own text, so a database made by
// `ddl` or by the migrations checks clean, and what differs is real.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <pgcraft/catalog/catalog.hpp>
#include <pgcraft/live/connection.hpp>
#include <pgcraft/live/introspect.hpp>

namespace pgcraft::live {

struct difference {
    enum class kind { missing, extra, different };
    kind what = kind::different;
    catalog::object_id id = {};
    /// For `different`: each property that differs, "default: 0 declared, 1 in the database".
    std::vector<std::string> properties = {};
    friend bool operator==(const difference&, const difference&) = default;
};

/// "missing: column app.items.notes", "different: column app.items.qty (type: …)".
std::string describe(const difference& d);

/// The differences for tools: [{"what": "different", "kind": "column",
/// "object": "column app.items.qty", "properties": ["type: …"]}, …].
std::string drift_json(const std::vector<difference>& differences);

/// Object by object, what `live` lacks, has beyond `expected`, or has
/// otherwise. A column's position is not compared: PostgreSQL appends
/// columns, so a migrated table keeps its own order.
std::vector<difference> compare(const catalog::catalog& live, const catalog::catalog& expected);

/// `declared` as the server keeps it: its DDL run in a scratch database in a
/// transaction that is rolled back (roles it would create included), then
/// read back. The scratch database is `scratch_conninfo`'s when given, which
/// must not hold the schema's objects; otherwise one created beside `db`'s
/// database and dropped after (the role needs CREATEDB). What it reads is
/// kept in $XDG_CACHE_HOME/pgcraft (else ~/.cache/pgcraft), by the SHA-256 of
/// the DDL and the server's version: building it is most of a check's time.
catalog::catalog as_the_server_keeps_it(connection& db, const std::string& conninfo, const catalog::catalog& declared,
                                        const std::optional<std::string>& scratch_conninfo = std::nullopt);

/// The live catalog in the declarations' own terms, for a migration to them
/// (diff --database): an object the server keeps as it keeps the declared
/// one (`server_form`, from as_the_server_keeps_it) is the declared one; one
/// that differs keeps its live value (a column property by property, the
/// rest as the declarations say); what the declarations lack stays as read.
/// Function identities take the declared spelling of their argument types.
catalog::catalog in_declared_terms(const catalog::catalog& live, const catalog::catalog& server_form,
                                   const catalog::catalog& declared);

/// The drift of the database at `conninfo` from `declared`.
std::vector<difference> drift(const std::string& conninfo, const catalog::catalog& declared,
                              const std::optional<std::string>& scratch_conninfo = std::nullopt);

}  // namespace pgcraft::live
