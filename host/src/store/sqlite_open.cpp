// Opening the SQLite store (DESIGN.md section 6): one file per data folder, WAL mode, checked
// before anything is written, migrated, and proven writable.
#include "store/sqlite_db.hpp"
#include "store/sqlite_schema.hpp"
#include "store/sqlite_store.hpp"
#include "store/store.hpp"

#include "util/error.hpp"

#include <cerrno>
#include <cstring>
#include <string>
#include <system_error>
#include <utility>

#include <sqlite3.h>
#include <unistd.h>

namespace cloudtrack::host::store {

namespace {

namespace fs = std::filesystem;
using detail::Database;

// Long enough to wait out another cloudtrack process's write (milliseconds); a write here is one
// small transaction, so reaching it means the other process is stuck, not busy.
constexpr int k_busy_timeout_ms = 5000;

void configure(const Database& db, bool in_memory)
{
    sqlite3_busy_timeout(db.handle(), k_busy_timeout_ms);

    // Read-only until this passes: a damaged file, another program's database or one from a
    // newer cloudtrack is reported and left byte for byte as it was.
    detail::check_header(db);

    // Fail now, not at the first answer, when the file or its folder cannot be written; before
    // migrating, so the message is about permissions rather than a failed CREATE TABLE.
    if (sqlite3_db_readonly(db.handle(), "main") == 1) {
        throw detail::SqliteError(
            db.name() + ": cannot write: the database file is read-only (check its permissions)",
            SQLITE_READONLY);
    }
    db.exec("BEGIN IMMEDIATE; ROLLBACK;");

    db.exec("PRAGMA foreign_keys = ON;");
    if (!in_memory) {
        // In WAL mode a commit is a write() into the -wal file before COMMIT returns, so once a
        // call has returned its data is in the kernel's page cache and survives SIGKILL of this
        // process. NORMAL only skips the fsync per commit: an OS crash or power loss may lose the
        // last few commits, but never corrupts the database. FULL would fsync every answer.
        db.exec("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;");
    }
    detail::migrate(db);
}

} // namespace

std::unique_ptr<Store> open_sqlite(const fs::path& file)
{
    const std::string name = file.string();
    const bool in_memory = name == ":memory:";
    std::string open_path = name;
    if (!in_memory) {
        std::error_code error;
        if (file.has_parent_path()) {
            fs::create_directories(file.parent_path(), error);
            if (error) {
                throw util::Error(name + ": cannot create its folder (" + error.message() + ")",
                                  util::ExitCode::storage);
            }
        }
        // Absolute, so SQLite never reads a relative name that happens to start with "file:" as a
        // URI (libraries built with SQLITE_USE_URI do).
        const fs::path absolute = fs::absolute(file, error);
        if (!error) {
            open_path = absolute.string();
        }
    }
    try {
        auto db = std::make_unique<Database>(open_path, name);
        configure(*db, in_memory);
        return detail::make_sqlite_store(std::move(db));
    } catch (const detail::SqliteError& error) {
        // SQLite reports a folder it cannot create the file, -wal or -shm in as "unable to open
        // database file", with the errno of its last fallback attempt; name the actual cause.
        const int primary = error.result_code() & 0xff;
        if (!in_memory && (primary == SQLITE_CANTOPEN || primary == SQLITE_READONLY)) {
            const fs::path folder = file.has_parent_path() ? file.parent_path() : fs::path(".");
            if (::access(folder.c_str(), W_OK | X_OK) != 0) {
                throw util::Error(name + ": cannot write to its folder " + folder.string() + " (" +
                                      std::strerror(errno) + ")",
                                  util::ExitCode::storage);
            }
        }
        throw;
    }
}

fs::path default_store_file(const fs::path& data_dir)
{
    return data_dir / "cloudtrack.db";
}

} // namespace cloudtrack::host::store
