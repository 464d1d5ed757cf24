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

// Stores one result (finish_attempt, and the benchmark's bulk fill): ?1 the attempt, ?2 the zstd
// frame of the document (compress_result), ?3 the document's text, read here only for its summary
// (the values at k_result_summary_paths, store.hpp; NULL when the text is not JSON).
inline constexpr const char* k_insert_result =
    "INSERT INTO results (attempt_id, document, summary) VALUES (?1, ?2, CASE WHEN json_valid(?3) THEN"
    " json_extract(?3, '$.attempt.id', '$.attempt.finished_at', '$.track', '$.overall', '$.areas') END)";

// Applies every migration step the database lacks, each in its own transaction. Safe when two
// processes open a fresh file at once: each step re-reads the version under the write lock.
void migrate(const Database& db);

} // namespace cloudtrack::host::store::detail
