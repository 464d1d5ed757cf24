#include "assessment/level_odds.hpp"

#include "assessment/ability.hpp"

namespace cloudtrack::host::assessment {

std::vector<LevelOdds> level_odds(const Result& result, const std::string& area)
{
    Posterior posterior;
    for (const auto& r : result.responses) {
        if (r.scored && (area.empty() || r.area == area)) {
            posterior.add(r.a, r.b, r.score);
        }
    }
    std::vector<double> cuts;
    for (size_t i = 1; i < result.levels.size(); ++i) {
        cuts.push_back(result.levels[i].min_theta.value_or(0.0));
    }
    const auto mass = posterior.mass_between(cuts);
    std::vector<LevelOdds> odds;
    for (size_t i = 0; i < result.levels.size(); ++i) {
        odds.push_back({result.levels[i].name, mass[i]});
    }
    return odds;
}

} // namespace cloudtrack::host::assessment
