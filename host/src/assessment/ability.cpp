#include "assessment/ability.hpp"

#include <array>
#include <cmath>
#include <limits>

namespace cloudtrack::host::assessment {

namespace {
constexpr int k_points = 81;
constexpr double k_low = -4.0;
constexpr double k_step = 0.1;
} // namespace

double p_correct(double theta, double a, double b)
{
    return 1.0 / (1.0 + std::exp(-a * (theta - b)));
}

Estimate estimate(const std::vector<Observation>& observations)
{
    // Work in logs: 40 items multiply 40 small probabilities. The grid points are computed from
    // integers, not accumulated, so every machine sees the same grid.
    std::array<double, k_points> log_posterior{};
    double max_log = -std::numeric_limits<double>::infinity();
    for (int k = 0; k < k_points; ++k) {
        const double theta = k_low + k_step * k;
        double log_p = -0.5 * theta * theta;
        for (const auto& o : observations) {
            const double p = p_correct(theta, o.a, o.b);
            log_p += o.score * std::log(p) + (1.0 - o.score) * std::log1p(-p);
        }
        log_posterior[static_cast<size_t>(k)] = log_p;
        max_log = std::max(max_log, log_p);
    }
    double total = 0.0;
    double mean = 0.0;
    std::array<double, k_points> weight{};
    for (int k = 0; k < k_points; ++k) {
        const auto i = static_cast<size_t>(k);
        weight[i] = std::exp(log_posterior[i] - max_log);
        total += weight[i];
        mean += weight[i] * (k_low + k_step * k);
    }
    mean /= total;
    double variance = 0.0;
    for (int k = 0; k < k_points; ++k) {
        const double d = k_low + k_step * k - mean;
        variance += weight[static_cast<size_t>(k)] * d * d;
    }
    return {mean, std::sqrt(variance / total)};
}

} // namespace cloudtrack::host::assessment
