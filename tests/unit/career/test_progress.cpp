// Progress read from the summaries of stored results: fields checked where they enter, numbers
// kept exactly, missing fields named by their pointer, and the streamed document byte for byte
// the one that building it whole gave.
#include "career/progress.hpp"
#include "util/error.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <cmath>
#include <sstream>
#include <string>
#include <vector>

namespace {

using namespace cloudtrack::host::career;
using Catch::Matchers::Contains;
using nlohmann::json;

json area_figures(const std::string& id, double theta, int items, const std::string& level = "Mid")
{
    return {
        {"id", id},       {"name", "Area \"" + id + "\" é"}, {"items", items},      {"percent", 37.5 + theta},
        {"theta", theta}, {"se", 0.30000000000000004},       {"level_name", level}, {"gap_note", "ignored"}};
}

json summary(int id, double theta, int items, const std::string& sha = "abc")
{
    const json figures = {{"percent", 37.5},
                          {"theta", theta},
                          {"se", 0.30000000000000004},
                          {"level_name", theta > 0 ? "High" : "Mid"}};
    return json::array({id,
                        "t" + std::to_string(id),
                        {{"id", "devops"}, {"name", "DevOps"}, {"version", "1.0.0"}, {"content_sha256", sha}},
                        figures,
                        json::array({area_figures("net", theta, items)})});
}

// The document as it was built before it was streamed: the whole nlohmann::json value, dumped.
json change(const ResultFigures& first, const ResultFigures& latest)
{
    const auto round2 = [](double value) { return std::round(value * 100.0) / 100.0; };
    const double d_theta = latest.theta - first.theta;
    const double se = std::sqrt(std::pow(first.se, 2) + std::pow(latest.se, 2));
    const bool real = std::abs(d_theta) > 1.96 * se;
    return {{"percent", round2(latest.percent - first.percent)},
            {"theta", round2(d_theta)},
            {"se", round2(se)},
            {"verdict", !real         ? "within_noise"
                        : d_theta > 0 ? "improved"
                                      : "declined"}};
}

json point(const ProgressResult& result, const ResultFigures& figures)
{
    return {{"attempt", result.attempt},  {"finished_at", result.finished_at},
            {"percent", figures.percent}, {"theta", figures.theta},
            {"se", figures.se},           {"level_name", figures.level_name}};
}

json change_of(const std::vector<const ResultFigures*>& points)
{
    return points.size() > 1 ? change(*points.front(), *points.back()) : json(nullptr);
}

std::string whole_document(const std::vector<ProgressResult>& results)
{
    const auto& first = results.front();
    const auto& latest = results.back();
    auto attempts = json::array();
    auto overall = json::array();
    std::vector<const ResultFigures*> overall_figures;
    bool same_content = true;
    for (const auto& result : results) {
        same_content = same_content && result.content_sha256 == first.content_sha256;
        attempts.push_back({{"attempt", result.attempt},
                            {"finished_at", result.finished_at},
                            {"version", result.version},
                            {"content_sha256", result.content_sha256}});
        overall.push_back(point(result, result.overall));
        overall_figures.push_back(&result.overall);
    }
    auto areas = json::array();
    for (const auto& area : latest.areas) {
        auto points = json::array();
        std::vector<const ResultFigures*> measured;
        for (const auto& result : results) {
            for (const auto& figures : result.areas) {
                if (figures.id == area.id && figures.items > 0) {
                    points.push_back(point(result, figures.figures));
                    measured.push_back(&figures.figures);
                }
            }
        }
        areas.push_back({{"id", area.id},
                         {"name", area.name},
                         {"points", std::move(points)},
                         {"change", change_of(measured)}});
    }
    return json{{"track", latest.track_id},
                {"track_name", latest.track_name},
                {"attempts", std::move(attempts)},
                {"same_content", same_content},
                {"overall", {{"points", std::move(overall)}, {"change", change_of(overall_figures)}}},
                {"areas", std::move(areas)}}
        .dump(2);
}

std::string streamed_document(const std::vector<ProgressResult>& results)
{
    ProgressBuilder builder(true);
    for (const auto& result : results) {
        builder.add(result);
    }
    std::ostringstream out;
    builder.write_json(out);
    return out.str();
}

Progress summary_of(const std::vector<ProgressResult>& results)
{
    ProgressBuilder builder(false);
    for (const auto& result : results) {
        builder.add(result);
    }
    return builder.progress();
}

} // namespace

TEST_CASE("progress: results read from their summaries, oldest first", "[career]")
{
    const std::vector<ProgressResult> results = {progress_result(1, summary(1, -1.0, 4)),
                                                 progress_result(2, summary(2, 0.1234567891234, 4))};
    const auto progress = summary_of(results);
    CHECK(progress.track_id == "devops");
    CHECK(progress.results == 2);
    CHECK(progress.overall.latest->figures.theta == 0.1234567891234);
    CHECK(progress.overall.change()->verdict == Verdict::improved);
    REQUIRE(progress.areas.size() == 1);
    CHECK(progress.areas[0].points == 2);
    const auto document = json::parse(streamed_document(results));
    CHECK(document["overall"]["points"][0]["se"].dump() == "0.30000000000000004");

    // An area without scored items is not a point.
    const auto unmeasured = summary_of({progress_result(1, summary(1, -1.0, 0)), results[1]});
    CHECK(unmeasured.areas[0].points == 1);
    CHECK_FALSE(unmeasured.areas[0].change());
}

TEST_CASE("progress: the streamed document is byte for byte the one built whole", "[career]")
{
    std::vector<ProgressResult> results;
    for (int i = 1; i <= 7; ++i) {
        auto parts = summary(i, 0.37 * i - 1.5, i % 3, i < 5 ? "abc" : "def");
        // Areas come and go: "old" is measured early and dropped, "new" appears late, and
        // "never" is named by the newest result but never measured.
        if (i < 3) {
            parts[4].push_back(area_figures("old", 0.5, 2));
        }
        if (i > 4) {
            parts[4].push_back(area_figures("new", -0.25 * i, 3, i == 7 ? "Expert" : "Mid"));
        }
        if (i == 7) {
            parts[4].push_back(area_figures("never", 0.0, 0));
        }
        results.push_back(progress_result(i, parts));
    }
    CHECK(streamed_document(results) == whole_document(results));
    CHECK(streamed_document({results.front()}) == whole_document({results.front()}));
    auto no_areas = results.front();
    no_areas.areas.clear();
    CHECK(streamed_document({no_areas}) == whole_document({no_areas}));
    CHECK(streamed_document({results[0], no_areas}) == whole_document({results[0], no_areas}));
}

TEST_CASE("progress: a stored result missing a field is named by its pointer", "[career]")
{
    auto broken = summary(7, 0.0, 1);
    broken[4][0].erase("theta");
    CHECK_THROWS_WITH(progress_result(7, broken), Contains("stored result 7: /areas/0/theta: missing"));
    broken = summary(7, 0.0, 1);
    broken[3]["percent"] = "high";
    CHECK_THROWS_WITH(progress_result(7, broken), Contains("/overall/percent"));
    CHECK_THROWS_WITH(progress_result(8, json::array()), Contains("stored result 8: /attempt/id"));
    CHECK_THROWS_WITH(progress_result(9, json()), Contains("stored result 9: /attempt/id"));
}
