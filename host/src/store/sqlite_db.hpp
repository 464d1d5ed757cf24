// Thin RAII over the SQLite C API: a connection, a prepared statement with bound parameters, and
// an immediate write transaction. Every failure throws SqliteError, a util::Error (exit code
// `storage`) whose message names the database file, and which keeps SQLite's result code so the
// opening code can tell "not a database" from "read-only folder".
//
// [thread-safety] A Database and everything made from it belong to one thread at a time.
#pragma once

#include "util/error.hpp"

#include <cstdint>
#include <string>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace cloudtrack::host::store::detail {

class SqliteError : public util::Error {
public:
    SqliteError(const std::string& message, int result_code)
        : util::Error(message, util::ExitCode::storage), m_result_code(result_code)
    {
    }
    // The extended result code (SQLITE_NOTADB, SQLITE_READONLY_DIRECTORY, ...).
    [[nodiscard]] int result_code() const noexcept { return m_result_code; }

private:
    int m_result_code;
};

class Database {
public:
    // Opens `path` read-write, creating it if missing. `name` is how messages refer to the file.
    // Nothing is read or written yet: SQLite only looks at the file at the first statement.
    Database(const std::string& path, std::string name);
    ~Database();
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;
    Database(Database&&) = delete;
    Database& operator=(Database&&) = delete;

    [[nodiscard]] sqlite3* handle() const noexcept { return m_db; }
    [[nodiscard]] const std::string& name() const noexcept { return m_name; }

    // Runs SQL text without parameters (schema, pragmas, transaction control).
    void exec(const char* sql) const;
    // The rowid of the last INSERT and the rows changed by the last statement on this connection.
    [[nodiscard]] int64_t last_insert_id() const noexcept;
    [[nodiscard]] int changes() const noexcept;

    // Throws SqliteError for `result_code`: "<name>: <reason>".
    [[noreturn]] void fail(int result_code) const;

private:
    sqlite3* m_db = nullptr;
    std::string m_name;
};

// A prepared statement. Parameters are 1-based as in SQLite; columns are 0-based.
class Statement {
public:
    Statement(const Database& db, std::string_view sql);
    ~Statement();
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;
    Statement(Statement&&) = delete;
    Statement& operator=(Statement&&) = delete;

    Statement& bind(int index, std::string_view text);
    Statement& bind(int index, int64_t value);
    Statement& bind(int index, int value) { return bind(index, static_cast<int64_t>(value)); }
    // Binds bytes as a BLOB (never read as text by SQLite).
    Statement& bind_blob(int index, std::string_view bytes);

    // Advances to the next row: true when there is one, false when the statement is done.
    bool step();
    // Makes the statement ready to run again, keeping its bound parameters.
    void reset();
    // Runs a statement that returns no rows.
    void run();

    [[nodiscard]] bool is_null(int column) const;
    [[nodiscard]] std::string text(int column) const;
    // The bytes of a column, valid until the next step() or reset(): a large value is not copied.
    [[nodiscard]] std::string_view blob(int column) const;
    [[nodiscard]] int64_t int64(int column) const;
    [[nodiscard]] int int32(int column) const;

private:
    const Database& m_db;
    sqlite3_stmt* m_stmt = nullptr;
};

// BEGIN IMMEDIATE: takes the write lock up front, so two processes queue on the busy timeout
// instead of one failing with SQLITE_BUSY when its read lock would have to be upgraded. Rolls back
// unless commit() returned.
class Transaction {
public:
    explicit Transaction(const Database& db);
    ~Transaction();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    Transaction(Transaction&&) = delete;
    Transaction& operator=(Transaction&&) = delete;

    void commit();

private:
    const Database& m_db;
    bool m_done = false;
};

} // namespace cloudtrack::host::store::detail
