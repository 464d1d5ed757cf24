#include "store/org_store.hpp"

#include "store/pg_conn.hpp"
#include "store/pg_schema.hpp"
#include "store/sql_org.hpp"
#include "util/error.hpp"
#include "util/sha256.hpp"

namespace cloudtrack::host::store {

namespace {

constexpr const char* k_shared_columns =
    "id, track_id, source_attempt, finished_at,"
    " to_char(shared_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')";

SharedEntry read_entry(const detail::PgResult& rows, int row)
{
    return {rows.int64(row, 0), rows.text(row, 1), rows.int64(row, 2), rows.text(row, 3), rows.text(row, 4)};
}

} // namespace

OrgStore::OrgStore(const std::string& uri, bool migrate) : m_db(std::make_unique<detail::PgConnection>(uri))
{
    if (migrate) {
        detail::pg_migrate(*m_db);
    } else if (detail::pg_check_schema(*m_db) != detail::pg_schema_version()) {
        // Sharing and cohorts read tables that only a current schema has; upgrading is the
        // administrator's 'store init', not a side effect of a person's command.
        throw util::Error(m_db->name() + ": the store's schema is not this cloudtrack's (version " +
                              std::to_string(detail::pg_schema_version()) +
                              "); the database administrator sets it up with 'cloudtrack store init'",
                          util::ExitCode::storage);
    }
}

OrgStore::~OrgStore() = default;

const std::string& OrgStore::name() const
{
    return m_db->name();
}

std::string OrgStore::login() const
{
    return m_db->login();
}

int OrgStore::schema_version() const
{
    return detail::pg_check_schema(*m_db);
}

void OrgStore::enable_organization_mode()
{
    detail::PgTransaction transaction(*m_db);
    m_db->exec(detail::k_org_sql);
    transaction.commit();
}

OrgStore::Shared OrgStore::share(const std::string& track_id, int64_t source_attempt,
                                 const std::string& finished_at, const std::string& result_json)
{
    const auto sha = util::sha256_hex(result_json);
    const auto added =
        m_db->query(std::string("INSERT INTO shared_results (track_id, source_attempt, finished_at,"
                                " result_sha256, result_json) VALUES ($1, $2, $3, $4, $5)"
                                " ON CONFLICT (owner, result_sha256) DO NOTHING RETURNING ") +
                        k_shared_columns,
                    {track_id, source_attempt, finished_at, sha, result_json});
    if (added.rows() > 0) {
        return {read_entry(added, 0), true};
    }
    const auto existing =
        m_db->query(std::string("SELECT ") + k_shared_columns +
                        " FROM shared_results WHERE owner = session_user AND result_sha256 = $1",
                    {sha});
    if (existing.rows() == 0) { // withdrawn between the two statements
        throw util::Error(m_db->name() +
                              ": the shared result disappeared while it was being shared; share it again",
                          util::ExitCode::storage);
    }
    return {read_entry(existing, 0), false};
}

std::vector<SharedEntry> OrgStore::shared() const
{
    // owner = session_user as well as the row-level security: an administrator's login, which
    // security does not restrict, still lists only its own.
    const auto rows = m_db->query(std::string("SELECT ") + k_shared_columns +
                                  " FROM shared_results WHERE owner = session_user ORDER BY id DESC");
    std::vector<SharedEntry> entries;
    entries.reserve(static_cast<size_t>(rows.rows()));
    for (int row = 0; row < rows.rows(); ++row) {
        entries.push_back(read_entry(rows, row));
    }
    return entries;
}

bool OrgStore::withdraw(int64_t id)
{
    return m_db->query("DELETE FROM shared_results WHERE id = $1 AND owner = session_user", {id}).changed() >
           0;
}

std::string OrgStore::cohort(const std::string& track_id, int min_size) const
{
    try {
        return m_db->query("SELECT cloudtrack_cohort($1, $2)::text", {track_id, min_size}).text(0, 0);
    } catch (const detail::PgError& error) {
        if (error.sqlstate() == detail::k_raise_exception) {
            throw util::Error(error.what(), util::ExitCode::bad_input); // too few people: the floor
        }
        throw;
    }
}

} // namespace cloudtrack::host::store
