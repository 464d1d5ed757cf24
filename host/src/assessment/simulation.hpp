// The simulator: the yardstick for every precision claim. Simulated people with a known ability
// take the fixed standard form (the real draw_form) and the adaptive test side by side; the
// report says how often each put them at their true level, how long the tests were, whether the
// reported standard errors are honest, and how evenly the bank was used. Deterministic for a seed.
#pragma once

#include "assessment/adaptive.hpp"
#include "content/calibration.hpp"
#include "content/model.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace cloudtrack::host::assessment {

inline constexpr const char* k_simulation_schema = "cloudtrack.simulation/1";

enum class BankKind { track, calibration, synthetic };
const char* to_string(BankKind kind);

struct SimulationOptions {
    size_t people = 1000;
    std::uint64_t seed = 1;
    double theta_mean = 0.0;
    double theta_sd = 1.0;
    std::vector<double> theta_values; // when set, person i has theta_values[i % size]
    // The SD of the error in the parameters the scorer believes (added to b and to log a), drawn
    // once per run like a calibration's error; responses still follow the true parameters.
    double parameter_error = 0.0;
    BankKind bank = BankKind::track;
    size_t per_area = 5; // the fixed standard form
    AdaptiveRules rules;
};

// One area, or overall, under one mode.
struct SimulatedFigures {
    double accuracy = 0.0; // share of people reported at their true level
    double mean_length = 0.0;
    double p90_length = 0.0;
    double rmse = 0.0;    // of the estimate against the true theta
    double mean_se = 0.0; // the standard error the result would report, averaged
    double rms_se = 0.0;  // its root mean square: the figure RMSE should match when SEs are honest
};

struct ModeReport {
    std::vector<SimulatedFigures> areas; // in track order
    SimulatedFigures overall;
    double max_exposure = 0.0;                  // the largest share of people shown one item
    double never_used = 0.0;                    // the share of the bank nobody was shown
    std::map<std::string, size_t> stop_reasons; // adaptive only
};

struct SimulationReport {
    std::string track_id;
    std::string track_version;
    std::vector<std::string> area_ids;
    size_t bank_items = 0;
    size_t calibrated_items = 0;
    SimulationOptions options;
    ModeReport fixed;
    ModeReport adaptive;
};

// What one simulated person answers to bank item `item` (1 or 0): fixed per person seed and item,
// so every mode and every order of asking sees the same person.
double simulated_answer(std::uint64_t person_seed, size_t item, double theta, const ItemParameters& truth);

// The value 90% of `values` do not exceed, by nearest rank (0 when empty): how long sittings were.
double p90_by_nearest_rank(std::vector<size_t> values);

// The same track with every scored item's a drawn from U(0.8, 2.0) and b from a uniform spread
// one unit beyond the track's lowest and highest cut points, difficulty labels re-derived from b
// (thirds of that spread) so the fixed form stays stratified. Drawn from `seed` alone.
content::Track synthetic_track(const content::Track& track, std::uint64_t seed);

// `calibration` (for BankKind::calibration) supplies the true parameters of the items it holds.
SimulationReport simulate(const content::Track& track, const SimulationOptions& options,
                          const content::Calibration* calibration = nullptr);

nlohmann::json to_json(const SimulationReport& report);

} // namespace cloudtrack::host::assessment
