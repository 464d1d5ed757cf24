#include "career/progress.hpp"

#include "util/error.hpp"

#include <nlohmann/json.hpp>

#include <cmath>
#include <type_traits>

namespace cloudtrack::host::career {

namespace {

using nlohmann::json;

double round2(double value)
{
    return std::round(value * 100.0) / 100.0;
}

// A change in θ is called real when it exceeds 1.96 standard errors of the difference of two
// independent estimates (a 95% interval); anything smaller may be the measurement's own noise.
json change(const ResultFigures& first, const ResultFigures& latest)
{
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

// From the first point to the last; null with fewer than two.
json change_of(const std::vector<const ResultFigures*>& points)
{
    return points.size() > 1 ? change(*points.front(), *points.back()) : json(nullptr);
}

// Reads `key` of `object` as T; `where` is the field's JSON pointer in the result document.
template <class T> T field(const json& object, const char* key, const std::string& where)
{
    const auto it = object.find(key);
    const bool ok = it != object.end() && (std::is_same_v<T, std::string> ? it->is_string()
                                           : std::is_same_v<T, double>    ? it->is_number()
                                                                          : it->is_number_integer());
    if (!ok) {
        throw util::Error(where + "/" + key + ": missing or of the wrong type", util::ExitCode::storage);
    }
    return it->get<T>();
}

const json& object_at(const json& parts, size_t index, const std::string& where)
{
    if (!parts.is_array() || parts.size() <= index || !parts[index].is_object()) {
        throw util::Error(where + ": missing or not an object", util::ExitCode::storage);
    }
    return parts[index];
}

ResultFigures figures_of(const json& object, const std::string& where)
{
    return {field<double>(object, "percent", where), field<double>(object, "theta", where),
            field<double>(object, "se", where), field<std::string>(object, "level_name", where)};
}

} // namespace

const std::vector<std::string>& progress_paths()
{
    static const std::vector<std::string> paths = {"$.attempt", "$.track", "$.overall", "$.areas"};
    return paths;
}

ProgressResult progress_result(const json& parts)
{
    const std::string prefix = "stored result: ";
    ProgressResult result;
    const auto& attempt = object_at(parts, 0, prefix + "/attempt");
    result.attempt = field<std::int64_t>(attempt, "id", prefix + "/attempt");
    const std::string where = "stored result " + std::to_string(result.attempt) + ": ";
    result.finished_at = field<std::string>(attempt, "finished_at", where + "/attempt");
    const auto& track = object_at(parts, 1, where + "/track");
    result.track_id = field<std::string>(track, "id", where + "/track");
    result.track_name = field<std::string>(track, "name", where + "/track");
    result.version = field<std::string>(track, "version", where + "/track");
    result.content_sha256 = field<std::string>(track, "content_sha256", where + "/track");
    result.overall = figures_of(object_at(parts, 2, where + "/overall"), where + "/overall");
    if (parts.size() < 4 || !parts[3].is_array()) {
        throw util::Error(where + "/areas: missing or not an array", util::ExitCode::storage);
    }
    for (size_t i = 0; i < parts[3].size(); ++i) {
        const auto pointer = where + "/areas/" + std::to_string(i);
        const auto& area = object_at(parts[3], i, pointer);
        result.areas.push_back({field<std::string>(area, "id", pointer),
                                field<std::string>(area, "name", pointer),
                                field<std::int64_t>(area, "items", pointer), figures_of(area, pointer)});
    }
    return result;
}

json progress(const std::vector<ProgressResult>& results)
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
    // Areas as the newest result names them, each with the results that measured it; the change
    // runs from the first of those to the last.
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
    return {{"track", latest.track_id},
            {"track_name", latest.track_name},
            {"attempts", std::move(attempts)},
            {"same_content", same_content},
            {"overall", {{"points", std::move(overall)}, {"change", change_of(overall_figures)}}},
            {"areas", std::move(areas)}};
}

} // namespace cloudtrack::host::career
