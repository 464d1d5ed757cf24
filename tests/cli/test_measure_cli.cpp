// `cloudtrack simulate` and `cloudtrack calibrate`: the measurement commands end to end, small N.
#include "scripted_answers.hpp"
#include "test_support.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <cmath>
#include <random>

namespace {

using Catch::Matchers::Contains;
using cloudtrack::test::run_cli;
using cloudtrack::test::TempDir;
using cloudtrack::test::write_text;
using nlohmann::json;

// Result documents of `people` simulated people on `track`: every item answered, right with the
// 2PL probability of its label's difficulty (a = 1).
json simulated_results(const json& track, size_t people)
{
    std::mt19937_64 rng(5);
    const auto uniform = [&] { return static_cast<double>(rng() >> 11U) * 0x1.0p-53; };
    auto results = json::array();
    for (size_t i = 0; i < people; ++i) {
        const double theta = -2.0 + 4.0 * uniform();
        auto responses = json::array();
        for (const auto& item : track["items"]) {
            const auto difficulty = item["difficulty"].get<std::string>();
            const double b = difficulty == "easy" ? -1.0 : difficulty == "medium" ? 0.0 : 1.0;
            const double p = 1.0 / (1.0 + std::exp(-(theta - b)));
            responses.push_back({{"item", item["id"]}, {"score", uniform() < p ? 1 : 0}});
        }
        results.push_back(
            {{"schema", "cloudtrack.result/1"},
             {"track", {{"id", track["track"]["id"]}, {"content_sha256", std::string(64, '0')}}},
             {"responses", responses}});
    }
    return results;
}

} // namespace

TEST_CASE("simulate prints both modes, deterministic for a seed", "[cli][measure]")
{
    const TempDir home;
    const std::vector<std::string> args = {"simulate", "devops", "--people", "40", "--seed", "3", "--json"};
    const auto one = run_cli(args, home.path());
    INFO(one.err);
    REQUIRE(one.exit_code == 0);
    const auto two = run_cli(args, home.path());
    CHECK(one.out == two.out);
    const auto document = json::parse(one.out);
    CHECK(document["schema"] == "cloudtrack.simulation/1");
    CHECK(document["bank"]["kind"] == "track");
    CHECK(document["fixed"]["overall"]["mean_length"] == 35.0); // 5 per area, 7 areas
    CHECK(document["adaptive"]["areas"].size() == 7);

    auto other = args;
    other[5] = "4";
    CHECK(run_cli(other, home.path()).out != one.out);

    const auto text = run_cli(
        {"simulate", "devops", "--people", "30", "--bank", "synthetic", "--max-items", "14"}, home.path());
    REQUIRE(text.exit_code == 0);
    CHECK_THAT(text.out, Contains("SYNTHETIC calibrated bank"));
    CHECK_THAT(text.out, Contains("overall"));
    CHECK_THAT(text.out, Contains("Adaptive stops: max_length"));
}

TEST_CASE("simulate reads a plugin file and given abilities", "[cli][measure]")
{
    const TempDir home;
    write_text(home / "thetas.txt", "# people at the cut points\n-0.5\n0.4\n\n1.2\n");
    const auto plugin = (cloudtrack::test::builtin_dir() / "finops.so").string();
    const auto run =
        run_cli({"simulate", "--plugin", plugin, "--theta-values", (home / "thetas.txt").string(), "--json"},
                home.path());
    INFO(run.err);
    REQUIRE(run.exit_code == 0);
    const auto document = json::parse(run.out);
    CHECK(document["people"] == 3);
    CHECK(document["track"]["id"] == "finops");
}

TEST_CASE("simulate refuses numbers out of range, naming the option", "[cli][measure]")
{
    const TempDir home;
    const auto negative = run_cli({"simulate", "devops", "--people", "-1"}, home.path());
    CHECK(negative.exit_code == 2);
    CHECK_THAT(negative.err, Contains("--people '-1': expected a whole number from 1 to 1000000"));
    const auto error = run_cli({"simulate", "devops", "--parameter-error", "nan"}, home.path());
    CHECK(error.exit_code == 2);
    CHECK_THAT(error.err, Contains("--parameter-error"));
    const auto bank = run_cli({"simulate", "devops", "--bank", "made-up"}, home.path());
    CHECK(bank.exit_code == 2);
    CHECK_THAT(bank.err, Contains("--bank must be 'track' or 'synthetic' (got 'made-up')"));
    const auto screener_bank = run_cli({"simulate", "--screener", "--bank", "made-up"}, home.path());
    CHECK(screener_bank.exit_code == 2);
    CHECK(screener_bank.err == bank.err); // one option, one reader
    write_text(home / "bad.txt", "0.1\nabc\n");
    const auto values =
        run_cli({"simulate", "devops", "--theta-values", (home / "bad.txt").string()}, home.path());
    CHECK(values.exit_code == 3);
    CHECK_THAT(values.err, Contains("bad.txt: line 2"));
    CHECK(run_cli({"simulate", "--help"}, home.path()).exit_code == 0);
}

