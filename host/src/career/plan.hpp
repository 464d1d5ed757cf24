// The advice built from results: which tracks fit (recommend) and a 12-month plan (roadmap).
// Both are typed models that the renderers read; JSON (the `recommendation` and `roadmap`
// documents of docs/career.md) is written only where they leave the program, by to_json.
#pragma once

#include "assessment/result_model.hpp"
#include "career/ladder.hpp"
#include "career/portfolio.hpp"
#include "content/model.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace cloudtrack::host::career {

// What is known about one track for one profile.
struct TrackStanding {
    const content::Track* track = nullptr;
    const assessment::Result* latest = nullptr; // newest finished result, or nullptr when never assessed
    LadderStatus ladder;
    PortfolioStatus portfolio;
};

// An assessed track and how well it fits.
struct RankedTrack {
    std::string track;
    std::string name;
    double fit = 0.0;      // 0-100, rounded to 0.1
    std::int64_t result{}; // the result it is based on
    std::optional<std::string> next_rung;
    std::vector<std::string> reasons;
};

struct UnassessedTrack {
    std::string track;
    std::string name;
    std::string command; // how to assess it
};

struct Recommendation {
    std::vector<RankedTrack> ranked; // best fit first
    std::vector<UnassessedTrack> not_assessed;
    std::optional<std::string> primary;   // the best fit; null when nothing is assessed
    std::optional<std::string> secondary; // the next one; null with fewer than two
    std::optional<std::string> why;       // absent from JSON when nothing is assessed
};

struct RoadmapAction {
    std::string track;
    std::string kind;                   // study, certification, project or case_study
    std::optional<std::string> rung;    // for a certification; absent from JSON otherwise
    std::optional<std::string> project; // for a project or case study; absent from JSON otherwise
    std::string text;
};

struct RoadmapPhase {
    std::string months; // "1-3", "4-8", "9-12"
    std::string title;
    std::vector<RoadmapAction> actions;
};

struct MetricTarget {
    std::string track;
    std::string metric; // metric id
    std::string name;
    std::string direction; // up | down
    bool focus = false;    // the outcome metric of the project to build
};

struct Roadmap {
    std::string primary;
    std::optional<std::string> secondary;
    std::int64_t based_on_primary{}; // result ids
    std::optional<std::int64_t> based_on_secondary;
    std::vector<RoadmapPhase> phases;
    std::vector<MetricTarget> metrics;
};

// The documents of docs/career.md, byte-identical to what was written before they were typed.
nlohmann::json to_json(const Recommendation& recommendation);
nlohmann::json to_json(const Roadmap& roadmap);

// Ranks assessed tracks by fit; lists the others as not assessed.
Recommendation recommend(const std::vector<TrackStanding>& standings);

// The 12-month plan for a primary and an optional secondary track (secondary may be nullptr).
// Both must have a latest result.
Roadmap roadmap(const TrackStanding& primary, const TrackStanding* secondary);

} // namespace cloudtrack::host::career
