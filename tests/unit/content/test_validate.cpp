#include "content/parse.hpp"
#include "util/sha256.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

using cloudtrack::content::check;

namespace {
nlohmann::json minimal()
{
    return nlohmann::json::parse(R"({
      "schema": "cloudtrack.track/1",
      "track": {"id": "t", "name": "T", "version": "1.0.0", "vendor": "v", "description": "d"},
      "metrics": [{"id": "m", "name": "M", "description": "d", "direction": "up"}],
      "levels": [{"id": "l0", "name": "L0", "description": "d"},
                 {"id": "l1", "name": "L1", "description": "d", "min_theta": 0.0}],
      "areas": [{"id": "a", "name": "A", "description": "d", "self_rating_prompt": "p?"}],
      "items": [{"id": "i1", "area": "a", "type": "single_choice", "stem": "s", "explanation": "e",
                 "difficulty": "easy", "references": [{"title": "r", "url": "https://example.org"}],
                 "options": [{"id": "a", "text": "x", "correct": true, "rationale": "r"},
                             {"id": "b", "text": "y", "correct": false, "rationale": "r"}]}]
    })");
}
std::string first_problem(const nlohmann::json& doc)
{
    const auto checked = check(doc.dump());
    return checked.problems.empty() ? "" : to_string(checked.problems.front());
}
} // namespace

TEST_CASE("a minimal document is valid and builds the model", "[content]")
{
    const auto checked = check(minimal().dump());
    REQUIRE(checked.problems.empty());
    REQUIRE(checked.track);
    CHECK(checked.track->items.front().b == -1.0);
    CHECK(checked.track->level_at(0.1) == 1);
    CHECK(checked.track->level_at(-0.1) == 0);
}

TEST_CASE("problems carry the JSON pointer of the offending value", "[content]")
{
    auto doc = minimal();
    doc["items"][0]["area"] = "nowhere";
    CHECK(first_problem(doc) == "/items/0/area: unknown area 'nowhere' (known: a)");

    doc = minimal();
    doc["items"][0]["options"][1]["correct"] = true;
    CHECK(first_problem(doc) == "/items/0/options: exactly one option must be correct (found 2)");

    doc = minimal();
    doc["levels"][1]["min_theta"] = -5.0;
    CHECK(first_problem(doc) == "/levels/1/min_theta: must be between -4 and 4");

    doc = minimal();
    doc["items"][0]["explaination"] = "typo";
    CHECK(first_problem(doc) == "/items/0/explaination: unknown key 'explaination'");

    doc = minimal();
    doc["areas"][0]["target_level"] = "l9";
    CHECK(first_problem(doc) == "/areas/0/target_level: unknown level 'l9' (known: l0, l1)");
}

TEST_CASE("an area's target level is part of the model", "[content]")
{
    auto doc = minimal();
    doc["areas"][0]["target_level"] = "l1";
    const auto checked = check(doc.dump());
    REQUIRE(checked.track);
    CHECK(checked.track->areas.front().target_level == "l1");
    CHECK(check(minimal().dump()).track->areas.front().target_level.empty());
}

TEST_CASE("invalid JSON is one problem at the document root", "[content]")
{
    const auto checked = check("{\"schema\": ");
    REQUIRE(checked.problems.size() == 1);
    CHECK(checked.problems.front().message.rfind("invalid JSON:", 0) == 0);
}

namespace {
nlohmann::json with_ladder()
{
    auto doc = minimal();
    const auto rung = [](const std::string& id) {
        return nlohmann::json{{"id", id},
                              {"name", "Cert " + id},
                              {"issuer", "I"},
                              {"exam_code", id},
                              {"issuer_level", "Associate"},
                              {"level", "l1"},
                              {"validity_months", 12},
                              {"as_of", "2026-12-06"},
                              {"source", "https://learn.microsoft.com/credentials/"},
                              {"confidence", "medium"}};
    };
    doc["ladder"] = {rung("az-104"), rung("az-204"), rung("az-400")};
    doc["ladder"][2]["prerequisites"] = nlohmann::json::parse(R"([{"any_of": ["az-104", "az-204"]}])");
    return doc;
}
} // namespace

