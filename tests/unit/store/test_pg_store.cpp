// The PostgreSQL store's pieces that need no server: how a URI is shown, how libpq's messages
// become one line, and how JSON paths and values cross to and from the database. Also: the SQL a
// DBA reads in docs/organizations.md is the SQL that 'store init --org' runs.
#include "store/pg_conn.hpp"
#include "store/pg_store.hpp"
#include "store/store.hpp"
#include "test_support.hpp"
#include "util/error.hpp"

#include <catch2/catch.hpp>

using namespace cloudtrack::host::store;
using namespace cloudtrack::host::store::detail;

TEST_CASE("postgres: a URI is shown without its password", "[store][postgres]")
{
    CHECK(redact_uri("postgresql://ana:s3cret@db.example:5432/org") ==
          "postgresql://ana:***@db.example:5432/org");
    CHECK(redact_uri("postgres://ana@/org?host=/run/pg&password=s3cret&sslmode=require") ==
          "postgres://ana@/org?host=/run/pg&password=***&sslmode=require");
    CHECK(redact_uri("postgresql://ana:p%40ss@h/db?password=x") == "postgresql://ana:***@h/db?password=***");
    CHECK(redact_uri("postgresql:///org?host=/run/pg") == "postgresql:///org?host=/run/pg");
    CHECK(redact_uri("postgresql://h/db?user=a@b") == "postgresql://h/db?user=a@b");
}

TEST_CASE("postgres: a store setting is a URI only with the postgresql or postgres scheme",
          "[store][postgres]")
{
    CHECK(is_postgres_uri("postgresql://x"));
    CHECK(is_postgres_uri("postgres:///db"));
    CHECK_FALSE(is_postgres_uri("postgresql:x"));
    CHECK_FALSE(is_postgres_uri("results/postgresql://x.db"));
    CHECK(uri_problem("postgresql://ana@/db?host=/tmp").empty());
    CHECK_FALSE(uri_problem("postgresql://ana@/db?nosuchparameter=1").empty());
}

TEST_CASE("postgres: libpq's messages become one line a terminal shows safely", "[store][postgres]")
{
    CHECK(pg_one_line("connection to server failed: No such file\n\tIs the server running?\n") ==
          "connection to server failed: No such file Is the server running?");
    CHECK(pg_one_line("FATAL:  role \"\x1b[31mx\" does not exist") ==
          "FATAL: role \"\\x1b[31mx\" does not exist");
}

TEST_CASE("postgres: JSON paths become json_extract_path keys; values lose only their whitespace",
          "[store][postgres]")
{
    CHECK(json_path_array("$.attempt") == R"({"attempt"})");
    CHECK(json_path_array("$.x.theta") == R"({"x","theta"})");
    CHECK(json_path_array("$.areas[0].id") == R"({"areas","0","id"})");
    CHECK(json_path_array("$") == "{}");
    for (const char* bad : {"", "x", "$..a", "$.a[", "$.a[x]", "$.a[]", "$a"}) {
        INFO(bad);
        CHECK_THROWS_AS(json_path_array(bad), cloudtrack::util::Error);
    }
    CHECK(minify_json(R"({"theta": 0.10000000000000001, "s": "a \" b\\", "l": [1, 2]})") ==
          R"({"theta":0.10000000000000001,"s":"a \" b\\","l":[1,2]})");
}

TEST_CASE("postgres: the organization SQL in the documentation is the SQL that is run", "[store][postgres]")
{
    const auto sql = cloudtrack::test::read_text(cloudtrack::test::source_dir() / ".." / "host" / "src" /
                                                 "store" / "sql" / "org.sql");
    const auto docs =
        cloudtrack::test::read_text(cloudtrack::test::source_dir() / ".." / "docs" / "organizations.md");
    REQUIRE(sql.size() > 1000);
    CHECK(docs.find("```sql\n" + sql + "```\n") != std::string::npos);
}
