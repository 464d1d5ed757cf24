// Ladder readiness with prerequisites: a plain rung id must be held; an any_of choice needs one
// of its rungs held (and not expired).
#include "career/ladder.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

namespace {

using cloudtrack::content::Prerequisite;
using cloudtrack::content::Rung;
using cloudtrack::content::Track;
using cloudtrack::host::career::ladder_status;
using cloudtrack::host::career::to_json;
using cloudtrack::host::store::Certification;
using nlohmann::json;

Rung rung(const std::string& id, std::vector<Prerequisite> prerequisites = {})
{
    Rung r;
    r.id = id;
    r.name = id;
    r.level = "l0";
    r.validity_months = 12;
    r.prerequisites = std::move(prerequisites);
    return r;
}

Track track()
{
    Track t;
    t.info.id = "devops";
    t.levels = {{"l0", "L0", "", std::nullopt}, {"l1", "L1", "", 0.0}};
    t.ladder = {rung("az-104"), rung("az-204"), rung("cka"),
                rung("az-400", {Prerequisite{{"az-104", "az-204"}}, Prerequisite{{"cka"}}})};
    return t;
}

Certification held(const std::string& rung_id, const std::string& earned_on)
{
    Certification c;
    c.track_id = "devops";
    c.rung_id = rung_id;
    c.earned_on = earned_on;
    return c;
}

const json& entry(const json& ladder, const std::string& id)
{
    for (const auto& r : ladder["rungs"]) {
        if (r["id"] == id) {
            return r;
        }
    }
    FAIL("no rung " << id);
    return ladder;
}

} // namespace

TEST_CASE("ladder: one rung of an any_of choice held meets it", "[career]")
{
    const auto t = track();
    const auto none = to_json(ladder_status(t, nullptr, {}, "2026-12-06"));
    const auto& az400 = entry(none, "az-400");
    CHECK(az400["prerequisites_met"] == false);
    CHECK(az400["prerequisites"][0] ==
          json{{"any_of", {"az-104", "az-204"}}, {"held", json::array()}, {"met", false}});
    CHECK(az400["prerequisites"][1] == json{{"rung", "cka"}, {"met", false}});

    const auto some = to_json(
        ladder_status(t, nullptr, {held("az-204", "2026-06-01"), held("cka", "2026-01-10")}, "2026-12-06"));
    CHECK(entry(some, "az-400")["prerequisites"][0]["held"] == json{"az-204"});
    CHECK(entry(some, "az-400")["prerequisites_met"] == true);

    // An expired choice is not held; the plain prerequisite still has to be met as well.
    const auto expired = to_json(
        ladder_status(t, nullptr, {held("az-104", "2025-01-01"), held("cka", "2026-01-10")}, "2026-12-06"));
    CHECK(entry(expired, "az-400")["prerequisites"][0]["met"] == false);
    const auto no_cka = to_json(ladder_status(t, nullptr, {held("az-104", "2026-06-01")}, "2026-12-06"));
    CHECK(entry(no_cka, "az-400")["prerequisites"][0]["met"] == true);
    CHECK(entry(no_cka, "az-400")["prerequisites_met"] == false);
}

namespace {

// Two levels and two areas; a starter rung weighted over a measured and an unmeasured area, an
// advanced rung that never expires and has no blueprint, and a retired rung with a successor.
Track blueprint_track()
{
    Track t;
    t.info.id = "devops"; // where held() records certifications
    t.info.name = "DevOps";
    t.levels = {{"l0", "Foundation", "", std::nullopt}, {"l1", "Associate", "", 0.0}};
    auto starter = rung("starter");
    starter.exam_code = "ST-1";
    starter.blueprint = {{"Core", 60.0, {"a"}}, {"Extras", 40.0, {"c"}}};
    auto advanced = rung("advanced", {Prerequisite{{"starter"}}});
    advanced.level = "l1";
    advanced.validity_months = std::nullopt;
    auto old = rung("old");
    old.retired = true;
    old.successor = "starter";
    t.ladder = {starter, advanced, old};
    return t;
}

cloudtrack::host::assessment::Result measured(double percent_a)
{
    cloudtrack::host::assessment::Result r;
    r.attempt.id = 12;
    r.overall.level = "l0";
    r.overall.level_name = "Foundation";
    r.overall.percent = 50.0;
    cloudtrack::host::assessment::AreaResult a;
    a.id = "a";
    a.figures.items = 4;
    a.figures.percent = percent_a;
    cloudtrack::host::assessment::AreaResult b;
    b.id = "b"; // not in any blueprint
    b.figures.items = 2;
    b.figures.percent = 10.0;
    r.areas = {a, b};
    return r;
}

} // namespace

