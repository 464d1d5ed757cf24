// The PostgreSQL store's schema and its migrations, recorded in the table
// cloudtrack_schema_version (one row per applied step). The same rules as the SQLite store: a
// schema from a newer cloudtrack, or tables of another program, are refused and left untouched.
#pragma once

#include "store/pg_conn.hpp"

namespace cloudtrack::host::store::detail {

// The newest schema this build knows: the number of migration steps.
[[nodiscard]] int pg_schema_version();

// The version the connected database records: 0 for an empty schema. Throws PgError when the
// schema holds tables of another program or comes from a newer cloudtrack.
int pg_check_schema(const PgConnection& db);

// Applies every missing step in one transaction under an advisory lock, so two processes that
// open a fresh database at once migrate it once. A login without the right to change the schema
// (an organization's person or manager role) gets one line saying who can.
void pg_migrate(const PgConnection& db);

} // namespace cloudtrack::host::store::detail
