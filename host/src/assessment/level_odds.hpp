// How sure a result's levels are: the posterior probability of each level, per area and overall,
// recomputed from the result's own scored responses (each records its a, b and score), so every
// result ever stored can show them and its stored bytes stay as they are. A result that widened
// its standard errors for parameter uncertainty has its posterior spread to match.
#pragma once

#include "assessment/result_model.hpp"

#include <string>
#include <vector>

namespace cloudtrack::host::assessment {

struct LevelOdds {
    std::string name;
    double probability = 0.0;
};

// In the order of result.levels; `area` empty for the whole result.
std::vector<LevelOdds> level_odds(const Result& result, const std::string& area);

} // namespace cloudtrack::host::assessment
