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
    // How far a and b may be from the item's true values: the SD of the error in b and in log a.
    // 0 means known exactly (the estimate itself never uses these; widen_for_parameters does).
    double b_sd = 0.0;
    double log_a_sd = 0.0;
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
    // on a cut belongs to the level above, as in level_at(). `spread` > 0 first blurs the
    // posterior with a normal of that SD (the parameters' uncertainty, widen_for_parameters).
    [[nodiscard]] std::vector<double> mass_between(const std::vector<double>& cuts,
                                                   double spread = 0.0) const;
    [[nodiscard]] size_t count() const { return m_count; }

private:
    std::array<double, k_grid_points> m_log{};
    size_t m_count = 0;
};

// The estimate with its standard error widened for the uncertainty of the item parameters. To
// first order (the estimating equation differentiated, docs/scoring.md section 11) an error e in
// b_i moves the estimate by I_i se^2 e, and an error e in log a_i by
// (a_i (x_i - P_i) - I_i (theta - b_i)) se^2 e, with P_i and the information I_i at the estimate;
// independent errors add their variances to se^2. The estimate itself is unchanged.
Estimate widen_for_parameters(const Estimate& estimate, const std::vector<Observation>& observations);

// EAP over the grid with prior weights exp(-((theta - mean) / sd)^2 / 2). With no observations
// it returns the prior (on the grid: theta 0, se 1 for the default).
Estimate estimate(const std::vector<Observation>& observations, const Prior& prior = {});

} // namespace cloudtrack::host::assessment
