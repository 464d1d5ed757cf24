#include "store/pg_conn.hpp"

#include "util/term.hpp"

#include <charconv>
#include <utility>

#include <libpq-fe.h>

namespace cloudtrack::host::store::detail {

namespace {

constexpr size_t k_max_message = 1000;

bool starts_with(std::string_view text, std::string_view prefix)
{
    return text.substr(0, prefix.size()) == prefix;
}

// The password of "scheme://user:password@host..." replaced.
std::string redact_user_part(std::string uri)
{
    const auto scheme_end = uri.find("://");
    if (scheme_end == std::string::npos) {
        return uri;
    }
    const auto start = scheme_end + 3;
    auto authority_end = uri.find_first_of("/?", start);
    if (authority_end == std::string::npos) {
        authority_end = uri.size();
    }
    const auto at = uri.rfind('@', authority_end);
    if (at == std::string::npos || at < start) {
        return uri;
    }
    const auto colon = uri.find(':', start);
    if (colon < at) {
        uri.replace(colon + 1, at - colon - 1, "***");
    }
    return uri;
}

// The value of every "password=" parameter after '?' replaced.
std::string redact_parameters(std::string uri)
{
    const auto query = uri.find('?');
    if (query == std::string::npos) {
        return uri;
    }
    std::string out = uri.substr(0, query + 1);
    std::string_view rest = std::string_view(uri).substr(query + 1);
    while (true) {
        const auto amp = rest.find('&');
        const auto pair = rest.substr(0, amp);
        out += starts_with(pair, "password=") ? std::string("password=***") : std::string(pair);
        if (amp == std::string_view::npos) {
            break;
        }
        out += '&';
        rest.remove_prefix(amp + 1);
    }
    return out;
}

// Notices ("relation already exists, skipping") are the server talking to a DBA, not a result:
// they must not land on stderr between a command's lines.
void ignore_notice(void* /*arg*/, const char* /*message*/)
{
}

} // namespace

bool is_postgres_uri(std::string_view spec)
{
    return starts_with(spec, "postgresql://") || starts_with(spec, "postgres://");
}

std::string redact_uri(std::string_view uri)
{
    return redact_parameters(redact_user_part(std::string(uri)));
}

std::string uri_problem(const std::string& uri)
{
    char* error = nullptr;
    PQconninfoOption* options = PQconninfoParse(uri.c_str(), &error);
    std::string problem;
    if (options == nullptr) {
        problem = error != nullptr ? pg_one_line(error) : std::string("out of memory");
    }
    PQconninfoFree(options);
    PQfreemem(error);
    return problem;
}

std::string pg_one_line(std::string_view message)
{
    std::string collapsed;
    bool space = false;
    for (const char c : message) {
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            space = !collapsed.empty();
            continue;
        }
        if (space) {
            collapsed += ' ';
            space = false;
        }
        collapsed += c;
    }
    return util::one_line(collapsed, k_max_message);
}

PgResult::~PgResult()
{
    PQclear(m_result);
}

int PgResult::rows() const noexcept
{
    return PQntuples(m_result);
}

bool PgResult::is_null(int row, int column) const noexcept
{
    return PQgetisnull(m_result, row, column) != 0;
}

std::string PgResult::text(int row, int column) const
{
    return {PQgetvalue(m_result, row, column), static_cast<size_t>(PQgetlength(m_result, row, column))};
}

int64_t PgResult::int64(int row, int column) const
{
    const std::string_view value(PQgetvalue(m_result, row, column),
                                 static_cast<size_t>(PQgetlength(m_result, row, column)));
    int64_t number = 0;
    const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), number);
    if (error != std::errc() || end != value.data() + value.size()) {
        throw PgError("expected a whole number from the server, got " + util::excerpt(value), "");
    }
    return number;
}

int64_t PgResult::changed() const
{
    const std::string_view count = PQcmdTuples(m_result);
    int64_t number = 0;
    std::from_chars(count.data(), count.data() + count.size(), number);
    return number;
}

PgConnection::PgConnection(const std::string& uri) : m_conn(PQconnectdb(uri.c_str())), m_name(redact_uri(uri))
{
    if (m_conn == nullptr) {
        throw PgError(m_name + ": cannot connect to the PostgreSQL server (out of memory)", "");
    }
    if (PQstatus(m_conn) != CONNECTION_OK) {
        const std::string reason = pg_one_line(PQerrorMessage(m_conn));
        PQfinish(m_conn);
        m_conn = nullptr;
        throw PgError(m_name + ": cannot connect to the PostgreSQL server (" + reason + ")", "");
    }
    PQsetNoticeProcessor(m_conn, &ignore_notice, nullptr);
    // Every text the store exchanges is UTF-8, whatever the server's or the client's locale.
    if (PQsetClientEncoding(m_conn, "UTF8") != 0) {
        const std::string reason = pg_one_line(PQerrorMessage(m_conn));
        PQfinish(m_conn);
        m_conn = nullptr;
        throw PgError(m_name + ": cannot use UTF-8 with the PostgreSQL server (" + reason + ")", "");
    }
}

PgConnection::~PgConnection()
{
    PQfinish(m_conn);
}

std::string PgConnection::login() const
{
    return query("SELECT session_user").text(0, 0);
}

PgResult PgConnection::check(pg_result* raw) const
{
    PgResult result(raw);
    const auto status = PQresultStatus(raw);
    if (raw != nullptr &&
        (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK || status == PGRES_EMPTY_QUERY)) {
        return result;
    }
    const char* state = raw != nullptr ? PQresultErrorField(raw, PG_DIAG_SQLSTATE) : nullptr;
    // Class 08 (connection exception) and 57P (the server shut down or ended this session).
    const std::string_view code = state != nullptr ? state : "";
    if (PQstatus(m_conn) != CONNECTION_OK || code.substr(0, 2) == "08" || code.substr(0, 3) == "57P") {
        // The server went away (restarted, the backend was terminated, the network dropped).
        // Whatever was committed before stays; the statement that was running did not commit.
        throw PgError(m_name + ": lost the connection to the PostgreSQL server (" +
                          pg_one_line(PQerrorMessage(m_conn)) + ")",
                      std::string(code));
    }
    const char* primary = raw != nullptr ? PQresultErrorField(raw, PG_DIAG_MESSAGE_PRIMARY) : nullptr;
    const std::string reason = primary != nullptr ? primary : PQerrorMessage(m_conn);
    throw PgError(m_name + ": " + pg_one_line(reason), state != nullptr ? state : "");
}

PgResult PgConnection::query(std::string_view sql, const std::vector<PgParam>& params) const
{
    std::vector<const char*> values;
    values.reserve(params.size());
    for (const auto& param : params) {
        values.push_back(param.text.c_str());
    }
    const std::string statement(sql);
    return check(PQexecParams(m_conn, statement.c_str(), static_cast<int>(values.size()), nullptr,
                              values.data(), nullptr, nullptr, 0));
}

void PgConnection::exec(const std::string& sql) const
{
    check(PQexec(m_conn, sql.c_str()));
}

PgTransaction::PgTransaction(const PgConnection& db) : m_db(db)
{
    m_db.exec("BEGIN");
}

PgTransaction::~PgTransaction()
{
    if (!m_done && PQstatus(m_db.handle()) == CONNECTION_OK) {
        PQclear(PQexec(m_db.handle(), "ROLLBACK"));
    }
}

void PgTransaction::commit()
{
    m_db.exec("COMMIT");
    m_done = true;
}

} // namespace cloudtrack::host::store::detail
