#include "career/plan.hpp"

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

const json* next_rung(const TrackStanding& s)
{
    if (s.ladder.is_null() || s.ladder.at("next").is_null()) {
        return nullptr;
    }
    for (const auto& rung : s.ladder.at("rungs")) {
        if (rung.at("id") == s.ladder.at("next").at("rung")) {
            return &rung;
        }
    }
    return nullptr;
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
const json* project_to_build(const TrackStanding& s)
{
    const json* best = nullptr;
    for (const auto& project : s.portfolio.at("projects")) {
        if (project.at("done") == project.at("total")) {
            continue;
        }
        if (best == nullptr || project.at("done").get<int>() > best->at("done").get<int>()) {
            best = &project;
        }
    }
    return best;
}

// The rung after `after`: the lowest-level unheld, unretired rung above it that lists it as a
// prerequisite or recommendation, else any unheld rung at a higher level.
const json* rung_after(const TrackStanding& s, const json* after)
{
    if (after == nullptr) {
        return nullptr;
    }
    const auto level_of = [&](const json& r) {
        return s.track->level_index(r.at("level").get<std::string>());
    };
    const json* best = nullptr;
    for (const auto& rung : s.ladder.at("rungs")) {
        const auto status = rung.at("status").get<std::string>();
        if (&rung == after || status == "held" || status == "retired" || level_of(rung) <= level_of(*after)) {
            continue;
        }
        if (best == nullptr || level_of(rung) < level_of(*best)) {
            best = &rung;
        }
    }
    return best;
}

json metric_targets(const TrackStanding& s, const json* project)
{
    auto out = json::array();
    for (const auto& metric : s.track->metrics) {
        const bool main = project != nullptr && project->at("outcome_metric") == metric.name;
        out.push_back({{"track", s.track->info.id},
                       {"metric", metric.id},
                       {"name", metric.name},
                       {"direction", metric.direction},
                       {"focus", main}});
    }
    return out;
}

} // namespace

json recommend(const std::vector<TrackStanding>& standings)
{
    auto ranked = json::array();
    auto unassessed = json::array();
    for (const auto& s : standings) {
        if (s.latest == nullptr) {
            unassessed.push_back({{"track", s.track->info.id},
                                  {"name", s.track->info.name},
                                  {"command", "cloudtrack assess " + s.track->info.id}});
            continue;
        }
        const double measured = s.latest->overall.percent / 100.0;
        const auto self = self_share(s);
        const auto* rung = next_rung(s);
        const double readiness = rung == nullptr || rung->at("readiness").is_null()
                                     ? measured
                                     : rung->at("readiness").get<double>() / 100.0;
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
            reasons.push_back("next certification " + rung->at("exam_code").get<std::string>() + " (" +
                              rung->at("name").get<std::string>() + ") at " +
                              (rung->at("readiness").is_null()
                                   ? std::string("unmeasured")
                                   : percent_text(rung->at("readiness").get<double>())) +
                              " readiness");
        }
        ranked.push_back({{"track", s.track->info.id},
                          {"name", s.track->info.name},
                          {"fit", round1(100 * fit)},
                          {"result", s.latest->attempt.id},
                          {"next_rung", rung == nullptr ? json(nullptr) : rung->at("id")},
                          {"reasons", reasons}});
    }
    std::stable_sort(ranked.begin(), ranked.end(), [](const json& a, const json& b) {
        return a.at("fit").get<double>() > b.at("fit").get<double>();
    });
    json out = {{"ranked", ranked}, {"not_assessed", unassessed}};
    out["primary"] = ranked.empty() ? json(nullptr) : ranked[0].at("track");
    out["secondary"] = ranked.size() < 2 ? json(nullptr) : ranked[1].at("track");
    if (!ranked.empty()) {
        out["why"] =
            ranked[0].at("name").get<std::string>() + " fits best (" + ranked[0].at("fit").dump() +
            " of 100)" +
            (ranked.size() > 1 ? "; " + ranked[1].at("name").get<std::string>() +
                                     " is the strongest complement (" + ranked[1].at("fit").dump() + ")."
                               : "; assess another track to choose a secondary one.");
    }
    return out;
}

