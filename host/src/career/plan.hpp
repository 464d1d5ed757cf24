// The advice built from results: which tracks fit (recommend) and a 12-month plan (roadmap).
#pragma once

#include "assessment/result_model.hpp"
#include "content/model.hpp"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace cloudtrack::host::career {

// What is known about one track for one profile.
// NOLINTNEXTLINE(bugprone-exception-escape): a false positive on the implicit members of a json
struct TrackStanding {
    const content::Track* track = nullptr;
    const assessment::Result* latest = nullptr; // newest finished result, or nullptr when never assessed
    nlohmann::json ladder;                      // ladder_status()
    nlohmann::json portfolio;                   // portfolio_status()
};

// Ranks assessed tracks by fit; lists the others as not assessed. The `recommendation` document
// of docs/career.md.
nlohmann::json recommend(const std::vector<TrackStanding>& standings);

// The 12-month plan for a primary and an optional secondary track (secondary may be nullptr).
nlohmann::json roadmap(const TrackStanding& primary, const TrackStanding* secondary);

} // namespace cloudtrack::host::career
