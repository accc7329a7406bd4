// What PostgreSQL itself enumerates: referential actions, trigger timing and
// events, volatility, languages and privileges. The rendering layer writes
// their SQL keywords.
#pragma once

namespace pgcraft::catalog {

/// ON DELETE / ON UPDATE of a foreign key. no_action is PostgreSQL's default.
enum class referential_action { no_action, restrict, cascade, set_null, set_default };

enum class trigger_timing { before, after, instead_of };

enum class trigger_event { insert, update, delete_, truncate };

/// volatile_ is PostgreSQL's default.
enum class volatility { volatile_, stable, immutable };

enum class language { sql, plpgsql };

enum class privilege { select, insert, update, delete_, truncate, references, trigger, usage, create, execute };

}  // namespace pgcraft::catalog
