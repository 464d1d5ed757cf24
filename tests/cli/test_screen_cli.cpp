// `screen` end to end: scripted over two tracks, interactive with the offer of a full assessment,
// the errors it names, and `simulate --screener`.
#include "scripted_answers.hpp"
#include "test_support.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

using Catch::Matchers::Contains;
using cloudtrack::test::run_cli;
using cloudtrack::test::TempDir;
using cloudtrack::test::write_text;
using nlohmann::json;

namespace {

json shown(const TempDir& home, const std::string& track)
{
    const auto result = run_cli({"show", track, "--json"}, home.path());
    REQUIRE(result.exit_code == 0);
    return json::parse(result.out);
}

} // namespace

TEST_CASE("a scripted screen over two tracks ranks them, each on its own scale", "[cli][screen]")
{
    TempDir home;
    // Every simple DevOps item right; FinOps unanswered (each item asked scores 0).
    write_text(home / "answers.json",
               json{{"devops", {{"responses", cloudtrack::test::right_answers(shown(home, "devops"), 1000)}}},
                    {"finops", {{"responses", json::object()}}}}
                   .dump());
    const std::vector<std::string> args = {
        "screen", "devops", "finops", "--seed", "7", "--answers", (home / "answers.json").string(), "--json"};
    const auto run = run_cli(args, home.path());
    INFO(run.err);
    REQUIRE(run.exit_code == 0);
    const auto doc = json::parse(run.out);
    CHECK(doc["schema"] == "cloudtrack.screen/1");
    CHECK(doc["seed"] == 7);
    CHECK(doc["items_per_track"] == 6);
    CHECK(doc["complete"] == true);
    CHECK(doc["items_asked"] == 12);
    REQUIRE(doc["tracks"].size() == 2);
    CHECK(doc["tracks"][0]["id"] == "devops");
    CHECK(doc["tracks"][1]["id"] == "finops");
    for (const auto& track : doc["tracks"]) {
        CHECK(track["items"].size() == 6);
        CHECK(track["se"].get<double>() > 0.0);
        CHECK(track["level"].is_string());
        CHECK(track["stop_reason"] == "max_length");
    }
    for (const auto& item : doc["tracks"][1]["items"]) {
        CHECK(item["score"] == 0.0);
    }
    REQUIRE(doc["ranking"].size() == 2);
    CHECK(doc["ranking"][0]["track"] == "devops");
    CHECK(doc["ranking"][0]["rank"] == 1);
    const double p =
        doc["ranking"][0]["p_strongest"].get<double>() + doc["ranking"][1]["p_strongest"].get<double>();
    CHECK(p == Approx(1.0).margin(1e-3));
    CHECK(doc["recommendation"]["track"] == "devops");
    CHECK(doc["recommendation"]["next"][0] == "cloudtrack assess devops");

    // The same seed and answers give the same document.
    CHECK(run_cli(args, home.path()).out == run.out);

    // Text: the ranking and the command to run next; nothing is stored.
    const auto text =
        run_cli({"screen", "devops", "finops", "--seed", "7", "--answers", (home / "answers.json").string()},
                home.path());
    REQUIRE(text.exit_code == 0);
    CHECK_THAT(text.out, Contains("Recommendation: DevOps"));
    CHECK_THAT(text.out, Contains("cloudtrack assess devops"));
    CHECK_THAT(text.out, Contains("P(strongest)"));
    const auto results = run_cli({"results", "--json"}, home.path());
    CHECK(json::parse(results.out).empty());
}

