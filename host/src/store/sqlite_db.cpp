#include "store/sqlite_db.hpp"

#include <cstring>
#include <limits>
#include <utility>

#include <sqlite3.h>

namespace cloudtrack::host::store::detail {

namespace {

// One line the user can act on; SQLite's own text stays in parentheses for searching.
std::string reason(sqlite3* db, int result_code)
{
    // The connection's message only describes `result_code` if it is the connection's last error.
    const bool current = db != nullptr && sqlite3_extended_errcode(db) == result_code;
    std::string sqlite_text = current ? sqlite3_errmsg(db) : sqlite3_errstr(result_code);
    const int system_errno = current ? sqlite3_system_errno(db) : 0;
    const std::string system_text = system_errno != 0 ? std::string(": ") + std::strerror(system_errno) : "";
    switch (result_code & 0xff) {
    case SQLITE_NOTADB: return "not a cloudtrack database (" + sqlite_text + "); it was left untouched";
    case SQLITE_CORRUPT: return "the database is damaged (" + sqlite_text + "); it was left untouched";
    case SQLITE_READONLY:
        return "cannot write: the database or its folder is read-only (" + sqlite_text + ")";
    case SQLITE_CANTOPEN: return "cannot open the database (" + sqlite_text + system_text + ")";
    case SQLITE_FULL: return "cannot write: the disk is full (" + sqlite_text + ")";
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        return "the database stayed locked by another cloudtrack process (" + sqlite_text + ")";
    case SQLITE_IOERR: return "input/output error (" + sqlite_text + system_text + ")";
    case SQLITE_PERM:
    case SQLITE_AUTH: return "permission denied (" + sqlite_text + ")";
    default: return sqlite_text;
    }
}

// The bytes of a column whose value `data` has just been read as text or blob: the size is asked
// after the conversion, as SQLite requires.
std::string_view column_bytes(sqlite3_stmt* stmt, int column, const void* data)
{
    const int size = sqlite3_column_bytes(stmt, column);
    if (data == nullptr) {
        return {};
    }
    return {static_cast<const char*>(data), static_cast<size_t>(size)};
}

} // namespace

Database::Database(const std::string& path, std::string name) : m_name(std::move(name))
{
    // No SQLITE_OPEN_URI: a folder named "file:..." is a folder, not a URI.
    const int rc = sqlite3_open_v2(path.c_str(), &m_db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
    if (rc != SQLITE_OK) {
        const std::string message = m_name + ": " + reason(m_db, rc);
        sqlite3_close(m_db); // a handle is returned even on failure
        m_db = nullptr;
        throw SqliteError(message, rc);
    }
    sqlite3_extended_result_codes(m_db, 1);
}

Database::~Database()
{
    // Every Statement is finalized by its own destructor first, so close cannot be refused.
    sqlite3_close(m_db);
}

void Database::exec(const char* sql) const
{
    const int rc = sqlite3_exec(m_db, sql, nullptr, nullptr, nullptr);
    if (rc != SQLITE_OK) {
        fail(rc);
    }
}

int64_t Database::last_insert_id() const noexcept
{
    return sqlite3_last_insert_rowid(m_db);
}

int Database::changes() const noexcept
{
    return sqlite3_changes(m_db);
}

void Database::fail(int result_code) const
{
    throw SqliteError(m_name + ": " + reason(m_db, result_code), result_code);
}

Statement::Statement(const Database& db, std::string_view sql) : m_db(db)
{
    if (sql.size() > static_cast<size_t>(std::numeric_limits<int>::max())) {
        m_db.fail(SQLITE_TOOBIG);
    }
    const int rc =
        sqlite3_prepare_v2(db.handle(), sql.data(), static_cast<int>(sql.size()), &m_stmt, nullptr);
    if (rc != SQLITE_OK) {
        m_db.fail(rc);
    }
}

Statement::~Statement()
{
    sqlite3_finalize(m_stmt);
}

Statement& Statement::bind(int index, std::string_view text)
{
    if (text.size() > static_cast<size_t>(std::numeric_limits<int>::max())) {
        m_db.fail(SQLITE_TOOBIG);
    }
    // A null pointer would bind NULL; an empty value must stay an empty string.
    const char* data = text.data() != nullptr ? text.data() : "";
    const int rc = sqlite3_bind_text(m_stmt, index, data, static_cast<int>(text.size()), SQLITE_TRANSIENT);
    if (rc != SQLITE_OK) {
        m_db.fail(rc);
    }
    return *this;
}

Statement& Statement::bind_blob(int index, std::string_view bytes)
{
    // A zero-length blob rather than NULL when empty, as for text.
    const int rc = sqlite3_bind_blob64(m_stmt, index, bytes.data() != nullptr ? bytes.data() : "",
                                       bytes.size(), SQLITE_TRANSIENT);
    if (rc != SQLITE_OK) {
        m_db.fail(rc);
    }
    return *this;
}

Statement& Statement::bind(int index, int64_t value)
{
    const int rc = sqlite3_bind_int64(m_stmt, index, value);
    if (rc != SQLITE_OK) {
        m_db.fail(rc);
    }
    return *this;
}

bool Statement::step()
{
    const int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW) {
        return true;
    }
    if (rc == SQLITE_DONE) {
        return false;
    }
    m_db.fail(rc);
}

void Statement::reset()
{
    sqlite3_reset(m_stmt); // its code repeats the last step's, already reported by step()
}

void Statement::run()
{
    while (step()) {
    }
}

bool Statement::is_null(int column) const
{
    return sqlite3_column_type(m_stmt, column) == SQLITE_NULL;
}

std::string Statement::text(int column) const
{
    return std::string(column_bytes(m_stmt, column, sqlite3_column_text(m_stmt, column)));
}

std::string_view Statement::blob(int column) const
{
    return column_bytes(m_stmt, column, sqlite3_column_blob(m_stmt, column));
}

int64_t Statement::int64(int column) const
{
    return sqlite3_column_int64(m_stmt, column);
}

int Statement::int32(int column) const
{
    return sqlite3_column_int(m_stmt, column);
}

Transaction::Transaction(const Database& db) : m_db(db)
{
    m_db.exec("BEGIN IMMEDIATE");
}

Transaction::~Transaction()
{
    // SQLite may already have rolled back on its own (e.g. after SQLITE_FULL); only roll back a
    // transaction that is still open, and never throw from here.
    if (!m_done && sqlite3_get_autocommit(m_db.handle()) == 0) {
        sqlite3_exec(m_db.handle(), "ROLLBACK", nullptr, nullptr, nullptr);
    }
}

void Transaction::commit()
{
    m_db.exec("COMMIT");
    m_done = true;
}

} // namespace cloudtrack::host::store::detail
