#include "career/ladder.hpp"

#include "util/clock.hpp"

#include <cmath>
#include <map>

namespace cloudtrack::host::career {

using nlohmann::json;

namespace {

double round1(double value)
{
    return std::round(value * 10.0) / 10.0;
}

// Area id -> percent, for the areas the result actually scored.
std::map<std::string, double> area_percents(const assessment::Result* latest)
{
    std::map<std::string, double> out;
    if (latest == nullptr) {
        return out;
    }
    for (const auto& area : latest->areas) {
        if (area.figures.items > 0) {
            out[area.id] = area.figures.percent;
        }
    }
    return out;
}

// The blueprint-weighted readiness, and the per-domain figures behind it.
std::pair<std::optional<double>, json> readiness(const content::Rung& rung,
                                                 const std::map<std::string, double>& areas,
                                                 const assessment::Result* latest)
{
    auto domains = json::array();
    if (rung.blueprint.empty()) {
        if (latest == nullptr) {
            return {std::nullopt, domains};
        }
        return {latest->overall.percent, domains};
    }
    double weighted = 0.0;
    double weights = 0.0;
    for (const auto& domain : rung.blueprint) {
        double sum = 0.0;
        int count = 0;
        for (const auto& area : domain.areas) {
            if (const auto it = areas.find(area); it != areas.end()) {
                sum += it->second;
                ++count;
            }
        }
        json entry = {{"domain", domain.domain}, {"weight", domain.weight}, {"areas", domain.areas}};
        if (count > 0) {
            entry["percent"] = round1(sum / count);
            weighted += domain.weight * sum / count;
            weights += domain.weight;
        } else {
            entry["percent"] = nullptr; // no item of these areas was scored
        }
        domains.push_back(std::move(entry));
    }
    if (weights == 0.0) {
        return {std::nullopt, domains};
    }
    return {weighted / weights, domains};
}

} // namespace

namespace {

// A rung's facts, and its status from the certifications held: held, expired, retired, or ""
// (decided by readiness). Rungs held now are added to `valid_until` (rung -> expiry, "" = never).
json held_entry(const content::Track& track, const content::Rung& rung,
                const std::vector<store::Certification>& held, const std::string& today,
                std::map<std::string, std::string>& valid_until)
{
    json entry = {{"id", rung.id},
                  {"name", rung.name},
                  {"issuer", rung.issuer},
                  {"exam_code", rung.exam_code},
                  {"level", rung.level},
                  {"level_name", track.levels[track.level_index(rung.level)].name},
                  {"validity_months", rung.validity_months ? json(*rung.validity_months) : json(nullptr)},
                  {"as_of", rung.as_of},
                  {"source", rung.source},
                  {"confidence", rung.confidence},
                  {"notes", rung.notes},
                  {"unconfirmed", rung.unconfirmed},
                  {"successor", rung.successor.empty() ? json(nullptr) : json(rung.successor)}};
    std::optional<std::string> earned;
    for (const auto& cert : held) {
        if (cert.track_id == track.info.id && cert.rung_id == rung.id) {
            earned = cert.earned_on;
        }
    }
    std::string status;
    if (earned) {
        const auto expires =
            rung.validity_months ? util::add_months(*earned, *rung.validity_months) : std::nullopt;
        entry["earned_on"] = *earned;
        entry["expires_on"] = expires ? json(*expires) : json(nullptr);
        status = expires && *expires < today ? "expired" : "held";
        if (status == "held") {
            valid_until[rung.id] = expires.value_or("");
        }
    } else if (rung.retired) {
        status = "retired";
    }
    entry["status"] = status;
    return entry;
}

// Prerequisites, blueprint readiness and level; "ready" or "not_yet" for a rung not held.
void add_readiness(const content::Track& track, const content::Rung& rung, const assessment::Result* latest,
                   const std::map<std::string, double>& areas, size_t measured_level,
                   const std::map<std::string, std::string>& valid_until, json& entry)
{
    auto prerequisites = json::array();
    bool met = true;
    for (const auto& pre : rung.prerequisites) {
        if (!pre.choice()) {
            const bool has = valid_until.contains(pre.any_of.front());
            met = met && has;
            prerequisites.push_back({{"rung", pre.any_of.front()}, {"met", has}});
            continue;
        }
        // One of the choices held is enough; `held` names those held so a report can say which.
        auto held = json::array();
        for (const auto& id : pre.any_of) {
            if (valid_until.contains(id)) {
                held.push_back(id);
            }
        }
        met = met && !held.empty();
        prerequisites.push_back({{"any_of", pre.any_of}, {"held", held}, {"met", !held.empty()}});
    }
    entry["prerequisites"] = prerequisites;
    entry["prerequisites_met"] = met;
    const auto [ready, domains] = readiness(rung, areas, latest);
    entry["readiness"] = ready ? json(round1(*ready)) : json(nullptr);
    entry["blueprint"] = domains;
    const bool level_reached = measured_level >= track.level_index(rung.level);
    entry["level_reached"] = latest != nullptr && level_reached;
    // Not .empty(): for a JSON string that is always false; an unset status is "".
    if (entry["status"] == "") { // NOLINT(readability-container-size-empty)
        entry["status"] = ready && *ready >= k_ready_percent && level_reached && met ? "ready" : "not_yet";
    }
}

double readiness_or_none(const json& entry)
{
    return entry["readiness"].is_null() ? -1.0 : entry["readiness"].get<double>();
}

// The next rung: the most advanced one the person is ready for; failing that, the closest
// (highest readiness) among the lowest-level rungs whose prerequisites are met. Null when none.
json next_rung(const content::Track& track, const json& rungs)
{
    const json* next = nullptr;
    for (const auto& entry : rungs) {
        if (entry["status"] == "ready" &&
            (next == nullptr || track.level_index(entry["level"]) > track.level_index((*next)["level"]))) {
            next = &entry;
        }
    }
    if (next != nullptr) {
        return {
            {"rung", (*next)["id"]},
            {"name", (*next)["name"]},
            {"reason", "Your latest result reaches its level (" + (*next)["level_name"].get<std::string>() +
                           ") with a blueprint-weighted readiness of " + (*next)["readiness"].dump() + "%."}};
    }
    for (const auto& entry : rungs) {
        if (entry["status"] != "not_yet" || !entry["prerequisites_met"].get<bool>()) {
            continue;
        }
        const auto level = track.level_index(entry["level"]);
        if (next == nullptr || level < track.level_index((*next)["level"]) ||
            (level == track.level_index((*next)["level"]) &&
             readiness_or_none(entry) > readiness_or_none(*next))) {
            next = &entry;
        }
    }
    if (next == nullptr) {
        return nullptr;
    }
    const auto reason =
        (*next)["readiness"].is_null()
            ? std::string("The first rung open to you; take an assessment to measure your readiness.")
            : "The closest rung you can sit now: readiness " + (*next)["readiness"].dump() + "% against " +
                  std::to_string(static_cast<int>(k_ready_percent)) +
                  "% to count as ready; close the weakest blueprint domains first.";
    return {{"rung", (*next)["id"]}, {"name", (*next)["name"]}, {"reason", reason}};
}

} // namespace

json ladder_status(const content::Track& track, const assessment::Result* latest,
                   const std::vector<store::Certification>& held, const std::string& today)
{
    const auto areas = area_percents(latest);
    const size_t measured_level = latest == nullptr ? 0 : track.level_index(latest->overall.level);
    std::map<std::string, std::string> valid_until;
    json rungs = json::array();
    for (const auto& rung : track.ladder) {
        rungs.push_back(held_entry(track, rung, held, today, valid_until));
    }
    // Readiness needs every held rung first: prerequisites may come later in the ladder.
    for (size_t i = 0; i < track.ladder.size(); ++i) {
        add_readiness(track, track.ladder[i], latest, areas, measured_level, valid_until, rungs[i]);
    }
    json out = {{"track", track.info.id},
                {"track_name", track.info.name},
                {"based_on_result", latest == nullptr ? json(nullptr) : json(latest->attempt.id)},
                {"measured_level", latest == nullptr ? json(nullptr) : json(latest->overall.level_name)},
                {"ready_percent", k_ready_percent},
                {"rungs", rungs}};
    out["next"] = next_rung(track, rungs);
    return out;
}

} // namespace cloudtrack::host::career
