#include "assessment/ability.hpp"
#include "assessment/item_bank.hpp"
#include "assessment/result.hpp"
#include "util/json_fields.hpp"

#include <catch2/catch.hpp>

#include <functional>

using namespace cloudtrack::host::assessment;
using Catch::Matchers::Contains;
using cloudtrack::content::Item;
using cloudtrack::content::ItemType;
using cloudtrack::content::Track;
using cloudtrack::util::FieldError;
using nlohmann::json;

namespace {
// Two areas, one with a target level; three levels; a choice item with rationales, a numeric
// item, and a beta item.
Track small_track()
{
    Track track;
    track.info.id = "t";
    track.info.name = "Test track";
    track.info.version = "1.0.0";
    track.sha256 = std::string(64, 'a');
    track.levels = {{"found", "Foundation", "", std::nullopt},
                    {"assoc", "Associate", "", -0.5},
                    {"pro", "Professional", "", 0.8}};
    track.areas = {{"x", "Area X", "", 2.0, "", ""}, {"y", "Area Y", "", 1.0, "", "assoc"}};
    Item choice;
    choice.id = "x1";
    choice.area = "x";
    choice.stem = "Which one?";
    choice.explanation = "Because b.";
    choice.references = {{"Docs", "https://example.org/docs"}};
    choice.options = {{"a", "A", false, "Not a."}, {"b", "B", true, "Yes."}};
    Item numeric;
    numeric.id = "y1";
    numeric.area = "y";
    numeric.type = ItemType::numeric;
    numeric.stem = "How many?";
    numeric.answer = 42;
    numeric.b = 0.7;
    numeric.a = 1.4;
    Item beta = choice;
    beta.id = "x-beta";
    beta.beta = true;
    track.items = {choice, numeric, beta};
    return track;
}

AttemptRecord attempt()
{
    AttemptRecord record;
    record.id = 7;
    record.profile = "ana";
    record.started_at = "2026-12-01T10:00:00Z";
    record.finished_at = "2026-12-01T10:20:00Z";
    record.form.seed = 99;
    record.form.items = {"x1", "x-beta", "y1", "gone"};
    record.form.seen = {"y1"};
    record.responses = {{"x1", "a"}, {"x-beta", "b"}, {"y1", 41.0}};
    record.self_ratings = {{"x", 2}};
    return record;
}
} // namespace

TEST_CASE("a result survives JSON and back byte for byte", "[assessment][result]")
{
    const auto result = score_attempt(small_track(), attempt());
    CHECK(result.dropped_items == std::vector<std::string>{"gone"});
    REQUIRE(result.attempt.repeats == std::optional<std::uint64_t>(1));
    REQUIRE(result.areas.size() == 2);
    REQUIRE(result.areas[0].self);
    CHECK(result.areas[0].self->level_name == "Professional");
    CHECK_FALSE(result.areas[1].self);
    REQUIRE(result.areas[1].target);
    CHECK(result.areas[1].target->level_name == "Associate");
    CHECK(result.missed.size() == 2);
    CHECK(result.responses.size() == 3);
    CHECK_FALSE(result.responses[1].scored);

    const auto text = serialize(result);
    const auto again = parse_result(json::parse(text));
    CHECK(serialize(again) == text);
    // Keys that only some results carry are written only then.
    const auto document = json::parse(text);
    CHECK(document["areas"][0].contains("gap"));
    CHECK_FALSE(document["areas"][0].contains("below_target"));
    CHECK(document["areas"][1]["self_rating"].is_null());
    CHECK(document["attempt"]["repeats"] == 1);
}

TEST_CASE("a malformed result is refused at the pointer of its first problem", "[assessment][result]")
{
    const auto good = to_json(score_attempt(small_track(), attempt()));
    const auto refused = [&](const std::function<void(json&)>& change) {
        auto document = good;
        change(document);
        try {
            (void)parse_result(document);
        } catch (const FieldError& e) {
            return std::string(e.what());
        }
        return std::string("accepted");
    };
    CHECK(refused([](json& d) { d.erase("overall"); }) == "/overall: expected an object");
    CHECK(refused([](json& d) { d["areas"][1]["percent"] = 140; }) ==
          "/areas/1/percent: expected a percent from 0 to 100");
    CHECK(refused([](json& d) { d["areas"][0]["items"] = -1; }) ==
          "/areas/0/items: expected a whole number, 0 or more");
    CHECK(refused([](json& d) { d["areas"][0].erase("gap_note"); }) ==
          "/areas/0/gap_note: expected a string");
    CHECK(refused([](json& d) { d["missed"][0]["references"][0]["url"] = 3; }) ==
          "/missed/0/references/0/url: expected a string");
    CHECK(refused([](json& d) { d["attempt"]["form"]["mode"] = "other"; }) ==
          "/attempt/form/mode: expected \"standard\", \"items\", \"full\" or \"adaptive\"");
    CHECK(refused([](json& d) { d["schema"] = "cloudtrack.result/2"; }) ==
          "/schema: expected \"cloudtrack.result/1\"");
    CHECK(refused([](json& d) { d = json::array(); }) == "(root): expected an object");
    CHECK(refused([](json& d) { d["responses"][2]["score"] = 1.5; }) ==
          "/responses/2/score: expected a number from 0 to 1");
    CHECK_THAT(refused([](json&) {}), Contains("accepted"));
}

TEST_CASE("a calibrated item scores with its calibrated parameters, and the result says which calibration",
          "[assessment][result][calibration]")
{
    auto track = small_track();
    const auto judged = score_attempt(track, attempt());
    REQUIRE(judged.parameters);
    CHECK(judged.parameters->calibration_sha256.empty());
    CHECK(judged.parameters->calibrated_items == 0);
    CHECK(judged.parameters->judged_items == 2);
    CHECK(judged.parameters->judgement_error == k_judgement_error);
    // The judged SE is wider than the measurement alone would say.
    const auto measured = estimate({{1.0, 0.0, 0.0}, {1.4, 0.7, 0.0}});
    CHECK(judged.overall.se > measured.se);
    CHECK(to_json(judged)["parameters"]["calibration"].is_null());

    track.calibration = cloudtrack::content::Calibration{
        "t", "0.9.0", std::string(64, 'c'), {{"y1", 1.9, 0.2, 0.05, 0.04, 2000}}};
    track.calibration_sha256 = std::string(64, 'd');
    const auto calibrated = score_attempt(track, attempt());
    REQUIRE(calibrated.parameters);
    CHECK(calibrated.parameters->calibration_sha256 == std::string(64, 'd'));
    CHECK(calibrated.parameters->calibrated_items == 1);
    CHECK(calibrated.parameters->judged_items == 1);
    const auto& y1 = calibrated.responses[2];
    REQUIRE(y1.item == "y1");
    CHECK(y1.a == 1.9);
    CHECK(y1.b == 0.2);
    // The document keeps every field through a round trip.
    CHECK(serialize(parse_result(to_json(calibrated))) == serialize(calibrated));
    CHECK(calibrated.engine == "cloudtrack-scoring/2");
}