json roadmap(const TrackStanding& primary, const TrackStanding* secondary)
{
    auto phases = json::array();
    const auto* starter = next_rung(primary);
    const auto* later = rung_after(primary, starter);
    const auto* project = project_to_build(primary);
    const auto* second_project = secondary == nullptr ? nullptr : project_to_build(*secondary);

    auto first = json::array();
    for (const auto* area : weakest_areas(primary, 2)) {
        first.push_back({{"track", primary.track->info.id},
                         {"kind", "study"},
                         {"text", "Close the gap in " + area->name + " (measured " +
                                      percent_text(area->figures.percent) + ", " + area->figures.level_name +
                                      "): work through the missed items' references, then re-assess."}});
    }
    if (starter != nullptr) {
        first.push_back({{"track", primary.track->info.id},
                         {"kind", "certification"},
                         {"rung", starter->at("id")},
                         {"text", "Prepare for " + starter->at("name").get<std::string>() + " (" +
                                      starter->at("exam_code").get<std::string>() + ")."}});
    }
    phases.push_back({{"months", "1-3"},
                      {"title", "Close the weakest areas and aim at the starter rung"},
                      {"actions", first}});

    auto middle = json::array();
    for (const auto& [s, p] : {std::pair{&primary, project}, std::pair{secondary, second_project}}) {
        if (s != nullptr && p != nullptr) {
            middle.push_back({{"track", s->track->info.id},
                              {"kind", "project"},
                              {"project", p->at("id")},
                              {"text", "Build \"" + p->at("title").get<std::string>() + "\" (" +
                                           std::to_string(p->at("done").get<int>()) + "/" +
                                           std::to_string(p->at("total").get<int>()) +
                                           " checklist items done); it answers: " +
                                           p->at("business_question").get<std::string>()}});
        }
    }
    phases.push_back(
        {{"months", "4-8"}, {"title", "Build one portfolio project in each track"}, {"actions", middle}});

    auto last = json::array();
    if (later != nullptr) {
        last.push_back({{"track", primary.track->info.id},
                        {"kind", "certification"},
                        {"rung", later->at("id")},
                        {"text", "Take " + later->at("name").get<std::string>() + " (" +
                                     later->at("exam_code").get<std::string>() + ")."}});
    } else if (starter != nullptr) {
        last.push_back({{"track", primary.track->info.id},
                        {"kind", "certification"},
                        {"rung", starter->at("id")},
                        {"text", "Sit " + starter->at("name").get<std::string>() + " if not done yet."}});
    }
    if (project != nullptr) {
        last.push_back({{"track", primary.track->info.id},
                        {"kind", "case_study"},
                        {"project", project->at("id")},
                        {"text", "Write \"" + project->at("title").get<std::string>() +
                                     "\" up as a case study: problem, constraints, design, implementation, "
                                     "outcome, and the change in " +
                                     project->at("outcome_metric").get<std::string>() + "."}});
    }
    phases.push_back(
        {{"months", "9-12"}, {"title", "Take the next rung and tell the story"}, {"actions", last}});

    auto metrics = metric_targets(primary, project);
    if (secondary != nullptr) {
        for (auto& m : metric_targets(*secondary, second_project)) {
            metrics.push_back(std::move(m));
        }
    }
    return {{"primary", primary.track->info.id},
            {"secondary", secondary == nullptr ? json(nullptr) : json(secondary->track->info.id)},
            {"based_on",
             {{"primary", primary.latest->attempt.id},
              {"secondary", secondary == nullptr ? json(nullptr) : json(secondary->latest->attempt.id)}}},
            {"phases", phases},
            {"metrics", metrics}};
}

} // namespace cloudtrack::host::career