TEST_CASE("calibrate estimates from pooled results and writes a calibration document", "[cli][measure]")
{
    const TempDir home;
    const auto shown = run_cli({"show", "devops", "--json"}, home.path());
    REQUIRE(shown.exit_code == 0);
    const auto track = json::parse(shown.out);

    // One real result, as `results export` writes it, among simulated ones.
    write_text(home / "answers.json", json{{"responses", cloudtrack::test::right_answers(track, 20)},
                                           {"self_ratings", json::object()}}
                                          .dump());
    REQUIRE(
        run_cli({"assess", "devops", "--full", "--answers", (home / "answers.json").string()}, home.path())
            .exit_code == 0);
    const auto exported = run_cli({"results", "export", "devops", "--format", "json"}, home.path());
    REQUIRE(exported.exit_code == 0);
    write_text(home / "real.json", exported.out);
    write_text(home / "pooled.json", simulated_results(track, 150).dump());

    const auto output = (home / "devops.calibration.json").string();
    const auto run = run_cli({"calibrate", "devops", (home / "real.json").string(),
                              (home / "pooled.json").string(), "--output", output, "--json"},
                             home.path());
    INFO(run.err);
    REQUIRE(run.exit_code == 0);
    const auto report = json::parse(run.out);
    CHECK(report["people"] == 151);
    CHECK(report["converged"] == true);
    CHECK(report["items"].size() == track["items"].size());
    const auto document = json::parse(cloudtrack::test::read_text(output));
    CHECK(document["schema"] == "cloudtrack.calibration/1");
    CHECK(document["track"]["id"] == "devops");
    CHECK(document["items"].size() == track["items"].size()); // 151 responses each: all written

    // The document is read back, validated, by the simulator.
    const auto simulated =
        run_cli({"simulate", "devops", "--people", "20", "--calibration", output, "--json"}, home.path());
    INFO(simulated.err);
    REQUIRE(simulated.exit_code == 0);
    CHECK(json::parse(simulated.out)["bank"]["calibrated_items"] == track["items"].size());

    const auto text = run_cli({"calibrate", "devops", (home / "pooled.json").string()}, home.path());
    REQUIRE(text.exit_code == 0);
    CHECK_THAT(text.out, Contains("Calibrated"));
    CHECK_THAT(text.out, Contains("facility"));
}

TEST_CASE("calibrate names the file and JSON pointer of a bad result", "[cli][measure]")
{
    const TempDir home;
    const auto shown = run_cli({"show", "devops", "--json"}, home.path());
    const auto track = json::parse(shown.out);
    auto results = simulated_results(track, 3);
    results[2]["responses"][4]["score"] = 2;
    write_text(home / "bad.json", results.dump());
    const auto bad = run_cli({"calibrate", "devops", (home / "bad.json").string()}, home.path());
    CHECK(bad.exit_code == 3);
    CHECK_THAT(bad.err, Contains("bad.json: /2/responses/4/score: expected a number from 0 to 1"));

    write_text(home / "dup.json", R"({"schema": "cloudtrack.result/1", "schema": "cloudtrack.result/1"})");
    const auto dup = run_cli({"calibrate", "devops", (home / "dup.json").string()}, home.path());
    CHECK(dup.exit_code == 3);
    CHECK_THAT(dup.err, Contains("dup.json: duplicate key 'schema' at /"));

    write_text(home / "cal.json", R"({"schema": "cloudtrack.calibration/1", "track": {"id": "devops",
        "version": "1", "content_sha256": "0000000000000000000000000000000000000000000000000000000000000000"},
        "items": [{"id": "x", "a": 9, "b": 0, "se_a": 0.1, "se_b": 0.1, "n": 5}]})");
    const auto cal =
        run_cli({"simulate", "devops", "--calibration", (home / "cal.json").string()}, home.path());
    CHECK(cal.exit_code == 3);
    CHECK_THAT(cal.err, Contains("cal.json: /items/0/a: expected a number from 0.2 to 4"));

    CHECK(run_cli({"calibrate", "devops"}, home.path()).exit_code == 2);
    CHECK(run_cli({"calibrate", "devops", (home / "bad.json").string(), "--min-responses", "0"}, home.path())
              .exit_code == 2);
}