TEST_CASE("a prerequisite is a rung id or an any_of choice of two or more", "[content]")
{
    auto doc = with_ladder();
    const auto checked = check(doc.dump());
    REQUIRE(checked.problems.empty());
    const auto& pre = checked.track->find_rung("az-400")->prerequisites;
    REQUIRE(pre.size() == 1);
    CHECK(pre.front().choice());
    CHECK(to_string(pre.front()) == "one of az-104 or az-204");
    CHECK(to_string(cloudtrack::content::Prerequisite{{"a", "b", "c"}}) == "one of a, b or c");
    CHECK(to_string(cloudtrack::content::Prerequisite{{"cka"}}) == "cka");

    // Mixed with a plain id: both must be met.
    doc["ladder"][2]["prerequisites"].push_back("az-104");
    CHECK(check(doc.dump()).problems.empty());

    const auto problem = [](const char* prerequisites) {
        auto d = with_ladder();
        d["ladder"][2]["prerequisites"] = nlohmann::json::parse(prerequisites);
        return first_problem(d);
    };
    CHECK(problem(R"([{"any_of": ["az-104"]}])") ==
          "/ladder/2/prerequisites/0/any_of: expected at least 2 entries");
    CHECK(problem(R"([{"any_of": ["az-104", "az-999"]}])") ==
          "/ladder/2/prerequisites/0/any_of/1: unknown rung 'az-999'");
    CHECK(problem(R"([{"any_of": ["az-104", "az-400"]}])") ==
          "/ladder/2/prerequisites/0/any_of/1: a rung cannot require itself");
    CHECK(problem(R"([{"any_of": ["az-104", "az-104"]}])") ==
          "/ladder/2/prerequisites/0/any_of/1: 'az-104' is listed twice");
    CHECK(problem(R"([{"one_of": ["az-104", "az-204"]}])") ==
          "/ladder/2/prerequisites/0/one_of: unknown key 'one_of'");
    CHECK(problem(R"([42])") == "/ladder/2/prerequisites/0: expected a rung id or {\"any_of\": [rung ids]}");

    // `recommended` stays a list of ids.
    auto rec = with_ladder();
    rec["ladder"][2]["recommended"] = nlohmann::json::parse(R"([{"any_of": ["az-104", "az-204"]}])");
    CHECK(first_problem(rec) == "/ladder/2/recommended/0: expected a rung id");

    // A choice that leads back is a cycle like any other.
    auto cycle = with_ladder();
    cycle["ladder"][0]["prerequisites"] = {"az-400"};
    CHECK(first_problem(cycle) == "/ladder/0/prerequisites: prerequisites of 'az-104' form a cycle");
}

namespace {

nlohmann::json with_portfolio(const char* probe = "p1")
{
    auto doc = minimal();
    doc["portfolio"] = nlohmann::json::parse(R"([{"id": "proj", "title": "T", "business_question": "Q?",
        "outcome_metric": "m", "description": "d",
        "checklist": [{"id": "c", "text": "t", "evidence": "e"}]}])");
    doc["portfolio"][0]["checklist"][0]["probe"] = probe;
    return doc;
}
nlohmann::json rung()
{
    return nlohmann::json::parse(
        R"({"id": "r", "name": "R", "issuer": "I", "exam_code": "X", "issuer_level": "A",
        "level": "l1", "validity_months": 36, "as_of": "2026-01-01", "source": "https://i.org", "confidence": "high"})");
}
} // namespace

TEST_CASE("$schema is accepted and ignored; abi and probes are checked when present", "[content]")
{
    auto doc = minimal();
    doc["$schema"] = "file:///usr/share/cloudtrack/schemas/track.schema.json";
    CHECK(first_problem(doc).empty());

    doc = minimal();
    doc["abi"] = {{"major", 1}, {"minor", 0}};
    const auto checked = check(doc.dump());
    REQUIRE(checked.track);
    REQUIRE(checked.track->info.abi);
    CHECK(checked.track->info.abi->major_version == 1);
    CHECK_FALSE(check(minimal().dump()).track->info.abi); // documents built before it stay valid

    doc["abi"] = {{"major", -1}, {"minor", 0}};
    CHECK(first_problem(doc) == "/abi/major: expected a whole number from 0 to 65535");

    doc = with_portfolio("p2");
    doc["probes"] = {"p1"};
    CHECK(
        first_problem(doc) ==
        "/portfolio/0/checklist/0/probe: probe 'p2' is not provided by the plugin's code (it declares: p1)");
    doc["probes"] = nlohmann::json::array();
    CHECK(first_problem(doc) == "/portfolio/0/checklist/0/probe: probe 'p2' is not provided by the plugin's "
                                "code (it declares: none)");
    doc["probes"] = {"p2"};
    CHECK(first_problem(doc).empty());
    doc.erase("probes");
    CHECK(first_problem(doc).empty()); // undeclared: checked when it runs
}

