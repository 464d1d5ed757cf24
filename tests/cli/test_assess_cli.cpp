// Scripted assessments end to end, with every score computed by hand from the scoring fixture.
#include "test_support.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

using cloudtrack::test::run_cli;
using cloudtrack::test::scoring_dir;
using cloudtrack::test::TempDir;
using cloudtrack::test::write_text;
using nlohmann::json;

namespace {

const char* k_answers = R"({
  "responses": {
    "sc": "b",
    "tf": "true",
    "mc-all": ["a"],
    "mc-every": ["a", "b"],
    "mc-halves": ["a", "c", "d"],
    "num": 15.4,
    "ord-exact": ["w", "x", "z", "y"],
    "ord-pair": ["x", "w", "y", "z"],
    "beta": "a"
  },
  "self_ratings": {"one": 3, "two": 0}
})";

std::vector<std::string> with_plugins(std::vector<std::string> args)
{
    args.insert(args.begin(), {"--plugin-path", scoring_dir().string()});
    return args;
}

double score_of(const json& result, const std::string& item)
{
    for (const auto& r : result["responses"]) {
        if (r["item"] == item) {
            return r["score"].get<double>();
        }
    }
    FAIL("no response for " << item);
    return -1;
}

} // namespace

TEST_CASE("a scripted session scores every item type and rule as computed by hand", "[cli][assess]")
{
    TempDir home;
    write_text(home / "answers.json", k_answers);
    const auto run = run_cli(with_plugins({"assess", "scoring", "--full", "--answers",
                                           (home / "answers.json").string(), "--json"}),
                             home.path());
    INFO(run.err);
    REQUIRE(run.exit_code == 0);
    const auto result = json::parse(run.out);
    CHECK(result["schema"] == "cloudtrack.result/1");
    CHECK(score_of(result, "sc") == 1.0);
    CHECK(score_of(result, "tf") == 0.0);
    CHECK(score_of(result, "mc-all") == 0.0);    // one of two correct options: nothing
    CHECK(score_of(result, "mc-every") == 0.5);  // a right, b wrong, c missed, d right: 2 of 4
    CHECK(score_of(result, "mc-halves") == 0.5); // exactly one wrong decision (d)
    CHECK(score_of(result, "num") == 1.0);       // 15.4 within 15 ± 0.5
    CHECK(score_of(result, "ord-exact") == 0.0);
    CHECK(score_of(result, "ord-pair") == 0.8333); // 5 of 6 pairs
    // Area one: (1 + 0 + 0 + 0.5) / 4; area two: (0.5 + 1 + 0 + 5/6) / 4; the beta item is not scored.
    const auto& areas = result["areas"];
    CHECK(areas[0]["percent"] == 37.5);
    CHECK(areas[1]["percent"].get<double>() == Approx(58.3333).margin(1e-4));
    CHECK(areas[1]["items"] == 4);
    // Overall percent weights area two 3:1.
    CHECK(result["overall"]["percent"].get<double>() == Approx((37.5 + 3 * 58.3333) / 4).margin(1e-3));
    CHECK(areas[0]["self_rating"] == 3);
    CHECK(areas[0]["gap"].get<int>() < 0); // rated Expert, measured lower
    CHECK(result["missed"].size() == 6);
}

TEST_CASE("re-scoring a stored result is byte-identical; results list and export it", "[cli][assess]")
{
    TempDir home;
    write_text(home / "answers.json", k_answers);
    const auto taken = run_cli(with_plugins({"assess", "scoring", "--full", "--answers",
                                             (home / "answers.json").string(), "--json"}),
                               home.path());
    REQUIRE(taken.exit_code == 0);
    const auto id = std::to_string(json::parse(taken.out)["attempt"]["id"].get<int>());

    const auto shown = run_cli(with_plugins({"results", "show", id, "--json"}), home.path());
    CHECK(shown.out == taken.out);
    const auto rescored = run_cli(with_plugins({"results", "rescore", id}), home.path());
    CHECK(rescored.exit_code == 0);
    CHECK(rescored.out == taken.out);
    CHECK(rescored.err.empty());

    const auto listed = run_cli(with_plugins({"results", "--json"}), home.path());
    CHECK(json::parse(listed.out).size() == 1);

    // The streamed export is byte for byte what dumping the array of documents gives.
    const auto none = run_cli(with_plugins({"results", "export", "other-track"}), home.path());
    CHECK(none.out == "[]\n");
    const auto again = run_cli(with_plugins({"assess", "scoring", "--full", "--answers",
                                             (home / "answers.json").string(), "--json"}),
                               home.path());
    REQUIRE(again.exit_code == 0);
    const auto exported = run_cli(with_plugins({"results", "export", "--format", "json"}), home.path());
    CHECK(exported.out == json::array({json::parse(again.out), json::parse(taken.out)}).dump(2) + "\n");

    const auto csv = run_cli(with_plugins({"results", "export", "--format", "csv"}), home.path());
    CHECK(csv.out.find(",one,Area one,37.5,") != std::string::npos);
    // Read from the summaries kept beside the documents, the rows hold what the documents hold.
    std::string rows =
        "result_id,profile,track,track_version,finished_at,area,area_name,percent,theta,se,level,"
        "self_rating\n";
    for (const auto& d : json::parse(exported.out)) {
        const auto start =
            std::to_string(d["attempt"]["id"].get<int>()) + "," + d["attempt"]["profile"].get<std::string>() +
            "," + d["track"]["id"].get<std::string>() + "," + d["track"]["version"].get<std::string>() + "," +
            d["attempt"]["finished_at"].get<std::string>() + ",";
        const auto figures = [](const json& f) {
            return f["percent"].dump() + "," + f["theta"].dump() + "," + f["se"].dump() + "," +
                   f["level_name"].get<std::string>() + ",";
        };
        for (const auto& a : d["areas"]) {
            rows += start + a["id"].get<std::string>() + "," + a["name"].get<std::string>() + "," +
                    figures(a) + (a["self_rating"].is_null() ? "" : a["self_level_name"].get<std::string>()) +
                    "\n";
        }
        rows += start + "overall,Overall," + figures(d["overall"]) + "\n";
    }
    CHECK(csv.out == rows);

    const auto text = run_cli(with_plugins({"results", "show", id, "--explain"}), home.path());
    CHECK(text.out.find("How the levels were reached") != std::string::npos);
    CHECK(text.out.find("Read: Example reference") != std::string::npos);
}

