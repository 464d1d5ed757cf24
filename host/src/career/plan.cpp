#include "career/plan.hpp"

#include "util/json_fields.hpp"
#include "util/term.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>

namespace cloudtrack::host::career {

using nlohmann::json;

namespace {

double round1(double value)
{
    return std::round(value * 10.0) / 10.0;
}

std::string percent_text(double value)
{
    std::ostringstream out;
    out << static_cast<int>(std::lround(value)) << "%";
    return out.str();
}

// The mean self-rating as a share of the scale, or nullopt when none was given.
std::optional<double> self_share(const TrackStanding& s)
{
    double sum = 0;
    int n = 0;
    for (const auto& area : s.latest->areas) {
        if (area.self) {
            sum += area.self->rating;
            ++n;
        }
    }
    const auto top = static_cast<double>(s.track->levels.size() - 1);
    return n == 0 || top == 0 ? std::nullopt : std::optional<double>(sum / n / top);
}

// Areas of the latest result, weakest first.
std::vector<const assessment::AreaResult*> weakest_areas(const TrackStanding& s, size_t count)
{
    std::vector<const assessment::AreaResult*> areas;
    for (const auto& area : s.latest->areas) {
        if (area.figures.items > 0) {
            areas.push_back(&area);
        }
    }
    std::stable_sort(areas.begin(), areas.end(),
                     [](const auto* a, const auto* b) { return a->figures.percent < b->figures.percent; });
    areas.resize(std::min(areas.size(), count));
    return areas;
}

// The project to build: the one furthest along but unfinished, else the first.
const ProjectStatus* project_to_build(const TrackStanding& s)
{
    const ProjectStatus* best = nullptr;
    for (const auto& project : s.portfolio.projects) {
        if (project.done == project.total) {
            continue;
        }
        if (best == nullptr || project.done > best->done) {
            best = &project;
        }
    }
    return best;
}

// The rung after `after`: the lowest-level unheld, unretired rung above it that lists it as a
// prerequisite or recommendation, else any unheld rung at a higher level.
const RungStatus* rung_after(const TrackStanding& s, const RungStatus* after)
{
    if (after == nullptr) {
        return nullptr;
    }
    const auto level_of = [&](const RungStatus& r) { return s.track->level_index(r.level); };
    const RungStatus* best = nullptr;
    for (const auto& rung : s.ladder.rungs) {
        if (&rung == after || rung.status == "held" || rung.status == "retired" ||
            level_of(rung) <= level_of(*after)) {
            continue;
        }
        if (best == nullptr || level_of(rung) < level_of(*best)) {
            best = &rung;
        }
    }
    return best;
}

std::vector<MetricTarget> metric_targets(const TrackStanding& s, const ProjectStatus* project)
{
    std::vector<MetricTarget> out;
    for (const auto& metric : s.track->metrics) {
        const bool main = project != nullptr && project->outcome_metric == metric.name;
        out.push_back({s.track->info.id, metric.id, metric.name, metric.direction, main});
    }
    return out;
}

} // namespace

Recommendation recommend(const std::vector<TrackStanding>& standings)
{
    Recommendation out;
    for (const auto& s : standings) {
        if (s.latest == nullptr) {
            out.not_assessed.push_back(
                {s.track->info.id, s.track->info.name, "cloudtrack assess " + s.track->info.id});
            continue;
        }
        const double measured = s.latest->overall.percent / 100.0;
        const auto self = self_share(s);
        const auto* rung = s.ladder.next_rung();
        const double readiness = rung == nullptr || !rung->readiness ? measured : *rung->readiness / 100.0;
        // Measured skill counts most; what you say you are good at, and how close the first useful
        // certification is, break near-ties. Documented in docs/career.md.
        const double fit = 0.6 * measured + 0.2 * self.value_or(measured) + 0.2 * readiness;
        std::vector<std::string> reasons;
        reasons.push_back("measured " + percent_text(100 * measured) + " overall, level " +
                          s.latest->overall.level_name);
        if (self) {
            reasons.push_back("self-rated at " + percent_text(100 * *self) + " of the scale");
        }
        if (rung != nullptr) {
            reasons.push_back("next certification " + rung->exam_code + " (" + rung->name + ") at " +
                              (rung->readiness ? percent_text(*rung->readiness) : std::string("unmeasured")) +
                              " readiness");
        }
        out.ranked.push_back({s.track->info.id, s.track->info.name, round1(100 * fit), s.latest->attempt.id,
                              rung == nullptr ? std::nullopt : std::optional<std::string>(rung->id),
                              std::move(reasons)});
    }
    std::stable_sort(out.ranked.begin(), out.ranked.end(),
                     [](const RankedTrack& a, const RankedTrack& b) { return a.fit > b.fit; });
    if (!out.ranked.empty()) {
        const auto& first = out.ranked[0];
        out.primary = first.track;
        out.why = first.name + " fits best (" + util::json_number_text(first.fit) + " of 100)" +
                  (out.ranked.size() > 1 ? "; " + out.ranked[1].name + " is the strongest complement (" +
                                               util::json_number_text(out.ranked[1].fit) + ")."
                                         : "; assess another track to choose a secondary one.");
    }
    if (out.ranked.size() > 1) {
        out.secondary = out.ranked[1].track;
    }
    return out;
}

Roadmap roadmap(const TrackStanding& primary, const TrackStanding* secondary)
{
    const auto& id = primary.track->info.id;
    const auto* starter = primary.ladder.next_rung();
    const auto* later = rung_after(primary, starter);
    const auto* project = project_to_build(primary);
    const auto* second_project = secondary == nullptr ? nullptr : project_to_build(*secondary);

    Roadmap out;
    out.primary = id;
    out.based_on_primary = primary.latest->attempt.id;
    if (secondary != nullptr) {
        out.secondary = secondary->track->info.id;
        out.based_on_secondary = secondary->latest->attempt.id;
    }

    RoadmapPhase first{"1-3", "Close the weakest areas and aim at the starter rung", {}};
    for (const auto* area : weakest_areas(primary, 2)) {
        first.actions.push_back({id, "study", std::nullopt, std::nullopt,
                                 "Close the gap in " + area->name + " (measured " +
                                     percent_text(area->figures.percent) + ", " + area->figures.level_name +
                                     "): work through the missed items' references, then re-assess."});
    }
    if (starter != nullptr) {
        first.actions.push_back({id, "certification", starter->id, std::nullopt,
                                 "Prepare for " + starter->name + " (" + starter->exam_code + ")."});
    }
    out.phases.push_back(std::move(first));

    RoadmapPhase middle{"4-8", "Build one portfolio project in each track", {}};
    for (const auto& [s, p] : {std::pair{&primary, project}, std::pair{secondary, second_project}}) {
        if (s != nullptr && p != nullptr) {
            middle.actions.push_back({s->track->info.id, "project", std::nullopt, p->id,
                                      "Build \"" + p->title + "\" (" + std::to_string(p->done) + "/" +
                                          std::to_string(p->total) +
                                          " checklist items done); it answers: " + p->business_question});
        }
    }
    out.phases.push_back(std::move(middle));

    RoadmapPhase last{"9-12", "Take the next rung and tell the story", {}};
    if (later != nullptr) {
        last.actions.push_back({id, "certification", later->id, std::nullopt,
                                "Take " + later->name + " (" + later->exam_code + ")."});
    } else if (starter != nullptr) {
        last.actions.push_back(
            {id, "certification", starter->id, std::nullopt, "Sit " + starter->name + " if not done yet."});
    }
    if (project != nullptr) {
        last.actions.push_back({id, "case_study", std::nullopt, project->id,
                                "Write \"" + project->title +
                                    "\" up as a case study: problem, constraints, design, implementation, "
                                    "outcome, and the change in " +
                                    project->outcome_metric + "."});
    }
    out.phases.push_back(std::move(last));

    out.metrics = metric_targets(primary, project);
    if (secondary != nullptr) {
        for (auto& m : metric_targets(*secondary, second_project)) {
            out.metrics.push_back(std::move(m));
        }
    }
    return out;
}

json to_json(const Recommendation& recommendation)
{
    auto ranked = json::array();
    for (const auto& entry : recommendation.ranked) {
        ranked.push_back({{"track", entry.track},
                          {"name", entry.name},
                          {"fit", entry.fit},
                          {"result", entry.result},
                          {"next_rung", util::value_or_null(entry.next_rung)},
                          {"reasons", entry.reasons}});
    }
    auto unassessed = json::array();
    for (const auto& entry : recommendation.not_assessed) {
        unassessed.push_back({{"track", entry.track}, {"name", entry.name}, {"command", entry.command}});
    }
    json out = {{"ranked", ranked},
                {"not_assessed", unassessed},
                {"primary", util::value_or_null(recommendation.primary)},
                {"secondary", util::value_or_null(recommendation.secondary)}};
    if (recommendation.why) {
        out["why"] = *recommendation.why;
    }
    return out;
}

json to_json(const Roadmap& roadmap)
{
    auto phases = json::array();
    for (const auto& phase : roadmap.phases) {
        auto actions = json::array();
        for (const auto& action : phase.actions) {
            json entry = {{"track", action.track}, {"kind", action.kind}, {"text", action.text}};
            if (action.rung) {
                entry["rung"] = *action.rung;
            }
            if (action.project) {
                entry["project"] = *action.project;
            }
            actions.push_back(std::move(entry));
        }
        phases.push_back({{"months", phase.months}, {"title", phase.title}, {"actions", actions}});
    }
    auto metrics = json::array();
    for (const auto& m : roadmap.metrics) {
        metrics.push_back({{"track", m.track},
                           {"metric", m.metric},
                           {"name", m.name},
                           {"direction", m.direction},
                           {"focus", m.focus}});
    }
    return {{"primary", roadmap.primary},
            {"secondary", util::value_or_null(roadmap.secondary)},
            {"based_on",
             {{"primary", roadmap.based_on_primary},
              {"secondary", util::value_or_null(roadmap.based_on_secondary)}}},
            {"phases", phases},
            {"metrics", metrics}};
}

} // namespace cloudtrack::host::career
