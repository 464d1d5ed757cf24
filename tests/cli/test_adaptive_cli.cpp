// `assess --adaptive` end to end: scripted, interrupted and resumed, rescored.
#include "scripted_answers.hpp"
#include "test_support.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

using cloudtrack::test::run_cli;
using cloudtrack::test::TempDir;
using cloudtrack::test::write_text;
using nlohmann::json;

namespace {

json devops(const TempDir& home)
{
    const auto shown = run_cli({"show", "devops", "--json"}, home.path());
    REQUIRE(shown.exit_code == 0);
    return json::parse(shown.out);
}

// The stem lines of the item screens in an interactive transcript, in order.
std::vector<std::string> screens(const std::string& transcript)
{
    std::vector<std::string> stems;
    size_t at = 0;
    while ((at = transcript.find(" of at most ", at)) != std::string::npos) {
        const auto stem = transcript.find("\n\n", at) + 2;
        stems.push_back(transcript.substr(stem, transcript.find('\n', stem) - stem));
        at = stem;
    }
    return stems;
}

// Input that answers any item: each line that is not an answer to it is refused and the next
// one tried, so the cycle reaches a valid answer for every item type.
std::string any_answers(size_t cycles)
{
    std::string input;
    for (size_t i = 0; i < cycles; ++i) {
        input += "a\n1\nabc\nabcd\nabcde\nabcdef\n";
    }
    return input;
}

} // namespace

TEST_CASE("a scripted adaptive assessment asks what the answers lead to and rescores byte for byte",
          "[cli][adaptive]")
{
    TempDir home;
    // Every simple item answered right: more answers than the test will ask.
    write_text(home / "answers.json",
               json{{"responses", cloudtrack::test::right_answers(devops(home), 1000)}}.dump());
    const auto taken = run_cli({"assess", "devops", "--adaptive", "--seed", "4", "--answers",
                                (home / "answers.json").string(), "--json"},
                               home.path());
    INFO(taken.err);
    REQUIRE(taken.exit_code == 0);
    const auto result = json::parse(taken.out);
    CHECK(result["attempt"]["form"]["mode"] == "adaptive");
    CHECK(result["attempt"]["form"]["rules"]["max_items"] == 35);
    CHECK(result["attempt"]["stop_reason"].is_string());
    const auto items = result["attempt"]["form"]["items"].get<std::vector<std::string>>();
    CHECK(items.size() <= 35 + 7);
    CHECK(items.size() >= 14); // at least two per area

    const auto id = std::to_string(result["attempt"]["id"].get<int>());
    const auto rescored = run_cli({"results", "rescore", id}, home.path());
    CHECK(rescored.exit_code == 0);
    CHECK(rescored.out == taken.out);

    // The text result says how the test ran.
    const auto shown = run_cli({"results", "show", id}, home.path());
    CHECK(shown.out.find("Adaptive test") != std::string::npos);

    CHECK(run_cli({"assess", "devops", "--adaptive", "--full"}, home.path()).exit_code == 2);
}

TEST_CASE("an interrupted adaptive assessment resumes at the item it stopped on", "[cli][adaptive]")
{
    TempDir home;
    const std::string ratings = "1\n1\n1\n1\n1\n1\n1\n";
    // A few answers, then q.
    const auto first = run_cli({"assess", "devops", "--adaptive", "--seed", "9"}, home.path(), {},
                               ratings + any_answers(3) + "q\n");
    INFO(first.out);
    REQUIRE(first.exit_code == 0);
    CHECK(first.out.find("--resume") != std::string::npos);
    const auto before = screens(first.out);
    REQUIRE(before.size() >= 2);

    const auto resumed = run_cli({"assess", "devops", "--resume"}, home.path(), {}, any_answers(60));
    INFO(resumed.out);
    REQUIRE(resumed.exit_code == 0);
    const auto after = screens(resumed.out);
    REQUIRE_FALSE(after.empty());
    CHECK(after.front() == before.back()); // the pending item comes first, nothing is asked twice
    CHECK(resumed.out.find("Saved as result") != std::string::npos);

    const auto listed = run_cli({"results", "export", "--format", "json"}, home.path());
    const auto result = json::parse(listed.out).at(0);
    CHECK(result["attempt"]["form"]["mode"] == "adaptive");
    CHECK(result["attempt"]["stop_reason"].is_string());
}