TEST_CASE("a rejected answers file stores nothing and names each problem", "[cli][assess]")
{
    TempDir home;
    write_text(home / "bad.json", R"({"responses": {"nope": "a", "sc": ["b"], "num": "15"},
                                     "self_ratings": {"one": 9}})");
    const auto run =
        run_cli(with_plugins({"assess", "scoring", "--full", "--answers", (home / "bad.json").string()}),
                home.path());
    CHECK(run.exit_code == 3);
    CHECK(run.err.find("unknown item 'nope'") != std::string::npos);
    CHECK(run.err.find("item 'sc' (single_choice): expected one option id") != std::string::npos);
    CHECK(run.err.find("item 'num' (numeric): expected a number") != std::string::npos);
    CHECK(run.err.find("/self_ratings/one: expected a whole number from 0 to 3") != std::string::npos);
    const auto listed = run_cli(with_plugins({"results", "--json"}), home.path());
    CHECK(json::parse(listed.out).empty());

    write_text(home / "broken.json", "{\"responses\": ");
    const auto broken =
        run_cli(with_plugins({"assess", "scoring", "--full", "--answers", (home / "broken.json").string()}),
                home.path());
    CHECK(broken.exit_code == 3);
    CHECK(broken.err.find("broken.json: invalid JSON") != std::string::npos);
}

TEST_CASE("an item outside the drawn form is refused", "[cli][assess]")
{
    TempDir home;
    // One item per area is stratified to start with the easy one, so the medium 'tf' is never drawn.
    write_text(home / "answers.json", R"({"responses": {"tf": "true"}})");
    const auto run = run_cli(
        with_plugins({"assess", "scoring", "--items", "2", "--answers", (home / "answers.json").string()}),
        home.path());
    CHECK(run.exit_code == 3);
    CHECK(run.err.find("item 'tf' is not in this attempt's form") != std::string::npos);
}

TEST_CASE("a retake draws items the person has not seen and records the repeats", "[cli][assess]")
{
    TempDir home;
    write_text(home / "answers.json", R"({"responses": {}})");
    const auto take = [&] {
        const auto run = run_cli(
            {"assess", "devops", "--answers", (home / "answers.json").string(), "--json"}, home.path());
        INFO(run.err);
        REQUIRE(run.exit_code == 0);
        return json::parse(run.out);
    };
    const auto first = take();
    const auto second = take();
    // A first attempt has no history: its result keeps the shape it always had.
    CHECK_FALSE(first["attempt"].contains("repeats"));
    CHECK_FALSE(first["attempt"]["form"].contains("seen"));
    const auto first_items = first["attempt"]["form"]["items"].get<std::vector<std::string>>();
    const auto second_items = second["attempt"]["form"]["items"].get<std::vector<std::string>>();
    REQUIRE(first_items.size() == 35); // the standard form: 5 items in each of 7 areas
    REQUIRE(second_items.size() == 35);
    for (const auto& id : second_items) {
        CHECK(std::find(first_items.begin(), first_items.end(), id) == first_items.end());
    }
    CHECK(second["attempt"]["repeats"] == 0);
    CHECK(second["attempt"]["form"]["seen"].size() == 35);

    // The seen items are stored with the attempt: re-scoring gives the same bytes.
    const auto id = std::to_string(second["attempt"]["id"].get<int>());
    const auto rescored = run_cli({"results", "rescore", id}, home.path());
    CHECK(rescored.exit_code == 0);
    CHECK(json::parse(rescored.out) == second);
}
