#include "store/sqlite_schema.hpp"

#include "store/result_blob.hpp"

#include <array>
#include <exception>
#include <string>
#include <string_view>

#include <sqlite3.h>

namespace cloudtrack::host::store::detail {

namespace {

// Step N (1-based) takes a database from user_version N-1 to N. Append new steps; never edit a
// released one, since databases in the field already ran it.
//
// Tables are not STRICT so that the file stays readable by SQLite older than 3.37 (system
// libraries on long-term-support distributions).
constexpr std::array k_migrations = {
    // 1: the initial schema.
    R"sql(
CREATE TABLE attempts (
    id             INTEGER PRIMARY KEY AUTOINCREMENT, -- never reused, even after a discard
    profile        TEXT NOT NULL,
    track_id       TEXT NOT NULL,
    track_version  TEXT NOT NULL,
    content_sha256 TEXT NOT NULL,
    form_json      TEXT NOT NULL,
    started_at     TEXT NOT NULL,
    finished_at    TEXT,                              -- NULL while the attempt is under way
    overall_level  TEXT NOT NULL DEFAULT ''
);
CREATE INDEX attempts_by_profile ON attempts (profile, track_id, id);

CREATE TABLE answers (
    attempt_id    INTEGER NOT NULL REFERENCES attempts (id) ON DELETE CASCADE,
    item_id       TEXT NOT NULL,
    seq           INTEGER NOT NULL, -- order first given; kept when the answer is replaced
    response_json TEXT NOT NULL,
    answered_at   TEXT NOT NULL,
    PRIMARY KEY (attempt_id, item_id),
    UNIQUE (attempt_id, seq)
) WITHOUT ROWID;

CREATE TABLE self_ratings (
    attempt_id INTEGER NOT NULL REFERENCES attempts (id) ON DELETE CASCADE,
    area_id    TEXT NOT NULL,
    rating     INTEGER NOT NULL,
    PRIMARY KEY (attempt_id, area_id)
) WITHOUT ROWID;

CREATE TABLE results (
    attempt_id  INTEGER PRIMARY KEY REFERENCES attempts (id) ON DELETE CASCADE,
    result_json TEXT NOT NULL
);

CREATE TABLE certifications (
    profile   TEXT NOT NULL,
    track_id  TEXT NOT NULL,
    rung_id   TEXT NOT NULL,
    earned_on TEXT NOT NULL, -- YYYY-MM-DD
    PRIMARY KEY (profile, track_id, rung_id)
) WITHOUT ROWID;

CREATE TABLE checklist_marks (
    profile    TEXT NOT NULL,
    track_id   TEXT NOT NULL,
    project_id TEXT NOT NULL,
    item_id    TEXT NOT NULL,
    evidence   TEXT NOT NULL,
    source     TEXT NOT NULL, -- "manual" or "probe"
    marked_at  TEXT NOT NULL,
    PRIMARY KEY (profile, track_id, project_id, item_id)
) WITHOUT ROWID;
)sql",
    // 2: result documents compressed (store/result_blob.hpp), with the summary that history reads
    // kept beside them (store.hpp: k_result_summary_paths), so no query needs the document.
    // cloudtrack_compress() is registered by register_functions() before migrating.
    R"sql(
CREATE TABLE results_compressed (
    attempt_id INTEGER PRIMARY KEY REFERENCES attempts (id) ON DELETE CASCADE,
    document   BLOB NOT NULL, -- the document's JSON text as one zstd frame
    summary    TEXT           -- JSON array of the values at the summary paths; NULL when not JSON
);
INSERT INTO results_compressed (attempt_id, document, summary)
    SELECT attempt_id, cloudtrack_compress(result_json),
           CASE WHEN json_valid(result_json) THEN json_extract(result_json, '$.attempt.id',
               '$.attempt.finished_at', '$.track', '$.overall', '$.areas') END
    FROM results;
DROP TABLE results;
ALTER TABLE results_compressed RENAME TO results;
)sql",
};

