#include "assessment/result.hpp"

#include "assessment/ability.hpp"
#include "assessment/item_bank.hpp"
#include "assessment/round.hpp"
#include "assessment/scoring.hpp"

#include <cmath>

namespace cloudtrack::host::assessment {

using nlohmann::json;

namespace {

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

Figures figures(const content::Track& track, const Tally& tally)
{
    const auto ability = widen_for_parameters(estimate(tally.observations), tally.observations);
    const auto level = track.level_at(ability.theta);
    return {tally.items,
            tally.answered,
            tally.items == 0 ? 0.0 : round4(100.0 * tally.score_sum / static_cast<double>(tally.items)),
            round4(ability.theta),
            round4(ability.se),
            track.levels[level].id,
            track.levels[level].name};
}

MissedItem missed_entry(const content::Item& item, const json& response, double score)
{
    MissedItem m{item.id,      item.area,        item.stem, response, round4(score),
                 key_of(item), item.explanation, {},        {}};
    for (const auto& option : item.options) {
        if (!option.rationale.empty()) {
            m.options.push_back({option.id, option.text, option.rationale});
        }
    }
    for (const auto& ref : item.references) {
        m.references.push_back({ref.title, ref.url});
    }
    return m;
}

// What an area's measured level is compared with: the self-rating (the gap), and the level the
// track or a bundle expects there. Only tracks that set a target get one, so the documents of
// tracks without one stay byte-identical to what earlier versions stored.
void add_comparisons(const content::Track& track, const content::Area& area, const AttemptRecord& attempt,
                     bool scored, AreaResult& entry)
{
    const auto measured = track.level_index(entry.figures.level);
    if (const auto rating = attempt.self_ratings.find(area.id); rating != attempt.self_ratings.end()) {
        entry.self = SelfRating{rating->second, track.levels[static_cast<size_t>(rating->second)].name,
                                static_cast<int>(measured) - rating->second,
                                gap_note(track, measured, rating->second, entry.figures.se)};
    }
    if (!area.target_level.empty()) {
        const auto target = track.level_index(area.target_level);
        entry.target = AreaTarget{area.target_level, track.levels[target].name, scored && measured < target};
    }
}

} // namespace

Result score_attempt(const content::Track& track, const AttemptRecord& attempt)
{
    Result result;
    std::map<std::string, Tally> by_area;
    Tally overall;
    ParameterInfo parameters{track.calibration_sha256, 0, 0, k_judgement_error};
    for (const auto& id : attempt.form.items) {
        const auto* item = track.find_item(id);
        if (item == nullptr) {
            result.dropped_items.push_back(id);
            continue;
        }
        const auto it = attempt.responses.find(id);
        const bool answered = it != attempt.responses.end();
        const json response = answered ? it->second : json(nullptr);
        // Unanswered items of a finished attempt score 0: they were shown and not answered.
        const double s = answered ? score(*item, response) : 0.0;
        const auto [p, source] = parameters_of(track, *item);
        result.responses.push_back(
            {id, item->area, content::to_string(item->type), response, round4(s), !item->beta, p.a, p.b});
        if (item->beta) {
            continue;
        }
        (source == ParameterSource::calibration ? parameters.calibrated_items : parameters.judged_items) += 1;
        for (auto* tally : {&by_area[item->area], &overall}) {
            tally->observations.push_back({p.a, p.b, s, p.b_sd, p.log_a_sd});
            tally->score_sum += s;
            tally->items += 1;
            tally->answered += answered ? 1 : 0;
        }
        if (s < 1.0) {
            result.missed.push_back(missed_entry(*item, response, s));
        }
    }

    double weighted = 0.0;
    double weights = 0.0;
    for (const auto& area : track.areas) {
        const auto& tally = by_area[area.id];
        AreaResult entry{area.id, area.name, area.weight, figures(track, tally), std::nullopt, std::nullopt};
        if (tally.items > 0) {
            weighted += area.weight * entry.figures.percent;
            weights += area.weight;
        }
        add_comparisons(track, area, attempt, tally.items > 0, entry);
        result.areas.push_back(std::move(entry));
    }
    result.overall = figures(track, overall);
    result.overall.percent = weights > 0.0 ? round4(weighted / weights) : 0.0;

    result.schema = k_result_schema;
    result.engine = k_engine_version;
    result.track = {track.info.id, track.info.name, track.info.version, track.sha256};
    result.attempt = {attempt.id,   attempt.profile, attempt.started_at, attempt.finished_at,
                      attempt.form, std::nullopt,    std::nullopt};
    // Only a form drawn with a history records what was seen, so first attempts (and every
    // result stored before retakes were fair) keep their bytes.
    if (!attempt.form.seen.empty()) {
        result.attempt.repeats = attempt.form.repeats();
    }
    if (!attempt.stop_reason.empty()) {
        result.attempt.stop_reason = attempt.stop_reason;
    }
    for (const auto& level : track.levels) {
        result.levels.push_back({level.id, level.name, level.min_theta});
    }
    result.parameters = parameters;
    return result;
}

} // namespace cloudtrack::host::assessment