TEST_CASE("ladder: without a result nothing is measured and the JSON says null", "[career]")
{
    const auto t = blueprint_track();
    const auto status = ladder_status(t, nullptr, {}, "2026-12-06");
    REQUIRE(status.rungs.size() == 3);
    CHECK_FALSE(status.rungs[0].readiness);
    CHECK(status.rungs[0].status == "not_yet");
    CHECK(status.rungs[2].status == "retired");
    REQUIRE(status.next);
    CHECK(status.next->rung == "starter");
    CHECK(status.next_rung() == &status.rungs[0]);

    const auto j = to_json(status);
    CHECK(j["based_on_result"].is_null());
    CHECK(j["measured_level"].is_null());
    CHECK(j["ready_percent"].dump() == "70.0");
    const auto& starter = j["rungs"][0];
    CHECK(starter["readiness"].is_null());
    CHECK(starter["level_reached"] == false);
    CHECK(starter["successor"].is_null());
    CHECK(starter["validity_months"] == 12);
    CHECK_FALSE(starter.contains("earned_on")); // absent, not null, when not held
    CHECK_FALSE(starter.contains("expires_on"));
    CHECK(starter["blueprint"][0] ==
          json{{"domain", "Core"}, {"weight", 60.0}, {"areas", {"a"}}, {"percent", nullptr}});
    CHECK(starter["blueprint"][0]["weight"].is_number_float());
    CHECK(j["rungs"][1]["validity_months"].is_null());
    CHECK(j["rungs"][2]["successor"] == "starter");
    CHECK(j["next"] == json{{"rung", "starter"},
                            {"name", "starter"},
                            {"reason", "The first rung open to you; take an assessment to measure your "
                                       "readiness."}});
    CHECK(j.size() == 7);
    CHECK(starter.size() == 19);
}

TEST_CASE("ladder: readiness weighs only the measured blueprint domains", "[career]")
{
    const auto t = blueprint_track();
    const auto result = measured(80.04);
    const auto j = to_json(ladder_status(t, &result, {}, "2026-12-06"));
    CHECK(j["based_on_result"] == 12);
    CHECK(j["based_on_result"].is_number_integer());
    CHECK(j["measured_level"] == "Foundation");
    const auto& starter = j["rungs"][0];
    CHECK(starter["readiness"].dump() == "80.0");
    CHECK(starter["blueprint"][0]["percent"].dump() == "80.0");
    CHECK(starter["blueprint"][1]["percent"].is_null());
    CHECK(starter["status"] == "ready");
    CHECK(starter["level_reached"] == true);
    // No blueprint: the overall percent; the level is not reached and the prerequisite not held.
    CHECK(j["rungs"][1]["readiness"].dump() == "50.0");
    CHECK(j["rungs"][1]["status"] == "not_yet");
    CHECK(j["rungs"][1]["prerequisites"] == json::array({{{"rung", "starter"}, {"met", false}}}));
    CHECK(j["next"]["reason"] ==
          "Your latest result reaches its level (Foundation) with a blueprint-weighted readiness of 80.0%.");
}

TEST_CASE("ladder: held rungs carry their dates, and with nothing open next is null", "[career]")
{
    const auto t = blueprint_track();
    const auto status = ladder_status(
        t, nullptr, {held("starter", "2026-01-31"), held("advanced", "2020-05-01")}, "2026-12-06");
    CHECK_FALSE(status.next);
    CHECK(status.next_rung() == nullptr);
    const auto j = to_json(status);
    CHECK(j["next"].is_null());
    CHECK(j["rungs"][0]["status"] == "held");
    CHECK(j["rungs"][0]["earned_on"] == "2026-01-31");
    CHECK(j["rungs"][0]["expires_on"] == "2027-01-31");
    // Never expires: the key is there, and null.
    CHECK(j["rungs"][1]["status"] == "held");
    REQUIRE(j["rungs"][1].contains("expires_on"));
    CHECK(j["rungs"][1]["expires_on"].is_null());
    CHECK(j["rungs"][1]["prerequisites_met"] == true);
}
