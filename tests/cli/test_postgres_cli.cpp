// The PostgreSQL store from the command line: selecting it, the one-line failures (server down,
// login refused, a schema that is not ours), and an assessment that survives a lost connection.
#include "pty_process.hpp"
#include "scoring_session.hpp"
#include "test_support.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>

using namespace cloudtrack::test;
using nlohmann::json;

namespace {

size_t lines(const std::string& text)
{
    return static_cast<size_t>(std::count(text.begin(), text.end(), '\n'));
}

RunResult results_json(const TempDir& home, const std::string& store)
{
    return run_cli({"--plugin-path", scoring_dir().string(), "--store", store, "results", "--json"},
                   home.path());
}

} // namespace

TEST_CASE("postgres: --store and config.json select the PostgreSQL store; SQLite stays the default",
          "[cli][postgres]")
{
    TempDir home;
    TempDatabase database;
    write_text(home / "answers.json", R"({"responses": {"sc": "b", "num": 15}})");
    const auto assessed =
        run_cli({"--plugin-path", scoring_dir().string(), "--store", database.uri(), "assess", "scoring",
                 "--full", "--answers", (home / "answers.json").string()},
                home.path());
    INFO(assessed.err);
    REQUIRE(assessed.exit_code == 0);
    const auto listed = results_json(home, database.uri());
    REQUIRE(listed.exit_code == 0);
    CHECK(json::parse(listed.out).size() == 1);

    // Nothing went to the SQLite file of the data folder.
    const auto local = run_cli({"--plugin-path", scoring_dir().string(), "results", "--json"}, home.path());
    REQUIRE(local.exit_code == 0);
    CHECK(json::parse(local.out).empty());

    // The same store through config.json.
    write_text(home / "data" / "config.json", json{{"store", database.uri()}}.dump());
    const auto configured =
        run_cli({"--plugin-path", scoring_dir().string(), "results", "--json"}, home.path());
    REQUIRE(configured.exit_code == 0);
    CHECK(json::parse(configured.out).size() == 1);

    // Anything else in "store" is a SQLite file, relative to the data folder.
    write_text(home / "data" / "config.json", R"({"store": "team.db"})");
    const auto to_file = run_cli({"--plugin-path", scoring_dir().string(), "assess", "scoring", "--full",
                                  "--answers", (home / "answers.json").string()},
                                 home.path());
    REQUIRE(to_file.exit_code == 0);
    CHECK(std::filesystem::is_regular_file(home / "data" / "team.db"));
    CHECK(json::parse(results_json(home, (home / "data" / "team.db").string()).out).size() == 1);
}

TEST_CASE("postgres: a malformed store setting is refused before anything runs", "[cli][postgres]")
{
    TempDir home;
    const auto option =
        run_cli({"--store", "postgresql://ana@/db?nosuchparameter=1", "results"}, home.path());
    CHECK(option.exit_code == 2);
    CHECK(option.err.find("--store") != std::string::npos);
    CHECK(lines(option.err) == 1);

    write_text(home / "data" / "config.json", R"({"store": 42})");
    const auto config = run_cli({"results"}, home.path());
    CHECK(config.exit_code == 3);
    CHECK(config.err.find("config.json: /store") != std::string::npos);
    CHECK(lines(config.err) == 1);
}

TEST_CASE("postgres: a server that is down or refuses the login is exit 5 on one line, no password shown",
          "[cli][postgres]")
{
    TempDir home;
    SECTION("down")
    {
        const auto run =
            results_json(home, "postgresql://ana:s3cret@/cloudtrack?host=" + (home / "no-server").string());
        CHECK(run.exit_code == 5);
        CHECK(run.err.find("cannot connect") != std::string::npos);
        CHECK(run.err.find("postgresql://ana:***@/cloudtrack") != std::string::npos);
        CHECK(run.err.find("s3cret") == std::string::npos);
        CHECK(lines(run.err) == 1);
    }
    SECTION("login refused")
    {
        auto uri = postgres_uri("cloudtrack", "nosuchlogin");
        uri.insert(uri.find('@'), ":s3cret");
        const auto run = results_json(home, uri + "&password=s3cret");
        CHECK(run.exit_code == 5);
        CHECK(run.err.find("nosuchlogin") != std::string::npos);
        CHECK(run.err.find("s3cret") == std::string::npos);
        CHECK(lines(run.err) == 1);
    }
}

TEST_CASE("postgres: a schema from a newer cloudtrack, an older one this login may not migrate, or another "
          "program's tables are exit 5 and left untouched",
          "[cli][postgres]")
{
    TempDir home;
    TempDatabase database;
    SECTION("newer")
    {
        REQUIRE(results_json(home, database.uri()).exit_code == 0); // creates the schema
        database.exec("INSERT INTO cloudtrack_schema_version (version) VALUES (9999)");
        const auto run = results_json(home, database.uri());
        CHECK(run.exit_code == 5);
        CHECK(run.err.find("newer cloudtrack") != std::string::npos);
        CHECK(lines(run.err) == 1);
    }
    SECTION("older, and this login may not migrate it")
    {
        database.exec("CREATE TABLE cloudtrack_schema_version (version integer PRIMARY KEY,"
                      " applied_at timestamptz NOT NULL DEFAULT now());"
                      "DROP ROLE IF EXISTS cloudtrack_test_reader; CREATE ROLE cloudtrack_test_reader LOGIN;"
                      "GRANT SELECT ON cloudtrack_schema_version TO cloudtrack_test_reader");
        const auto run = results_json(home, database.uri("cloudtrack_test_reader"));
        CHECK(run.exit_code == 5);
        CHECK(run.err.find("may not change it") != std::string::npos);
        CHECK(lines(run.err) == 1);
        database.exec("DROP OWNED BY cloudtrack_test_reader; DROP ROLE cloudtrack_test_reader");
    }
    SECTION("another program's")
    {
        database.exec("CREATE TABLE invoices (id integer)");
        const auto run = results_json(home, database.uri());
        CHECK(run.exit_code == 5);
        CHECK(run.err.find("another program") != std::string::npos);
        CHECK(lines(run.err) == 1);
        CHECK_NOTHROW(database.exec("SELECT id FROM invoices"));
    }
}

TEST_CASE("postgres: a connection lost mid-assessment loses no committed answer and --resume continues",
          "[cli][postgres][faults]")
{
    TempDir home;
    TempDatabase database;
    const std::vector<std::string> store = {"--store", database.uri()};
    std::vector<std::string> answered;
    {
        PtyProcess session(base_args({}, store), pty_env(home));
        answered = answer_some(session, 3);
        // The server ends this session's backend, as a restart or a dropped network would.
        database.exec("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                      " WHERE datname = current_database() AND pid <> pg_backend_pid()");
        session.type_line(k_typed.at(item_on_screen(session.screen())));
        REQUIRE(session.wait_for("lost the connection"));
        CHECK(session.wait_exit() == 5);
    }
    PtyProcess resumed(base_args({"--resume"}, store), pty_env(home));
    finish_resumed(resumed, answered, 6);
    const auto listed = results_json(home, database.uri());
    REQUIRE(listed.exit_code == 0);
    CHECK(json::parse(listed.out).size() == 1);
}
