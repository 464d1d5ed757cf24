#include "career/ladder.hpp"

#include "util/clock.hpp"
#include "util/json_fields.hpp"
#include "util/term.hpp"

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
std::pair<std::optional<double>, std::vector<DomainStatus>>
readiness(const content::Rung& rung, const std::map<std::string, double>& areas,
          const assessment::Result* latest)
{
    std::vector<DomainStatus> domains;
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
        DomainStatus entry{domain.domain, domain.weight, domain.areas, std::nullopt};
        if (count > 0) {
            entry.percent = round1(sum / count);
            weighted += domain.weight * sum / count;
            weights += domain.weight;
        }
        domains.push_back(std::move(entry));
    }
    if (weights == 0.0) {
        return {std::nullopt, domains};
    }
    return {weighted / weights, domains};
}

// A rung's facts, and its status from the certifications held: held, expired, retired, or ""
// (decided by readiness). Rungs held now are added to `valid_until` (rung -> expiry, "" = never).
RungStatus held_entry(const content::Track& track, const content::Rung& rung,
                      const std::vector<store::Certification>& held, const std::string& today,
                      std::map<std::string, std::string>& valid_until)
{
    RungStatus entry;
    entry.id = rung.id;
    entry.name = rung.name;
    entry.issuer = rung.issuer;
    entry.exam_code = rung.exam_code;
    entry.level = rung.level;
    entry.level_name = track.levels[track.level_index(rung.level)].name;
    entry.validity_months = rung.validity_months;
    entry.as_of = rung.as_of;
    entry.source = rung.source;
    entry.confidence = rung.confidence;
    entry.notes = rung.notes;
    entry.unconfirmed = rung.unconfirmed;
    if (!rung.successor.empty()) {
        entry.successor = rung.successor;
    }
    std::optional<std::string> earned;
    for (const auto& cert : held) {
        if (cert.track_id == track.info.id && cert.rung_id == rung.id) {
            earned = cert.earned_on;
        }
    }
    if (earned) {
        const auto expires =
            rung.validity_months ? util::add_months(*earned, *rung.validity_months) : std::nullopt;
        entry.earned = Earned{*earned, expires};
        entry.status = expires && *expires < today ? "expired" : "held";
        if (entry.status == "held") {
            valid_until[rung.id] = expires.value_or("");
        }
    } else if (rung.retired) {
        entry.status = "retired";
    }
    return entry;
}

// Prerequisites, blueprint readiness and level; "ready" or "not_yet" for a rung not held.
void add_readiness(const content::Track& track, const content::Rung& rung, const assessment::Result* latest,
                   const std::map<std::string, double>& areas, size_t measured_level,
                   const std::map<std::string, std::string>& valid_until, RungStatus& entry)
{
    bool met = true;
    for (const auto& pre : rung.prerequisites) {
        PrerequisiteStatus status{pre, {}, false};
        if (!pre.choice()) {
            status.met = valid_until.contains(pre.any_of.front());
        } else {
            // One of the choices held is enough.
            for (const auto& id : pre.any_of) {
                if (valid_until.contains(id)) {
                    status.held.push_back(id);
                }
            }
            status.met = !status.held.empty();
        }
        met = met && status.met;
        entry.prerequisites.push_back(std::move(status));
    }
    entry.prerequisites_met = met;
    auto [ready, domains] = readiness(rung, areas, latest);
    entry.readiness = ready ? std::optional<double>(round1(*ready)) : std::nullopt;
    entry.blueprint = std::move(domains);
    const bool level_reached = measured_level >= track.level_index(rung.level);
    entry.level_reached = latest != nullptr && level_reached;
    if (entry.status.empty()) {
        entry.status = ready && *ready >= k_ready_percent && level_reached && met ? "ready" : "not_yet";
    }
}

double readiness_or_none(const RungStatus& entry)
{
    return entry.readiness.value_or(-1.0);
}

