// The ability estimate: EAP (expected a posteriori) under a two-parameter logistic model with a
// normal prior (standard normal unless a caller says otherwise), on a fixed grid. docs/scoring.md
// explains it with a worked example.
#pragma once

#include <array>
#include <cstddef>
#include <vector>

namespace cloudtrack::host::assessment {

// The grid: -4.0, -3.9, ..., 4.0. Points are computed from integers, never accumulated, so every
// machine sees the same grid.
inline constexpr int k_grid_points = 81;
inline constexpr double k_grid_low = -4.0;
inline constexpr double k_grid_step = 0.1;
inline double grid_theta(int k)
{
    return k_grid_low + k_grid_step * k;
}

struct Observation {
    double a = 1.0;     // discrimination
    double b = 0.0;     // difficulty
    double score = 0.0; // in [0, 1]; partial credit enters as a fractional success
};

struct Estimate {
    double theta = 0.0; // posterior mean
    double se = 1.0;    // posterior standard deviation
};

// The belief about ability before any answer. The default is what results have always used.
struct Prior {
    double mean = 0.0;
    double sd = 1.0;
};

// P(correct | theta) = 1 / (1 + exp(-a (theta - b))).
double p_correct(double theta, double a, double b);

// One item's log P and log (1 - P) at every grid point: callers that score the same items many
// times (the simulator) look these up instead of recomputing them.
struct ItemCurve {
    std::array<double, k_grid_points> log_p{};
    std::array<double, k_grid_points> log_q{};
};
ItemCurve item_curve(double a, double b);

// The log posterior on the grid, one response at a time: the adaptive test re-estimates after
// every answer, and each update costs the grid's size, not the number of answers so far. Adding
// the observations of estimate() in the same order gives bit-identical figures.
class Posterior {
public:
    explicit Posterior(const Prior& prior = {});
    void add(double a, double b, double score);
    void add(const ItemCurve& curve, double score);
    [[nodiscard]] Estimate estimate() const;
    // The posterior's mass below cuts[0], between consecutive cuts, and from the last cut up
    // (cuts ascending): with the level cut points, the probability of each level. A grid point
    // on a cut belongs to the level above, as in level_at().
    [[nodiscard]] std::vector<double> mass_between(const std::vector<double>& cuts) const;
    [[nodiscard]] size_t count() const { return m_count; }

private:
    std::array<double, k_grid_points> m_log{};
    size_t m_count = 0;
};

// EAP over the grid with prior weights exp(-((theta - mean) / sd)^2 / 2). With no observations
// it returns the prior (on the grid: theta 0, se 1 for the default).
Estimate estimate(const std::vector<Observation>& observations, const Prior& prior = {});

} // namespace cloudtrack::host::assessment
