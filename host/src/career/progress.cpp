#include "career/progress.hpp"

#include <cmath>

namespace cloudtrack::host::career {

namespace {

using nlohmann::json;

double round2(double value)
{
    return std::round(value * 100.0) / 100.0;
}

// A change in θ is called real when it exceeds 1.96 standard errors of the difference of two
// independent estimates (a 95% interval); anything smaller may be the measurement's own noise.
json change(const json& first, const json& latest)
{
    const double d_theta = latest["theta"].get<double>() - first["theta"].get<double>();
    const double se =
        std::sqrt(std::pow(first["se"].get<double>(), 2) + std::pow(latest["se"].get<double>(), 2));
    const bool real = std::abs(d_theta) > 1.96 * se;
    return {{"percent", round2(latest["percent"].get<double>() - first["percent"].get<double>())},
            {"theta", round2(d_theta)},
            {"se", round2(se)},
            {"verdict", !real         ? "within_noise"
                        : d_theta > 0 ? "improved"
                                      : "declined"}};
}

json point(const json& result, const json& figures)
{
    return {{"attempt", result["attempt"]["id"]},
            {"finished_at", result["attempt"]["finished_at"]},
            {"percent", figures["percent"]},
            {"theta", figures["theta"]},
            {"se", figures["se"]},
            {"level_name", figures["level_name"]}};
}

// From the first point to the last; null with fewer than two.
json change_of(const json& points)
{
    return points.size() > 1 ? change(points.front(), points.back()) : json(nullptr);
}

} // namespace

json progress(const std::vector<json>& results)
{
    const auto& first = results.front();
    const auto& latest = results.back();
    auto attempts = json::array();
    auto overall = json::array();
    bool same_content = true;
    for (const auto& result : results) {
        same_content = same_content && result["track"]["content_sha256"] == first["track"]["content_sha256"];
        attempts.push_back({{"attempt", result["attempt"]["id"]},
                            {"finished_at", result["attempt"]["finished_at"]},
                            {"version", result["track"]["version"]},
                            {"content_sha256", result["track"]["content_sha256"]}});
        overall.push_back(point(result, result["overall"]));
    }
    // Areas as the newest result names them, each with the results that measured it; the change
    // runs from the first of those to the last.
    auto areas = json::array();
    for (const auto& area : latest["areas"]) {
        auto points = json::array();
        for (const auto& result : results) {
            for (const auto& figures : result["areas"]) {
                if (figures["id"] == area["id"] && figures["items"].get<int>() > 0) {
                    points.push_back(point(result, figures));
                }
            }
        }
        areas.push_back(
            {{"id", area["id"]}, {"name", area["name"]}, {"points", points}, {"change", change_of(points)}});
    }
    return {{"track", latest["track"]["id"]},
            {"track_name", latest["track"]["name"]},
            {"attempts", attempts},
            {"same_content", same_content},
            {"overall", {{"points", overall}, {"change", change_of(overall)}}},
            {"areas", areas}};
}

} // namespace cloudtrack::host::career
