// Faults an assessment must survive: a killed terminal, a corrupt database, a read-only data
// folder, and two processes finishing at the same moment.
#include "pty_process.hpp"
#include "scoring_session.hpp"
#include "test_support.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <csignal>
#include <future>
#include <regex>

#include <sys/stat.h>
#include <unistd.h>

using namespace cloudtrack::test;
using nlohmann::json;

TEST_CASE("SIGKILL in the middle of an interactive assessment loses no answer", "[cli][faults]")
{
    TempDir home;
    std::vector<std::string> answered;
    {
        PtyProcess session(base_args(), pty_env(home));
        answered = answer_some(session, 4);
        session.kill_hard();
        CHECK(session.wait_exit() == 128 + SIGKILL);
    }
    PtyProcess resumed(base_args({"--resume"}), pty_env(home));
    finish_resumed(resumed, answered, 5);

    const auto shown =
        run_cli({"--plugin-path", scoring_dir().string(), "results", "show", "1", "--json"}, home.path());
    REQUIRE(shown.exit_code == 0);
    const auto result = json::parse(shown.out);
    CHECK(result["overall"]["answered"] == 8);
    for (const auto& r : result["responses"]) {
        CHECK_FALSE(r["response"].is_null());
    }
    CHECK(result["areas"][0]["self_rating"] == 1);
}

TEST_CASE("a corrupt database is named and left untouched", "[cli][faults]")
{
    TempDir home;
    const std::string garbage(4096, 'x');
    write_text(home / "data" / "cloudtrack.db", garbage);
    const auto run = run_cli({"--plugin-path", scoring_dir().string(), "results"}, home.path());
    CHECK(run.exit_code == 5);
    CHECK(run.err.find("cloudtrack.db") != std::string::npos);
    CHECK(std::count(run.err.begin(), run.err.end(), '\n') == 1);
    CHECK(read_text(home / "data" / "cloudtrack.db") == garbage);
}

TEST_CASE("a read-only data folder fails before the first question", "[cli][faults]")
{
    if (::geteuid() == 0) {
        // root writes through permission bits; a data folder below a regular file is unwritable
        // for everyone and takes the same path through the store.
        TempDir home;
        write_text(home / "blocker", "not a folder");
        const auto run = run_cli({"--plugin-path", scoring_dir().string(), "--data-dir",
                                  (home / "blocker" / "data").string(), "assess", "scoring", "--full"},
                                 home.path(), {}, "1\n1\n");
        CHECK(run.exit_code == 5);
        CHECK(run.out.find("Question") == std::string::npos);
        return;
    }
    TempDir home;
    std::filesystem::create_directories(home / "data");
    ::chmod((home / "data").c_str(), 0555);
    const auto run = run_cli({"--plugin-path", scoring_dir().string(), "assess", "scoring", "--full"},
                             home.path(), {}, "1\n1\n");
    CHECK(run.exit_code == 5);
    CHECK(run.out.find("Question") == std::string::npos);
}

TEST_CASE("two processes finishing at the same moment both keep their results", "[cli][faults]")
{
    TempDir home;
    write_text(home / "answers.json", R"({"responses": {"sc": "b", "num": 15}})");
    const std::vector<std::string> args = {
        "--plugin-path", scoring_dir().string(),          "assess", "scoring", "--full",
        "--answers",     (home / "answers.json").string()};
    for (int round = 0; round < 3; ++round) {
        auto a = std::async(std::launch::async, [&] { return run_cli(args, home.path()); });
        auto b = std::async(std::launch::async, [&] { return run_cli(args, home.path()); });
        const auto ra = a.get();
        const auto rb = b.get();
        INFO(ra.err << rb.err);
        CHECK(ra.exit_code == 0);
        CHECK(rb.exit_code == 0);
    }
    const auto listed = run_cli({"--plugin-path", scoring_dir().string(), "results", "--json"}, home.path());
    CHECK(json::parse(listed.out).size() == 6);
}
