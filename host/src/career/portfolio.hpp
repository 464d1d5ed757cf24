// Portfolio progress: a track's projects and checklists with what the profile has marked or a
// probe has verified.
#pragma once

#include "content/model.hpp"
#include "store/store.hpp"

#include <nlohmann/json.hpp>

#include <vector>

namespace cloudtrack::host::career {

// The `portfolio` document of docs/career.md.
nlohmann::json portfolio_status(const content::Track& track, const std::vector<store::ChecklistMark>& marks);

} // namespace cloudtrack::host::career
