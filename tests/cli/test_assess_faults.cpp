// Faults an assessment must survive: a killed terminal, a corrupt database, a read-only data
// folder, and two processes finishing at the same moment.
#include "pty_process.hpp"
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

namespace {

std::map<std::string, std::string> pty_env(const TempDir& home)
{
    return {{"PATH", "/usr/bin:/bin"},
            {"HOME", home.path().string()},
            {"CLOUDTRACK_HOME", (home / "data").string()},
            {"TERM", "xterm"},
            {"NO_COLOR", "1"},
            {"USER", "tester"}};
}

// What a person types for each scoring-fixture item (display letters; ordering shows shuffled
// letters, and any full permutation is a valid answer).
const std::map<std::string, std::string> k_typed = {
    {"sc", "b"},       {"tf", "b"},           {"mc-all", "ac"},     {"mc-every", "ab"}, {"mc-halves", "acd"},
    {"num", "15.4 %"}, {"ord-exact", "abcd"}, {"ord-pair", "dcba"}, {"beta", "a"}};

std::string item_on_screen(const std::string& screen)
{
    std::smatch match;
    static const std::regex k_stem("Question ([a-z-]+)\\?");
    std::string last;
    for (auto it = std::sregex_iterator(screen.begin(), screen.end(), k_stem); it != std::sregex_iterator();
         ++it) {
        last = (*it)[1];
    }
    return last;
}

std::vector<std::string> base_args(const std::string& extra)
{
    std::vector<std::string> args = {CLOUDTRACK_TEST_BINARY,
                                     "--plugin-path",
                                     scoring_dir().string(),
                                     "assess",
                                     "scoring",
                                     "--full",
                                     "--seed",
                                     "11"};
    if (!extra.empty()) {
        args.push_back(extra);
    }
    return args;
}

} // namespace

TEST_CASE("SIGKILL in the middle of an interactive assessment loses no answer", "[cli][faults]")
{
    TempDir home;
    std::vector<std::string> answered;
    {
        PtyProcess session(base_args(""), pty_env(home));
        for (int area = 0; area < 2; ++area) {
            REQUIRE(session.wait_for("[0-3, q quit]: "));
            session.type_line("1");
        }
        for (int i = 0; i < 4; ++i) {
            REQUIRE(session.wait_for("q save and quit]: "));
            const auto item = item_on_screen(session.screen());
            REQUIRE(k_typed.count(item) == 1);
            session.type_line(k_typed.at(item));
            answered.push_back(item);
        }
        // The fifth item is on screen: every earlier answer was acknowledged by the next prompt.
        REQUIRE(session.wait_for("q save and quit]: "));
        session.kill_hard();
        CHECK(session.wait_exit() == 128 + SIGKILL);
    }
    PtyProcess resumed(base_args("--resume"), pty_env(home));
    int remaining = 0;
    for (;;) {
        REQUIRE(resumed.wait_for("]: "));
        if (resumed.screen().find("Finish now?") != std::string::npos) {
            FAIL("an item was lost: " << resumed.screen());
        }
        const auto item = item_on_screen(resumed.screen());
        REQUIRE(!item.empty());
        // Resuming starts at the first unanswered item: nothing answered is asked again.
        CHECK(std::find(answered.begin(), answered.end(), item) == answered.end());
        resumed.type_line(k_typed.at(item));
        if (++remaining == 5) {
            break;
        }
    }
    REQUIRE(resumed.wait_for("Saved as result"));
    CHECK(resumed.wait_exit() == 0);

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
