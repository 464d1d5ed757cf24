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
    const auto none = ladder_status(t, nullptr, {}, "2026-12-06");
    const auto& az400 = entry(none, "az-400");
    CHECK(az400["prerequisites_met"] == false);
    CHECK(az400["prerequisites"][0] ==
          json{{"any_of", {"az-104", "az-204"}}, {"held", json::array()}, {"met", false}});
    CHECK(az400["prerequisites"][1] == json{{"rung", "cka"}, {"met", false}});

    const auto some =
        ladder_status(t, nullptr, {held("az-204", "2026-06-01"), held("cka", "2026-01-10")}, "2026-12-06");
    CHECK(entry(some, "az-400")["prerequisites"][0]["held"] == json{"az-204"});
    CHECK(entry(some, "az-400")["prerequisites_met"] == true);

    // An expired choice is not held; the plain prerequisite still has to be met as well.
    const auto expired =
        ladder_status(t, nullptr, {held("az-104", "2025-01-01"), held("cka", "2026-01-10")}, "2026-12-06");
    CHECK(entry(expired, "az-400")["prerequisites"][0]["met"] == false);
    const auto no_cka = ladder_status(t, nullptr, {held("az-104", "2026-06-01")}, "2026-12-06");
    CHECK(entry(no_cka, "az-400")["prerequisites"][0]["met"] == true);
    CHECK(entry(no_cka, "az-400")["prerequisites_met"] == false);
}
