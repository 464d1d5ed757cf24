// Where a person stands on a track's certification ladder: each rung's status (held, expired,
// ready, not yet, retired), readiness from the latest result weighted by the rung's exam
// blueprint, prerequisites met or missing, and the next rung worth taking, with the reason.
#pragma once

#include "assessment/result_model.hpp"
#include "content/model.hpp"
#include "store/store.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

namespace cloudtrack::host::career {

// A rung counts as ready at this blueprint-weighted percent, when the measured level also
// reaches the rung's level and every prerequisite is held.
inline constexpr double k_ready_percent = 70.0;

// `latest` is the newest finished result for the track, or nullptr. `today` is
// YYYY-MM-DD. The output is the `ladder` document of docs/career.md.
nlohmann::json ladder_status(const content::Track& track, const assessment::Result* latest,
                             const std::vector<store::Certification>& held, const std::string& today);

// YYYY-MM-DD plus whole months (clamped to the month's last day); nullopt on a malformed date.

} // namespace cloudtrack::host::career