// The next rung: the most advanced one the person is ready for; failing that, the closest
// (highest readiness) among the lowest-level rungs whose prerequisites are met. None when none.
std::optional<NextRung> next_rung(const content::Track& track, const std::vector<RungStatus>& rungs)
{
    const RungStatus* next = nullptr;
    for (const auto& entry : rungs) {
        if (entry.status == "ready" &&
            (next == nullptr || track.level_index(entry.level) > track.level_index(next->level))) {
            next = &entry;
        }
    }
    if (next != nullptr) {
        return NextRung{next->id, next->name,
                        "Your latest result reaches its level (" + next->level_name +
                            ") with a blueprint-weighted readiness of " +
                            util::json_number_text(*next->readiness) + "%."};
    }
    for (const auto& entry : rungs) {
        if (entry.status != "not_yet" || !entry.prerequisites_met) {
            continue;
        }
        const auto level = track.level_index(entry.level);
        if (next == nullptr || level < track.level_index(next->level) ||
            (level == track.level_index(next->level) &&
             readiness_or_none(entry) > readiness_or_none(*next))) {
            next = &entry;
        }
    }
    if (next == nullptr) {
        return std::nullopt;
    }
    const auto reason =
        !next->readiness
            ? std::string("The first rung open to you; take an assessment to measure your readiness.")
            : "The closest rung you can sit now: readiness " + util::json_number_text(*next->readiness) +
                  "% against " + std::to_string(static_cast<int>(k_ready_percent)) +
                  "% to count as ready; close the weakest blueprint domains first.";
    return NextRung{next->id, next->name, reason};
}

json prerequisite_json(const PrerequisiteStatus& pre)
{
    if (!pre.rung.choice()) {
        return {{"rung", pre.rung.any_of.front()}, {"met", pre.met}};
    }
    return {{"any_of", pre.rung.any_of}, {"held", pre.held}, {"met", pre.met}};
}

json domain_json(const DomainStatus& domain)
{
    return {{"domain", domain.domain},
            {"weight", domain.weight},
            {"areas", domain.areas},
            {"percent", util::value_or_null(domain.percent)}};
}

json rung_json(const RungStatus& rung)
{
    auto prerequisites = json::array();
    for (const auto& pre : rung.prerequisites) {
        prerequisites.push_back(prerequisite_json(pre));
    }
    auto blueprint = json::array();
    for (const auto& domain : rung.blueprint) {
        blueprint.push_back(domain_json(domain));
    }
    json entry = {{"id", rung.id},
                  {"name", rung.name},
                  {"issuer", rung.issuer},
                  {"exam_code", rung.exam_code},
                  {"level", rung.level},
                  {"level_name", rung.level_name},
                  {"validity_months", util::value_or_null(rung.validity_months)},
                  {"as_of", rung.as_of},
                  {"source", rung.source},
                  {"confidence", rung.confidence},
                  {"notes", rung.notes},
                  {"unconfirmed", rung.unconfirmed},
                  {"successor", util::value_or_null(rung.successor)},
                  {"status", rung.status},
                  {"prerequisites", prerequisites},
                  {"prerequisites_met", rung.prerequisites_met},
                  {"readiness", util::value_or_null(rung.readiness)},
                  {"blueprint", blueprint},
                  {"level_reached", rung.level_reached}};
    if (rung.earned) {
        entry["earned_on"] = rung.earned->earned_on;
        entry["expires_on"] = util::value_or_null(rung.earned->expires_on);
    }
    return entry;
}

} // namespace

const RungStatus* LadderStatus::next_rung() const
{
    if (!next) {
        return nullptr;
    }
    for (const auto& rung : rungs) {
        if (rung.id == next->rung) {
            return &rung;
        }
    }
    return nullptr;
}

json to_json(const LadderStatus& ladder)
{
    auto rungs = json::array();
    for (const auto& rung : ladder.rungs) {
        rungs.push_back(rung_json(rung));
    }
    return {{"track", ladder.track},
            {"track_name", ladder.track_name},
            {"based_on_result", util::value_or_null(ladder.based_on_result)},
            {"measured_level", util::value_or_null(ladder.measured_level)},
            {"ready_percent", ladder.ready_percent},
            {"rungs", rungs},
            {"next", ladder.next ? json{{"rung", ladder.next->rung},
                                        {"name", ladder.next->name},
                                        {"reason", ladder.next->reason}}
                                 : json(nullptr)}};
}

LadderStatus ladder_status(const content::Track& track, const assessment::Result* latest,
                           const std::vector<store::Certification>& held, const std::string& today)
{
    const auto areas = area_percents(latest);
    const size_t measured_level = latest == nullptr ? 0 : track.level_index(latest->overall.level);
    std::map<std::string, std::string> valid_until;
    LadderStatus out;
    out.track = track.info.id;
    out.track_name = track.info.name;
    if (latest != nullptr) {
        out.based_on_result = latest->attempt.id;
        out.measured_level = latest->overall.level_name;
    }
    for (const auto& rung : track.ladder) {
        out.rungs.push_back(held_entry(track, rung, held, today, valid_until));
    }
    // Readiness needs every held rung first: prerequisites may come later in the ladder.
    for (size_t i = 0; i < track.ladder.size(); ++i) {
        add_readiness(track, track.ladder[i], latest, areas, measured_level, valid_until, out.rungs[i]);
    }
    out.next = next_rung(track, out.rungs);
    return out;
}

} // namespace cloudtrack::host::career
