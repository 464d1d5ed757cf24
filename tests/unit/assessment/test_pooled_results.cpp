#include "assessment/pooled_results.hpp"

#include <catch2/catch.hpp>

using namespace cloudtrack::host::assessment;
using nlohmann::json;

namespace {
cloudtrack::content::Track track()
{
    cloudtrack::content::Track t;
    t.info.id = "t";
    t.sha256 = std::string(64, 'a');
    t.areas = {{"x", "X", "", 1.0, "", ""}};
    for (const char* id : {"i1", "i2", "i3"}) {
        cloudtrack::content::Item item;
        item.id = id;
        item.area = "x";
        t.items.push_back(item);
    }
    t.items.back().beta = true;
    return t;
}

json result(const std::string& sha, const json& responses)
{
    return {{"schema", "cloudtrack.result/1"},
            {"track", {{"id", "t"}, {"content_sha256", sha}}},
            {"responses", responses}};
}
} // namespace

TEST_CASE("results pool into one response set, beta items included", "[assessment][calibration]")
{
    const auto t = track();
    PooledResults pool(t);
    REQUIRE(pool.add(result(t.sha256, json::array({{{"item", "i1"}, {"score", 1.0}},
                                                   {{"item", "i3"}, {"score", 0.5}},
                                                   {{"item", "gone"}, {"score", 0.0}}})))
                .ok());
    REQUIRE(pool.add(result(std::string(64, 'b'), json::array({{{"item", "i2"}, {"score", 0}}}))).ok());
    const auto& set = pool.responses();
    CHECK(set.item_ids == std::vector<std::string>{"i1", "i2", "i3"});
    REQUIRE(set.people.size() == 2);
    CHECK(set.people[0].size() == 2);
    CHECK(set.people[0][1].item == 2);
    CHECK(set.people[0][1].score == 0.5);
    CHECK(pool.unknown_responses() == 1);
    CHECK(pool.other_content() == 1);
}

TEST_CASE("a malformed result is refused with its pointer, and nothing of it kept",
          "[assessment][calibration]")
{
    const auto t = track();
    PooledResults pool(t);
    auto bad = pool.add(result(t.sha256, json::array({{{"item", "i1"}, {"score", 1.5}}})));
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error() == "/responses/0/score: expected a number from 0 to 1");
    bad = pool.add(
        result(t.sha256, json::array({{{"item", "i1"}, {"score", 1}}, {{"item", "i1"}, {"score", 0}}})));
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error() == "/responses/1/item: 'i1' answered twice in one result");
    auto other = result(t.sha256, json::array());
    other["track"]["id"] = "u";
    bad = pool.add(other);
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error() == "/track/id: a result of 'u', not of 't'");
    CHECK(pool.responses().people.empty());
}
