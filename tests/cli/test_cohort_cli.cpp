// `cloudtrack cohort`: shared results of several people summarized without naming anyone.
#include "scripted_answers.hpp"
#include "test_support.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace {

using Catch::Matchers::Contains;
using cloudtrack::test::run_cli;
using cloudtrack::test::TempDir;
using cloudtrack::test::write_text;
using nlohmann::json;

// Person `n` of a cohort answers the first `right` simple items correctly and rates every area
// at `rating`; the result is exported to a file, as a person would share it.
std::string take(const TempDir& home, const json& track, const std::string& person, size_t right, int rating)
{
    json answers = {{"responses", cloudtrack::test::right_answers(track, right)},
                    {"self_ratings", json::object()}};
    for (const auto& area : track["areas"]) {
        answers["self_ratings"][area["id"].get<std::string>()] = rating;
    }
    const auto file = home.path() / (person + "-answers.json");
    write_text(file, answers.dump());
    const auto taken =
        run_cli({"--profile", person, "assess", "devops", "--full", "--answers", file.string()}, home.path());
    INFO(taken.err);
    REQUIRE(taken.exit_code == 0);
    const auto exported =
        run_cli({"--profile", person, "results", "export", "devops", "--format", "json"}, home.path());
    REQUIRE(exported.exit_code == 0);
    const auto out = home.path() / (person + "-results.json");
    write_text(out, exported.out);
    return out.string();
}

} // namespace

TEST_CASE("cohort summarizes shared results per area and names no one", "[cli][cohort]")
{
    const TempDir home;
    const auto shown = run_cli({"show", "devops", "--json"}, home.path());
    REQUIRE(shown.exit_code == 0);
    const auto track = json::parse(shown.out);
    const std::vector<std::string> people = {"zq-ana", "zq-bo", "zq-chen", "zq-dara", "zq-eli", "zq-femi"};
    std::vector<std::string> files;
    for (size_t i = 0; i < people.size(); ++i) {
        files.push_back(take(home, track, people[i], 4 + 5 * i, static_cast<int>(i % 3)));
    }
    // Ana took the assessment again: her newest result counts, once.
    files.front() = take(home, track, "zq-ana", 30, 2);

    std::vector<std::string> args = {"cohort", "devops"};
    args.insert(args.end(), files.begin(), files.end());
    auto json_args = args;
    json_args.emplace_back("--json");
    const auto result = run_cli(json_args, home.path());
    INFO(result.err);
    REQUIRE(result.exit_code == 0);
    const auto cohort = json::parse(result.out);
    CHECK(cohort["schema"] == "cloudtrack.cohort/1");
    CHECK(cohort["people"] == 6);
    CHECK(cohort["areas"].size() == track["areas"].size());
    CHECK(cohort["weakest_areas"].size() == 3);
    // No count that could single out one or two people is shown.
    size_t suppressed = 0;
    for (const auto& figures : cohort["areas"]) {
        CHECK(figures["people"] == 6);
        for (const auto& level : figures["levels"]) {
            INFO(level.dump());
            CHECK((level["count"].is_null() || level["count"] == 0 || level["count"].get<int>() >= 3));
            suppressed += level["suppressed"].get<bool>() ? 1U : 0U;
        }
    }
    CHECK(suppressed > 0); // this cohort has levels reached by one or two people: they must be hidden
    for (const auto& missed : cohort["most_missed"]) {
        CHECK(missed["missed_by"].get<int>() >= 3);
    }
    const auto text = run_cli(args, home.path());
    REQUIRE(text.exit_code == 0);
    CHECK_THAT(text.out, Contains("DevOps cohort: 6 people"));
    CHECK_THAT(text.out, Contains("Train first (lowest medians):"));
    for (const auto& person : people) {
        CHECK(text.out.find(person) == std::string::npos);
        CHECK(result.out.find("\"" + person + "\"") == std::string::npos);
    }
    CHECK(result.err.empty()); // Ana's two results came in one file

    // The same profile in two files: still one person, with a note that says so without a name
    // (two people running as the same login would look like this).
    const auto copy = home.path() / "zq-bo-again.json";
    write_text(copy, cloudtrack::test::read_text(files[1]));
    json_args.push_back(copy.string());
    const auto twice = run_cli(json_args, home.path());
    REQUIRE(twice.exit_code == 0);
    CHECK(json::parse(twice.out)["people"] == 6);
    CHECK_THAT(twice.err, Contains("note: 1 profile has results in more than one file"));
    CHECK(twice.err.find("zq-bo") == std::string::npos);
}

TEST_CASE("cohort refuses groups too small to keep anyone anonymous", "[cli][cohort]")
{
    const TempDir home;
    const auto track = json::parse(run_cli({"show", "devops", "--json"}, home.path()).out);
    std::vector<std::string> args = {"cohort", "devops"};
    for (const auto* person : {"ana", "bo", "chen", "dara"}) {
        args.push_back(take(home, track, person, 10, 1));
    }
    const auto small = run_cli(args, home.path());
    CHECK(small.exit_code == 3);
    CHECK_THAT(small.err, Contains("needs results from at least 5 people; these files hold 4"));
    auto lowered = args;
    lowered.insert(lowered.end(), {"--min-size", "4"});
    CHECK(run_cli(lowered, home.path()).exit_code == 0);
    auto too_low = args;
    too_low.insert(too_low.end(), {"--min-size", "2"});
    CHECK(run_cli(too_low, home.path()).exit_code == 2);
    write_text(home.path() / "junk.json", "42");
    auto junk = args;
    junk.push_back((home.path() / "junk.json").string());
    const auto refused = run_cli(junk, home.path());
    CHECK(refused.exit_code == 3);
    CHECK_THAT(refused.err, Contains("junk.json: not a result document"));

    // A shared file with a broken result is named with the result and the JSON pointer.
    auto broken = json::parse(cloudtrack::test::read_text(args[2]));
    broken[0]["areas"][0]["percent"] = "high";
    write_text(home.path() / "broken.json", broken.dump());
    auto with_broken = args;
    with_broken.push_back((home.path() / "broken.json").string());
    const auto malformed = run_cli(with_broken, home.path());
    CHECK(malformed.exit_code == 3);
    CHECK_THAT(malformed.err,
               Contains("broken.json: result 1: /areas/0/percent: expected a percent from 0 to 100"));
}
