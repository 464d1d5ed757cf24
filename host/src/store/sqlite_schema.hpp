// The SQLite store's schema and its migrations, keyed on PRAGMA user_version.
#pragma once

#include "store/sqlite_db.hpp"

#include <cstdint>

namespace cloudtrack::host::store::detail {

// Written into the header (PRAGMA application_id) so a cloudtrack database can be told apart
// from another program's SQLite file: "CTRK".
inline constexpr int32_t k_application_id = 0x4354524b;

// The newest schema this build knows: the number of migration steps.
[[nodiscard]] int schema_version();

// Reads the header of a freshly opened database and refuses, before anything is written, a file
// that is not a database, another program's database, or one from a newer cloudtrack. Throws
// SqliteError naming the file; the file is left untouched.
void check_header(const Database& db);

// Applies every migration step the database lacks, each in its own transaction. Safe when two
// processes open a fresh file at once: each step re-reads the version under the write lock.
void migrate(const Database& db);

} // namespace cloudtrack::host::store::detail
