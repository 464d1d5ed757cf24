#include "assessment/result.hpp"

#include "assessment/ability.hpp"
#include "assessment/scoring.hpp"

#include <cmath>

namespace cloudtrack::host::assessment {

using nlohmann::json;

namespace {

// Four decimals: enough for a report, and stable against last-bit differences between libm's.
double round4(double value)
{
    return std::round(value * 10000.0) / 10000.0;
}

struct Tally {
    std::vector<Observation> observations;
    double score_sum = 0.0;
    size_t items = 0;
    size_t answered = 0;
};

std::string gap_note(const content::Track& track, size_t measured, int self, double se)
{
    const auto& m = track.levels[measured].name;
    const auto& s = track.levels[static_cast<size_t>(self)].name;
    std::string note;
    if (static_cast<size_t>(self) > measured) {
        note = "You rated yourself " + s + "; your answers place you at " + m +
               ". The missed items below show what separates the two.";
    } else if (static_cast<size_t>(self) < measured) {
        note = "You rated yourself " + s + "; your answers place you higher, at " + m +
               ". You may be underselling this skill.";
    } else {
        note = "Your self-rating (" + s + ") matches the measurement.";
    }
    if (se > 0.6) {
        note += " Few items were scored here, so treat the measured level as a rough indication.";
    }
    return note;
}

json figures(const content::Track& track, const Tally& tally)
{
    const auto ability = estimate(tally.observations);
    const auto level = track.level_at(ability.theta);
    return {{"items", tally.items},
            {"answered", tally.answered},
            {"percent",
             tally.items == 0 ? 0.0 : round4(100.0 * tally.score_sum / static_cast<double>(tally.items))},
            {"theta", round4(ability.theta)},
            {"se", round4(ability.se)},
            {"level", track.levels[level].id},
            {"level_name", track.levels[level].name}};
}

json missed_entry(const content::Item& item, const json& response, double score)
{
    auto rationales = json::array();
    for (const auto& option : item.options) {
        if (!option.rationale.empty()) {
            rationales.push_back(
                {{"option", option.id}, {"text", option.text}, {"rationale", option.rationale}});
        }
    }
    auto references = json::array();
    for (const auto& ref : item.references) {
        references.push_back({{"title", ref.title}, {"url", ref.url}});
    }
    return {{"item", item.id},
            {"area", item.area},
            {"stem", item.stem},
            {"response", response},
            {"score", round4(score)},
            {"key", key_of(item)},
            {"explanation", item.explanation},
            {"options", rationales},
            {"references", references}};
}

// What an area's measured level is compared with: the self-rating (the gap), and the level the
// track or a bundle expects there. Only tracks that set a target get the target keys, so the
// documents of tracks without one stay byte-identical to what earlier versions stored.
void add_comparisons(const content::Track& track, const content::Area& area, const AttemptRecord& attempt,
                     bool scored, json& entry)
{
    const auto measured = track.level_index(entry["level"].get<std::string>());
    if (const auto rating = attempt.self_ratings.find(area.id); rating != attempt.self_ratings.end()) {
        entry["self_rating"] = rating->second;
        entry["self_level_name"] = track.levels[static_cast<size_t>(rating->second)].name;
        entry["gap"] = static_cast<int>(measured) - rating->second;
        entry["gap_note"] = gap_note(track, measured, rating->second, entry["se"].get<double>());
    } else {
        entry["self_rating"] = nullptr;
    }
    if (!area.target_level.empty()) {
        const auto target = track.level_index(area.target_level);
        entry["target_level"] = area.target_level;
        entry["target_level_name"] = track.levels[target].name;
        entry["below_target"] = scored && measured < target;
    }
}

} // namespace

json score_attempt(const content::Track& track, const AttemptRecord& attempt)
{
    std::map<std::string, Tally> by_area;
    Tally overall;
    auto responses = json::array();
    auto missed = json::array();
    auto dropped = json::array();
    for (const auto& id : attempt.form.items) {
        const auto* item = track.find_item(id);
        if (item == nullptr) {
            dropped.push_back(id);
            continue;
        }
        const auto it = attempt.responses.find(id);
        const bool answered = it != attempt.responses.end();
        const json response = answered ? it->second : json(nullptr);
        // Unanswered items of a finished attempt score 0: they were shown and not answered.
        const double s = answered ? score(*item, response) : 0.0;
        responses.push_back({{"item", id},
                             {"area", item->area},
                             {"type", content::to_string(item->type)},
                             {"response", response},
                             {"score", round4(s)},
                             {"scored", !item->beta},
                             {"a", item->a},
                             {"b", item->b}});
        if (item->beta) {
            continue;
        }
        for (auto* tally : {&by_area[item->area], &overall}) {
            tally->observations.push_back({item->a, item->b, s});
            tally->score_sum += s;
            tally->items += 1;
            tally->answered += answered ? 1 : 0;
        }
        if (s < 1.0) {
            missed.push_back(missed_entry(*item, response, s));
        }
    }

    auto areas = json::array();
    double weighted = 0.0;
    double weights = 0.0;
    for (const auto& area : track.areas) {
        const auto& tally = by_area[area.id];
        auto entry = figures(track, tally);
        entry["id"] = area.id;
        entry["name"] = area.name;
        entry["weight"] = area.weight;
        if (tally.items > 0) {
            weighted += area.weight * entry["percent"].get<double>();
            weights += area.weight;
        }
        add_comparisons(track, area, attempt, tally.items > 0, entry);
        areas.push_back(std::move(entry));
    }
    auto total = figures(track, overall);
    total["percent"] = weights > 0.0 ? round4(weighted / weights) : 0.0;

    json result = {{"schema", k_result_schema},
                   {"engine", k_engine_version},
                   {"track",
                    {{"id", track.info.id},
                     {"name", track.info.name},
                     {"version", track.info.version},
                     {"content_sha256", track.sha256}}},
                   {"attempt",
                    {{"id", attempt.id},
                     {"profile", attempt.profile},
                     {"started_at", attempt.started_at},
                     {"finished_at", attempt.finished_at},
                     {"form", attempt.form.to_json()}}},
                   {"levels", json::array()},
                   {"responses", responses},
                   {"areas", areas},
                   {"overall", total},
                   {"missed", missed}};
    for (const auto& level : track.levels) {
        result["levels"].push_back({{"id", level.id},
                                    {"name", level.name},
                                    {"min_theta", level.min_theta ? json(*level.min_theta) : json(nullptr)}});
    }
    if (!dropped.empty()) {
        result["dropped_items"] = dropped;
    }
    // Only a form drawn with a history records what was seen, so first attempts (and every
    // result stored before retakes were fair) keep their bytes.
    if (!attempt.form.seen.empty()) {
        result["attempt"]["repeats"] = attempt.form.repeats();
    }
    return result;
}

std::string serialize(const json& result)
{
    return result.dump(2) + "\n";
}

} // namespace cloudtrack::host::assessment