// cloudtrack_compress(text): the zstd frame of a result document, for migration 2. An exception
// must not unwind through SQLite's C frames, so it becomes an SQL error that fails the migration.
void sql_compress(sqlite3_context* context, int /*argc*/, sqlite3_value** argv)
{
    try {
        const auto* text = static_cast<const char*>(sqlite3_value_blob(argv[0]));
        const auto size = static_cast<size_t>(sqlite3_value_bytes(argv[0]));
        const auto blob = compress_result(std::string_view(text == nullptr ? "" : text, size));
        sqlite3_result_blob64(context, blob.data(), blob.size(), SQLITE_TRANSIENT);
    } catch (const std::exception& error) {
        sqlite3_result_error(context, error.what(), -1);
    }
}

struct Header {
    int64_t user_version = 0;
    int64_t application_id = 0;
    int64_t objects = 0; // tables, indexes, views, triggers
};

Header read_header(const Database& db)
{
    // One statement, so one read snapshot: another process may be migrating the same fresh file
    // right now, and it must not look like "no version but tables" (a foreign database).
    Statement query(db, "SELECT (SELECT user_version FROM pragma_user_version()),"
                        " (SELECT application_id FROM pragma_application_id()),"
                        " (SELECT count(*) FROM sqlite_master)");
    query.step();
    return {query.int64(0), query.int64(1), query.int64(2)};
}

int64_t user_version(const Database& db)
{
    return read_header(db).user_version;
}

[[noreturn]] void refuse(const Database& db, const std::string& why, int result_code)
{
    throw SqliteError(db.name() + ": " + why + "; it was left untouched", result_code);
}

// The SQL functions the migrations call, on the connection that runs them: every open migrates,
// so every connection that could need them has them.
void register_functions(const Database& db)
{
    const int rc = sqlite3_create_function_v2(db.handle(), "cloudtrack_compress", 1,
                                              SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_DIRECTONLY, nullptr,
                                              sql_compress, nullptr, nullptr, nullptr);
    if (rc != SQLITE_OK) {
        db.fail(rc);
    }
}

} // namespace

int schema_version()
{
    return static_cast<int>(k_migrations.size());
}

void check_header(const Database& db)
{
    const Header header = read_header(db);
    const bool ours = header.application_id == k_application_id;
    if (header.application_id != 0 && !ours) {
        refuse(db, "not a cloudtrack database (it belongs to another program)", SQLITE_NOTADB);
    }
    if (header.user_version == 0) {
        if (header.objects != 0) {
            refuse(db, "not a cloudtrack database (it holds tables of another program)", SQLITE_NOTADB);
        }
        return; // empty: a new store
    }
    if (!ours) {
        refuse(db, "not a cloudtrack database (it belongs to another program)", SQLITE_NOTADB);
    }
    if (header.user_version > schema_version()) {
        refuse(db,
               "created by a newer cloudtrack (schema version " + std::to_string(header.user_version) +
                   ", this build knows up to " + std::to_string(schema_version()) + ")",
               SQLITE_ERROR);
    }
}

void migrate(const Database& db)
{
    register_functions(db);
    for (int version = 1; version <= schema_version(); ++version) {
        if (user_version(db) >= version) {
            continue;
        }
        Transaction transaction(db);
        if (user_version(db) < version) { // another process may have migrated while we waited
            db.exec(k_migrations.at(static_cast<size_t>(version - 1)));
            // PRAGMA takes no bound parameters; both numbers are this build's own constants.
            std::string stamp = "PRAGMA user_version = " + std::to_string(version) + ";";
            if (version == 1) {
                stamp += "PRAGMA application_id = " + std::to_string(k_application_id) + ";";
            }
            db.exec(stamp.c_str());
        }
        transaction.commit();
    }
}

} // namespace cloudtrack::host::store::detail