TEST_CASE("outcome_metric names a metric in documents that record the ABI", "[content]")
{
    auto doc = with_portfolio();
    doc["portfolio"][0]["outcome_metric"] = "Change fail rate";
    CHECK(first_problem(doc).empty()); // built before the rule: free text stays valid
    doc["abi"] = {{"major", 1}, {"minor", 0}};
    CHECK(first_problem(doc) ==
          "/portfolio/0/outcome_metric: unknown metric 'Change fail rate' (known: m); say "
          "how it is measured in 'outcome_target'");
    doc["portfolio"][0]["outcome_metric"] = "m";
    doc["portfolio"][0]["outcome_target"] = "below 15%";
    const auto checked = check(doc.dump());
    REQUIRE(checked.track);
    CHECK(checked.track->portfolio.front().outcome_target == "below 15%");
}

TEST_CASE("a rung's unconfirmed facts are field names of the rung", "[content]")
{
    auto doc = minimal();
    doc["ladder"] = nlohmann::json::array({rung()});
    doc["ladder"][0]["unconfirmed"] = {"validity_months"};
    const auto checked = check(doc.dump());
    REQUIRE(checked.track);
    CHECK(checked.track->ladder.front().unconfirmed == std::vector<std::string>{"validity_months"});

    doc["ladder"][0]["unconfirmed"] = {"blueprint"};
    CHECK(first_problem(doc) == "/ladder/0/unconfirmed/0: 'blueprint' is not set on this rung");
    doc["ladder"][0]["unconfirmed"] = {"price"};
    CHECK(first_problem(doc).rfind(
              "/ladder/0/unconfirmed/0: 'price' is not a rung fact that can be unconfirmed", 0) == 0);
    doc["ladder"][0]["unconfirmed"] = {"level", "level"};
    CHECK(first_problem(doc) == "/ladder/0/unconfirmed/1: 'level' is listed twice");
}

TEST_CASE("fixed_order is a boolean of choice items only", "[content]")
{
    auto doc = minimal();
    doc["items"][0]["fixed_order"] = true;
    const auto checked = check(doc.dump());
    REQUIRE(checked.problems.empty());
    CHECK(checked.track->items.front().fixed_order);
    CHECK_FALSE(check(minimal().dump()).track->items.front().fixed_order);

    doc["items"][0]["fixed_order"] = "yes";
    CHECK(first_problem(doc) == "/items/0/fixed_order: expected true or false");

    doc = minimal();
    doc["items"][0]["type"] = "true_false";
    doc["items"][0]["options"][0]["id"] = "true";
    doc["items"][0]["options"][1]["id"] = "false";
    REQUIRE(first_problem(doc).empty());
    doc["items"][0]["fixed_order"] = true;
    CHECK(first_problem(doc) == "/items/0/fixed_order: 'fixed_order' does not apply to a true_false item");
}

TEST_CASE("an embedded calibration is checked against the track and recorded by its SHA-256",
          "[content][calibration]")
{
    auto doc = minimal();
    const auto calibration = nlohmann::json::parse(R"({"schema": "cloudtrack.calibration/1",
        "track": {"id": "t", "version": "0.9.0", "content_sha256": ")" +
                                                   std::string(64, 'e') + R"("},
        "items": [{"id": "i1", "a": 1.4, "b": -0.3, "se_a": 0.12, "se_b": 0.08, "n": 812}]})");
    doc["calibration"] = calibration;
    const auto checked = check(doc.dump());
    REQUIRE(checked.problems.empty());
    const auto& track = *checked.track;
    REQUIRE(track.calibrated("i1") != nullptr);
    CHECK(track.calibrated("i1")->a == 1.4);
    CHECK(track.fully_calibrated());
    CHECK(track.calibration_sha256 == cloudtrack::util::sha256_hex(calibration.dump(2) + "\n"));
    CHECK(track.allow_adaptive);

    doc["calibration"]["items"][0]["id"] = "i9";
    CHECK(first_problem(doc) ==
          "/calibration/items/0/id: no item 'i9' in this track (drop it from the calibration)");
    doc["calibration"] = calibration;
    doc["calibration"]["track"]["id"] = "other";
    CHECK(first_problem(doc) == "/calibration/track/id: this calibration is for track 'other', not 't'");
    doc["calibration"] = calibration;
    doc["calibration"]["items"][0]["b"] = 7;
    CHECK(first_problem(doc) == "/calibration/items/0/b: expected a number from -4 to 4");
    doc["calibration"] = "cal.json";
    CHECK(first_problem(doc) == "/calibration: expected an object");
}

TEST_CASE("allow_adaptive is a boolean that can require fixed forms", "[content]")
{
    auto doc = minimal();
    doc["allow_adaptive"] = false;
    const auto checked = check(doc.dump());
    REQUIRE(checked.problems.empty());
    CHECK_FALSE(checked.track->allow_adaptive);
    CHECK_FALSE(checked.track->fully_calibrated());
    doc["allow_adaptive"] = "no";
    CHECK(first_problem(doc) == "/allow_adaptive: expected true or false");
}
