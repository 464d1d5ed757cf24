// The screener's yardstick: simulated people with one true θ per track (independent N(0, 1) by
// default, or correlated between tracks) sit the real screener (run_screen, with a responder that
// answers from the true θ), and the report says how often the true strongest track came first,
// how often in the first two, how often a "separable" claim was right, and how long the sitting
// was. Deterministic for a seed.
#pragma once

#include "assessment/screener.hpp"
#include "assessment/simulation.hpp"
#include "content/model.hpp"
#include "util/expected.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace cloudtrack::host::assessment {

inline constexpr const char* k_screen_simulation_schema = "cloudtrack.screen-simulation/1";

struct ScreenSimulationOptions {
    size_t people = 1000;
    std::uint64_t seed = 1;
    size_t items_per_track = k_default_items_per_track;
    // Between a person's true θ on any two tracks: θ_t = √ρ·z + √(1 − ρ)·z_t, each N(0, 1).
    double correlation = 0.0;
    // Added to the first track's true θ: a population with one clearly strongest track.
    double lead = 0.0;
    BankKind bank = BankKind::track; // track or synthetic (simulation.hpp's synthetic_track)
};

struct ScreenSimulationReport {
    std::vector<std::string> track_ids; // in sitting order
    ScreenSimulationOptions options;
    double top_first = 0.0;  // share of people whose true strongest track was ranked first
    double top_in_two = 0.0; // ... ranked first or second
    double mean_p_top = 0.0; // mean stated P(strongest) of the track ranked first: honest when ≈ top_first
    size_t claims = 0;       // "separable from the top" verdicts given, over all people
    double claims_right = 0.0; // share of them where the top's true θ is above the other's
    double clear = 0.0;        // share of people told every other track is separable
    double clear_right = 0.0;  // share of those whose ranked first is their true strongest
    double mean_items = 0.0;
    double p90_items = 0.0;
    std::vector<double> ranked_first; // per track: share of people it was ranked first for
    std::vector<double> true_top;     // per track: share of people it was truly strongest for
};

// Fails as plan_screen() does (a track with fewer scored items than the budget).
util::Expected<ScreenSimulationReport> simulate_screen(const std::vector<const content::Track*>& tracks,
                                                       const ScreenSimulationOptions& options);

nlohmann::json to_json(const ScreenSimulationReport& report);

} // namespace cloudtrack::host::assessment
