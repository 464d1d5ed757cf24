// The cut-point helper: how many right answers on a typical form reach each level's min_theta,
// per area and overall, under the same EAP estimate that scores a result. A typical form has, per
// area, the items a standard form draws there, each with the mean a and b of the active items it
// is drawn from; the overall form is all of them, with the track's mean a and b. An author reads it
// to check that the cut points mean what the level descriptions say ("professional: 4 of 5").
#pragma once

#include "content/model.hpp"

#include <optional>
#include <string>
#include <vector>

namespace cloudtrack::host::assessment {

struct LevelCut {
    std::string level; // level id (every level after the first)
    std::optional<size_t>
        right; // the fewest right answers whose θ reaches min_theta; none if even all do not
};

struct FormCuts {
    std::string area; // "" for the whole form
    size_t items = 0; // on the typical form
    double a = 1.0;   // the typical item's discrimination and difficulty
    double b = 0.0;
    std::vector<LevelCut> cuts;
};

// The fewest of `items` identical (a, b) items that must be right for the EAP θ to reach
// `min_theta`; nullopt when even all right does not.
std::optional<size_t> right_answers_for(size_t items, double a, double b, double min_theta);

// One entry per area with active items (track order), then the whole form; `per_area` is the
// standard form's items per area.
std::vector<FormCuts> cut_points(const content::Track& track, size_t per_area);

} // namespace cloudtrack::host::assessment