TEST_CASE("an interactive screen shows each track's place and offers the full assessment", "[cli][screen]")
{
    TempDir home;
    // One item per track: seed 3 asks a single-choice DevOps item and a five-step FinOps
    // ordering item first (a track's first item does not depend on any answer); an answer of
    // the wrong shape is refused and asked again; then the offer is declined.
    const auto run = run_cli({"screen", "devops", "finops", "--items-per-track", "1", "--seed", "3"},
                             home.path(), {}, "a\nab\nabcde\n\n");
    INFO(run.out);
    REQUIRE(run.exit_code == 0);
    CHECK_THAT(run.out, Contains("Track 1 of 2: DevOps"));
    CHECK_THAT(run.out, Contains("Track 2 of 2: FinOps"));
    CHECK_THAT(run.out, Contains("1/1"));
    CHECK_THAT(run.out, Contains("please try again"));
    CHECK_THAT(run.out, Contains("Recommendation:"));
    CHECK_THAT(run.out, Contains("Start one now?"));

    // Taking the offer runs `assess` itself: its self-rating comes next, and quitting saves it.
    const auto taken =
        run_cli({"screen", "devops", "--items-per-track", "1", "--seed", "3"}, home.path(), {}, "a\n1\nq\n");
    INFO(taken.out);
    REQUIRE(taken.exit_code == 0);
    CHECK_THAT(taken.out, Contains("rate yourself"));
    CHECK_THAT(taken.out, Contains("cloudtrack assess devops --resume"));

    // 'q' stops the sitting: no ranking.
    const auto stopped = run_cli({"screen", "devops", "finops", "--seed", "3"}, home.path(), {}, "a\nq\n");
    REQUIRE(stopped.exit_code == 0);
    CHECK_THAT(stopped.out, Contains("Screen stopped after 1 item"));
}

TEST_CASE("screen names what it refuses, with its exit code", "[cli][screen]")
{
    TempDir home;
    const auto unknown = run_cli({"screen", "devops", "nosuch", "--answers", "x.json"}, home.path());
    CHECK(unknown.exit_code == 4);
    CHECK_THAT(unknown.err, Contains("nosuch"));

    CHECK(run_cli({"screen", "devops", "devops"}, home.path()).exit_code == 2);
    const auto range = run_cli({"screen", "--items-per-track", "0"}, home.path());
    CHECK(range.exit_code == 2);
    CHECK_THAT(range.err, Contains("--items-per-track"));
    CHECK(run_cli({"screen", "--items-per-track", "41"}, home.path()).exit_code == 2);

    write_text(home / "bad.json", R"({"devops": {"responses": {"no-such-item": "a"}}})");
    const auto bad = run_cli({"screen", "devops", "--answers", (home / "bad.json").string()}, home.path());
    CHECK(bad.exit_code == 3);
    CHECK_THAT(bad.err, Contains("bad.json: /devops/responses/no-such-item: unknown item"));
    const auto err_lines = std::count(bad.err.begin(), bad.err.end(), '\n');
    CHECK(err_lines == 1);

    write_text(home / "other.json", R"({"finops": {"responses": {}}})");
    const auto other =
        run_cli({"screen", "devops", "--answers", (home / "other.json").string()}, home.path());
    CHECK(other.exit_code == 3);
    CHECK_THAT(other.err, Contains("not a track of this screen"));

    // The template track has three items: too few for six per track.
    const auto folder = home / "plugins";
    cloudtrack::test::copy_plugin(cloudtrack::test::template_dir() / "template.so", folder / "template.so");
    const auto few = run_cli({"--plugin-path", folder.string(), "screen", "devops", "template", "--answers",
                              (home / "other.json").string()},
                             home.path());
    CHECK(few.exit_code == 4);
    CHECK_THAT(few.err, Contains("'template' has 3 scored items"));
}

TEST_CASE("simulate --screener is deterministic and reports what the screener got right", "[cli][screen]")
{
    TempDir home;
    const std::vector<std::string> args = {"simulate", "--screener", "devops", "finops", "security",
                                           "--people", "200",        "--seed", "4",      "--json"};
    const auto run = run_cli(args, home.path());
    INFO(run.err);
    REQUIRE(run.exit_code == 0);
    const auto doc = json::parse(run.out);
    CHECK(doc["schema"] == "cloudtrack.screen-simulation/1");
    CHECK(doc["tracks"].size() == 3);
    CHECK(doc["items"]["mean"] == 18.0);
    CHECK(doc["top_in_two"].get<double>() >= doc["top_first"].get<double>());
    CHECK(run_cli(args, home.path()).out == run.out);

    const auto text = run_cli(
        {"simulate", "--screener", "devops", "finops", "--people", "100", "--lead", "3"}, home.path());
    REQUIRE(text.exit_code == 0);
    CHECK_THAT(text.out, Contains("true strongest track ranked first"));
    CHECK(run_cli({"simulate", "--screener", "--correlation", "1.5"}, home.path()).exit_code == 2);
    CHECK(run_cli({"simulate", "--screener", "--help"}, home.path()).exit_code == 0);
}
