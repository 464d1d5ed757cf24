#include "assessment/level_odds.hpp"

#include "assessment/ability.hpp"

#include <algorithm>
#include <cmath>

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
    // A result that widened its SE for parameter uncertainty (engine 2) spreads the posterior by
    // the same amount, so the odds agree with the SE it reports; older results stay as they were.
    double spread = 0.0;
    if (result.parameters) {
        const auto* figures = &result.overall;
        if (const auto* entry = area.empty() ? nullptr : result.find_area(area)) {
            figures = &entry->figures;
        }
        const double measured = posterior.estimate().se;
        spread = std::sqrt(std::max(0.0, figures->se * figures->se - measured * measured));
    }
    const auto mass = posterior.mass_between(cuts, spread);
    std::vector<LevelOdds> odds;
    for (size_t i = 0; i < result.levels.size(); ++i) {
        odds.push_back({result.levels[i].name, mass[i]});
    }
    return odds;
}

} // namespace cloudtrack::host::assessment
