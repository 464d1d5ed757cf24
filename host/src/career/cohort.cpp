#include "career/cohort.hpp"

#include <algorithm>
#include <cmath>
#include <initializer_list>
#include <map>

namespace cloudtrack::host::career {

namespace {

using nlohmann::json;

// Nearest-rank percentile of sorted values: deterministic, and always a value someone had.
double percentile(const std::vector<double>& sorted, double q)
{
    const auto rank = static_cast<size_t>(std::ceil(q * static_cast<double>(sorted.size())));
    return sorted[std::clamp<size_t>(rank, 1, sorted.size()) - 1];
}

// A count as shown: itself, or null with "suppressed" when it could point at a few people.
json cell(size_t count, const CohortOptions& options)
{
    if (count > 0 && count < options.min_cell) {
        return {{"count", nullptr}, {"suppressed", true}};
    }
    return {{"count", count}, {"suppressed", false}};
}

bool newer(const json& a, const json& b)
{
    const auto& fa = a["attempt"]["finished_at"];
    const auto& fb = b["attempt"]["finished_at"];
    if (fa != fb) {
        return fa.get<std::string>() > fb.get<std::string>();
    }
    return a["attempt"]["id"].get<int64_t>() > b["attempt"]["id"].get<int64_t>();
}

bool is_result_of(const json& result, const std::string& track_id)
{
    return result.is_object() && result.value("schema", "") == "cloudtrack.result/1" &&
           result.contains("track") && result["track"].is_object() &&
           result["track"].value("id", "") == track_id;
}

// Everyone's figures for one area (or overall).
struct Tally {
    explicit Tally(std::string area_name) : name(std::move(area_name)) {}

    std::string name;
    std::vector<double> percents;
    std::map<std::string, size_t> levels;
    std::vector<double> gaps; // measured level minus self-rated level
    size_t with_target = 0;
    size_t below_target = 0;
    std::string target_level_name;

    void add(const json& figures)
    {
        percents.push_back(figures["percent"].get<double>());
        ++levels[figures["level"].get<std::string>()];
        if (figures.contains("gap")) {
            gaps.push_back(figures["gap"].get<double>());
        }
        if (figures.contains("below_target")) {
            ++with_target;
            below_target += figures["below_target"].get<bool>() ? 1U : 0U;
            target_level_name = figures["target_level_name"].get<std::string>();
        }
    }

