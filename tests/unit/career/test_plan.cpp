// Recommendation and roadmap from hand-made standings: what they choose, and the JSON shape
// (null primary/secondary, `why` absent when nothing is assessed, action keys per kind).
#include "career/plan.hpp"

#include <catch2/catch.hpp>

namespace {

using cloudtrack::content::ChecklistItem;
using cloudtrack::content::Project;
using cloudtrack::content::Rung;
using cloudtrack::content::Track;
using cloudtrack::host::assessment::AreaResult;
using cloudtrack::host::assessment::Result;
using cloudtrack::host::career::ladder_status;
using cloudtrack::host::career::portfolio_status;
using cloudtrack::host::career::recommend;
using cloudtrack::host::career::roadmap;
using cloudtrack::host::career::to_json;
using cloudtrack::host::career::TrackStanding;
using nlohmann::json;

Track make_track(const std::string& id)
{
    Track t;
    t.info.id = id;
    t.info.name = id + " track";
    t.levels = {{"l0", "Foundation", "", std::nullopt}, {"l1", "Associate", "", 0.0}};
    Rung first;
    first.id = id + "-1";
    first.name = "First";
    first.exam_code = "F-1";
    first.level = "l0";
    Rung second = first;
    second.id = id + "-2";
    second.name = "Second";
    second.exam_code = "S-2";
    second.level = "l1";
    t.ladder = {first, second};
    t.metrics = {{"cost", "Cost", "", "down"}, {"uptime", "Uptime", "", "up"}};
    Project project;
    project.id = "build";
    project.title = "Build it";
    project.business_question = "Does it pay?";
    project.outcome_metric = "cost";
    project.checklist = {ChecklistItem{"a", "A", "", ""}};
    t.portfolio = {project};
    return t;
}

Result make_result(std::int64_t id, double percent)
{
    Result r;
    r.attempt.id = id;
    r.overall.level = "l0";
    r.overall.level_name = "Foundation";
    r.overall.percent = percent;
    AreaResult area;
    area.id = "x";
    area.name = "Area X";
    area.figures.items = 3;
    area.figures.percent = percent;
    area.figures.level_name = "Foundation";
    r.areas = {area};
    return r;
}

TrackStanding standing(const Track& track, const Result* latest)
{
    return {&track, latest, ladder_status(track, latest, {}, "2026-12-06"), portfolio_status(track, {})};
}

} // namespace

TEST_CASE("recommend: nothing assessed gives null choices and no why", "[career]")
{
    const auto t = make_track("aws");
    const auto recommendation = recommend({standing(t, nullptr)});
    CHECK(recommendation.ranked.empty());
    CHECK_FALSE(recommendation.primary);
    const auto j = to_json(recommendation);
    CHECK(j == json{{"ranked", json::array()},
                    {"not_assessed",
                     {{{"track", "aws"}, {"name", "aws track"}, {"command", "cloudtrack assess aws"}}}},
                    {"primary", nullptr},
                    {"secondary", nullptr}});
}

TEST_CASE("recommend: ranks by fit and explains the choice", "[career]")
{
    const auto weak = make_track("gcp");
    const auto strong = make_track("azure");
    const auto weak_result = make_result(3, 40.0);
    const auto strong_result = make_result(9, 90.0);
    const auto recommendation = recommend({standing(weak, &weak_result), standing(strong, &strong_result)});
    REQUIRE(recommendation.ranked.size() == 2);
    CHECK(recommendation.primary == "azure");
    CHECK(recommendation.secondary == "gcp");
    const auto j = to_json(recommendation);
    const auto& best = j["ranked"][0];
    CHECK(best["fit"].dump() == "90.0");
    CHECK(best["result"] == 9);
    CHECK(best["result"].is_number_integer());
    CHECK(best["next_rung"] == "azure-1");
    CHECK(best["reasons"] ==
          json{"measured 90% overall, level Foundation", "next certification F-1 (First) at 90% readiness"});
    CHECK(j["why"] == "azure track fits best (90.0 of 100); gcp track is the strongest complement (40.0).");
    CHECK(j["not_assessed"] == json::array());
}

TEST_CASE("roadmap: actions carry rung or project only where relevant", "[career]")
{
    const auto t = make_track("aws");
    const auto result = make_result(5, 80.0);
    const auto plan = roadmap(standing(t, &result), nullptr);
    REQUIRE(plan.phases.size() == 3);
    CHECK_FALSE(plan.secondary);
    const auto j = to_json(plan);
    CHECK(j["secondary"].is_null());
    CHECK(j["based_on"] == json{{"primary", 5}, {"secondary", nullptr}});
    const auto& first = j["phases"][0]["actions"];
    REQUIRE(first.size() == 2);
    CHECK(first[0]["kind"] == "study");
    CHECK_FALSE(first[0].contains("rung"));
    CHECK_FALSE(first[0].contains("project"));
    CHECK(first[1] == json{{"track", "aws"},
                           {"kind", "certification"},
                           {"rung", "aws-1"},
                           {"text", "Prepare for First (F-1)."}});
    CHECK(j["phases"][1]["actions"][0] ==
          json{{"track", "aws"},
               {"kind", "project"},
               {"project", "build"},
               {"text", "Build \"Build it\" (0/1 checklist items done); it answers: Does it pay?"}});
    CHECK(j["phases"][2]["actions"][0]["rung"] == "aws-2");
    CHECK(j["phases"][2]["actions"][1]["kind"] == "case_study");
    CHECK(
        j["metrics"] ==
        json{{{"track", "aws"}, {"metric", "cost"}, {"name", "Cost"}, {"direction", "down"}, {"focus", true}},
             {{"track", "aws"},
              {"metric", "uptime"},
              {"name", "Uptime"},
              {"direction", "up"},
              {"focus", false}}});
}
