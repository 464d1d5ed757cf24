// The test run's PostgreSQL server, as tests/support/postgres-fixture left it, and throwaway
// databases on it.
#include "store/pg_conn.hpp"
#include "test_support.hpp"

#include <catch2/catch.hpp>

#include <atomic>
#include <cstdlib>

#include <unistd.h>

namespace cloudtrack::test {

namespace {

using cloudtrack::host::store::detail::PgConnection;

// The socket folder of the server, from the superuser URI "postgresql://...?host=FOLDER".
std::string server_host()
{
    std::string uri;
    if (const char* env = std::getenv("CLOUDTRACK_TEST_PG_URI"); env != nullptr && *env != '\0') {
        uri = env;
    } else {
        uri = read_text(std::filesystem::path(CLOUDTRACK_TEST_PG_STATE) / "uri");
    }
    const auto host = uri.find("host=");
    if (host == std::string::npos) {
        FAIL("no test PostgreSQL server: run the tests with ctest, or start one with "
             "'tests/support/postgres-fixture start " CLOUDTRACK_TEST_PG_STATE "'");
    }
    auto folder = uri.substr(host + 5);
    while (!folder.empty() && (folder.back() == '\n' || folder.back() == '\r')) {
        folder.pop_back();
    }
    return folder.substr(0, folder.find('&'));
}

} // namespace

std::string postgres_uri(const std::string& database, const std::string& login)
{
    return "postgresql://" + login + "@/" + database + "?host=" + server_host();
}

TempDatabase::TempDatabase()
{
    static std::atomic<int> counter{0};
    // Only digits and a fixed prefix: a name that needs no quoting.
    m_name = "cloudtrack_test_" + std::to_string(::getpid()) + "_" + std::to_string(counter++);
    PgConnection(postgres_uri("postgres")).exec("CREATE DATABASE " + m_name);
}

TempDatabase::~TempDatabase()
{
    try {
        PgConnection(postgres_uri("postgres")).exec("DROP DATABASE IF EXISTS " + m_name + " WITH (FORCE)");
    } catch (const std::exception&) { // NOLINT(bugprone-empty-catch): a leftover dies with the server
    }
}

void TempDatabase::exec(const std::string& sql) const
{
    PgConnection(uri()).exec(sql);
}

} // namespace cloudtrack::test