    [[nodiscard]] json to_json(const json& level_list, const CohortOptions& options) const
    {
        const auto people = percents.size();
        json out = {{"people", people}};
        if (people < options.min_cell) {
            out["suppressed"] = true;
            return out;
        }
        auto sorted = percents;
        std::sort(sorted.begin(), sorted.end());
        out["suppressed"] = false;
        out["median_percent"] = percentile(sorted, 0.5);
        out["p25_percent"] = percentile(sorted, 0.25);
        out["p75_percent"] = percentile(sorted, 0.75);
        auto distribution = json::array();
        for (const auto& level : level_list) {
            const auto it = levels.find(level["id"].get<std::string>());
            auto entry = cell(it == levels.end() ? 0 : it->second, options);
            entry["level"] = level["id"];
            entry["name"] = level["name"];
            distribution.push_back(std::move(entry));
        }
        out["levels"] = distribution;
        if (gaps.size() >= options.min_cell) {
            auto sorted_gaps = gaps;
            std::sort(sorted_gaps.begin(), sorted_gaps.end());
            out["median_gap"] = percentile(sorted_gaps, 0.5);
        }
        if (with_target > 0) {
            out["target_level_name"] = target_level_name;
            out["below_target"] = cell(below_target, options);
        }
        return out;
    }
};

json most_missed(const std::vector<json>& people, const CohortOptions& options)
{
    std::map<std::string, std::pair<size_t, json>> missed; // item -> (people, a description)
    for (const auto& result : people) {
        for (const auto& m : result["missed"]) {
            auto& [count, description] = missed[m["item"].get<std::string>()];
            ++count;
            description = {{"item", m["item"]}, {"area", m["area"]}, {"stem", m["stem"]}};
        }
    }
    std::vector<std::pair<size_t, json>> ranked;
    for (auto& [item, entry] : missed) {
        if (entry.first >= options.min_cell) {
            ranked.push_back(std::move(entry));
        }
    }
    std::stable_sort(ranked.begin(), ranked.end(),
                     [](const auto& a, const auto& b) { return a.first > b.first; });
    auto out = json::array();
    for (size_t i = 0; i < ranked.size() && i < 10; ++i) {
        auto entry = ranked[i].second;
        entry["missed_by"] = ranked[i].first;
        out.push_back(std::move(entry));
    }
    return out;
}

enum class Kind { string, number, percent, count, boolean, array, object };

bool is_kind(const json& value, Kind kind)
{
    switch (kind) {
    case Kind::string: return value.is_string();
    case Kind::number: return value.is_number();
    case Kind::percent: return value.is_number() && value.get<double>() >= 0 && value.get<double>() <= 100;
    case Kind::count: return value.is_number_unsigned();
    case Kind::boolean: return value.is_boolean();
    case Kind::array: return value.is_array();
    case Kind::object: return value.is_object();
    }
    return false;
}

const char* kind_name(Kind kind)
{
    switch (kind) {
    case Kind::string: return "a string";
    case Kind::number: return "a number";
    case Kind::percent: return "a percent from 0 to 100";
    case Kind::count: return "a whole number, 0 or more";
    case Kind::boolean: return "true or false";
    case Kind::array: return "an array";
    case Kind::object: return "an object";
    }
    return "?";
}

// The first of `fields` (JSON pointers below `base`) that is absent or not of its kind, as
// "<at><pointer>: expected <kind>"; "" when all are there.
std::string missing_field(const json& base, const std::string& at,
                          std::initializer_list<std::pair<const char*, Kind>> fields)
{
    for (const auto& [pointer, kind] : fields) {
        const json::json_pointer where(pointer);
        const json* value = base.contains(where) ? &base.at(where) : nullptr;
        if (value == nullptr || !is_kind(*value, kind)) {
            return at + pointer + ": expected " + kind_name(kind);
        }
    }
    return {};
}

// The figures of one area, or of the whole result.
std::string figures_problem(const json& figures, const std::string& at)
{
    auto problem = missing_field(figures, at, {{"/percent", Kind::percent}, {"/level", Kind::string}});
    if (problem.empty() && figures.contains("gap")) {
        problem = missing_field(figures, at, {{"/gap", Kind::number}});
    }
    if (problem.empty() && figures.contains("below_target")) {
        problem = missing_field(figures, at,
                                {{"/below_target", Kind::boolean}, {"/target_level_name", Kind::string}});
    }
    return problem;
}

// Each element of the array at `key` checked by `check(element, "/key/N")`; the first problem.
template <class Check> std::string each(const json& result, const char* key, Check check)
{
    const auto& list = result.at(key);
    for (size_t i = 0; i < list.size(); ++i) {
        if (auto problem = check(list[i], "/" + std::string(key) + "/" + std::to_string(i));
            !problem.empty()) {
            return problem;
        }
    }
    return {};
}

// What is wrong with the shape of a shared result, as far as the summary reads it, or "".
std::string result_shape_problem(const json& result)
{
    auto problem = missing_field(result, "",
                                 {{"/attempt/profile", Kind::string},
                                  {"/attempt/finished_at", Kind::string},
                                  {"/attempt/id", Kind::count},
                                  {"/overall", Kind::object},
                                  {"/track/name", Kind::string},
                                  {"/track/version", Kind::string},
                                  {"/levels", Kind::array},
                                  {"/areas", Kind::array},
                                  {"/missed", Kind::array}});
    if (problem.empty()) {
        problem = figures_problem(result.at("overall"), "/overall");
    }
    if (problem.empty()) {
        problem = each(result, "levels", [](const json& level, const std::string& at) {
            return missing_field(level, at, {{"/id", Kind::string}, {"/name", Kind::string}});
        });
    }
    if (problem.empty()) {
        problem = each(result, "areas", [](const json& area, const std::string& at) {
            auto found = missing_field(
                area, at, {{"/id", Kind::string}, {"/name", Kind::string}, {"/items", Kind::count}});
            return found.empty() && area.at("items").get<size_t>() > 0 ? figures_problem(area, at) : found;
        });
    }
    if (problem.empty()) {
        problem = each(result, "missed", [](const json& missed, const std::string& at) {
            return missing_field(missed, at,
                                 {{"/item", Kind::string}, {"/area", Kind::string}, {"/stem", Kind::string}});
        });
    }
    return problem;
}

} // namespace

util::Expected<json> cohort_summary(const std::string& track_id, const std::vector<SharedResult>& results,
                                    const CohortOptions& options)
{
    std::map<std::string, const json*> newest; // profile -> result
    for (const auto& [source, result] : results) {
        if (!is_result_of(result, track_id)) {
            continue;
        }
        if (auto problem = result_shape_problem(result); !problem.empty()) {
            return util::fail(source + ": " + problem);
        }
        const auto profile = result["attempt"]["profile"].get<std::string>();
        auto& slot = newest[profile];
        if (slot == nullptr || newer(result, *slot)) {
            slot = &result;
        }
    }
    if (newest.size() < options.min_size) {
        return util::fail("a cohort summary of '" + track_id + "' needs results from at least " +
                          std::to_string(options.min_size) + " people; these files hold " +
                          std::to_string(newest.size()));
    }
    std::vector<json> people;
    people.reserve(newest.size());
    for (const auto& [profile, result] : newest) {
        people.push_back(*result);
    }
    std::stable_sort(people.begin(), people.end(), [](const json& a, const json& b) { return newer(a, b); });
    const auto& latest = people.front(); // names and levels come from the newest result

    std::map<std::string, size_t> versions;
    Tally overall("Overall");
    std::map<std::string, Tally> areas;
    std::vector<std::string> area_order;
    for (const auto& result : people) {
        ++versions[result["track"]["version"].get<std::string>()];
        overall.add(result["overall"]);
        for (const auto& area : result["areas"]) {
            if (area["items"].get<size_t>() == 0) {
                continue;
            }
            const auto id = area["id"].get<std::string>();
            auto [it, inserted] = areas.try_emplace(id, area["name"].get<std::string>());
            if (inserted) {
                area_order.push_back(id);
            }
            it->second.add(area);
        }
    }
    const auto& level_list = latest["levels"];
    auto area_list = json::array();
    std::vector<std::pair<double, std::string>> medians;
    for (const auto& id : area_order) {
        auto entry = areas.at(id).to_json(level_list, options);
        entry["id"] = id;
        entry["name"] = areas.at(id).name;
        if (!entry["suppressed"].get<bool>()) {
            medians.emplace_back(entry["median_percent"].get<double>(), entry["name"].get<std::string>());
        }
        area_list.push_back(std::move(entry));
    }
    std::stable_sort(medians.begin(), medians.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    auto weakest = json::array();
    for (size_t i = 0; i < medians.size() && i < 3; ++i) {
        weakest.push_back(medians[i].second);
    }
    auto version_list = json::array();
    for (const auto& [version, count] : versions) {
        auto entry = cell(count, options);
        entry["version"] = version;
        version_list.push_back(std::move(entry));
    }
    return json{{"schema", "cloudtrack.cohort/1"},
                {"track", track_id},
                {"track_name", latest["track"]["name"]},
                {"people", people.size()},
                {"min_cell", options.min_cell},
                {"versions", version_list},
                {"overall", overall.to_json(level_list, options)},
                {"areas", area_list},
                {"weakest_areas", weakest},
                {"most_missed", most_missed(people, options)}};
}

} // namespace cloudtrack::host::career
