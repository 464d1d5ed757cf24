// Thin RAII over libpq: a connection, a query result, and a transaction. Values only ever travel
// as parameters of PQexecParams, never inside SQL text. Every failure throws PgError, a
// util::Error (exit code `storage`) on one line that names the store by its URI with any password
// removed, and keeps the SQLSTATE so callers can tell "permission denied" from a lost connection.
//
// [thread-safety] A PgConnection and everything made from it belong to one thread at a time.
#pragma once

#include "util/error.hpp"

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

struct pg_conn;
struct pg_result;

namespace cloudtrack::host::store::detail {

// Whether a store setting names a PostgreSQL server rather than a SQLite file.
[[nodiscard]] bool is_postgres_uri(std::string_view spec);

// The URI as it may be shown: the password of the user part and any `password` parameter
// replaced by "***". Never shows more than the input held.
[[nodiscard]] std::string redact_uri(std::string_view uri);

// What libpq finds wrong with a connection URI before connecting (an unknown parameter, bad
// percent-encoding), on one line; empty when it parses.
[[nodiscard]] std::string uri_problem(const std::string& uri);

// libpq's multi-line messages ("...failed: FATAL:  role ... \n\tIs the server running...") as
// one line: whitespace runs collapsed, control characters made visible.
[[nodiscard]] std::string pg_one_line(std::string_view message);

class PgError : public util::Error {
public:
    PgError(const std::string& message, std::string sqlstate)
        : util::Error(message, util::ExitCode::storage), m_sqlstate(std::move(sqlstate))
    {
    }
    // Five characters ("42501" insufficient privilege, "42P01" undefined table), or empty when
    // the server sent none (a connection that failed or was lost).
    [[nodiscard]] const std::string& sqlstate() const noexcept { return m_sqlstate; }

private:
    std::string m_sqlstate;
};

// SQLSTATEs the store reacts to.
inline constexpr const char* k_insufficient_privilege = "42501";
inline constexpr const char* k_undefined_table = "42P01";
inline constexpr const char* k_raise_exception = "P0001";

// The rows of one statement. Rows and columns are 0-based.
class PgResult {
public:
    explicit PgResult(pg_result* result) noexcept : m_result(result) {}
    ~PgResult();
    PgResult(PgResult&& other) noexcept : m_result(other.m_result) { other.m_result = nullptr; }
    PgResult& operator=(PgResult&&) = delete;
    PgResult(const PgResult&) = delete;
    PgResult& operator=(const PgResult&) = delete;

    [[nodiscard]] int rows() const noexcept;
    [[nodiscard]] bool is_null(int row, int column) const noexcept;
    [[nodiscard]] std::string text(int row, int column) const;
    // Throws PgError when the column does not hold a whole number (a bug in a query, not input).
    [[nodiscard]] int64_t int64(int row, int column) const;
    // Rows changed by an INSERT, UPDATE or DELETE.
    [[nodiscard]] int64_t changed() const;

private:
    pg_result* m_result;
};

// One parameter of a query: text, or NULL.
struct PgParam {
    PgParam(std::string_view value) : text(value) {}        // NOLINT(google-explicit-constructor)
    PgParam(const char* value) : text(value) {}             // NOLINT(google-explicit-constructor)
    PgParam(std::string value) : text(std::move(value)) {}  // NOLINT(google-explicit-constructor)
    PgParam(int64_t value) : text(std::to_string(value)) {} // NOLINT(google-explicit-constructor)
    PgParam(int value) : text(std::to_string(value)) {}     // NOLINT(google-explicit-constructor)
    std::string text;
};

class PgConnection {
public:
    // Connects to `uri` (a libpq connection URI). Throws PgError "<redacted uri>: cannot connect
    // to the PostgreSQL server (<libpq's reason>)".
    explicit PgConnection(const std::string& uri);
    ~PgConnection();
    PgConnection(const PgConnection&) = delete;
    PgConnection& operator=(const PgConnection&) = delete;
    PgConnection(PgConnection&&) = delete;
    PgConnection& operator=(PgConnection&&) = delete;

    // How messages name this store: the URI without its password.
    [[nodiscard]] const std::string& name() const noexcept { return m_name; }
    // The login the server knows this connection by (session_user).
    [[nodiscard]] std::string login() const;

    // One statement with its parameters ($1, $2, ...), results as text.
    // Not [[nodiscard]]: statements such as INSERT or a lock are run for their effect alone.
    // NOLINTNEXTLINE(modernize-use-nodiscard)
    PgResult query(std::string_view sql, const std::vector<PgParam>& params = {}) const;
    // NOLINTNEXTLINE(modernize-use-nodiscard)
    PgResult query(std::string_view sql, std::initializer_list<PgParam> params) const
    {
        return query(sql, std::vector<PgParam>(params));
    }
    // SQL text without parameters, possibly several statements (schema, transaction control).
    void exec(const std::string& sql) const;

    [[nodiscard]] pg_conn* handle() const noexcept { return m_conn; }

private:
    PgResult check(pg_result* raw) const;

    pg_conn* m_conn = nullptr;
    std::string m_name;
};

// BEGIN ... COMMIT; rolls back unless commit() returned (and never throws doing so).
class PgTransaction {
public:
    explicit PgTransaction(const PgConnection& db);
    ~PgTransaction();
    PgTransaction(const PgTransaction&) = delete;
    PgTransaction& operator=(const PgTransaction&) = delete;
    PgTransaction(PgTransaction&&) = delete;
    PgTransaction& operator=(PgTransaction&&) = delete;

    void commit();

private:
    const PgConnection& m_db;
    bool m_done = false;
};

} // namespace cloudtrack::host::store::detail
