#include "assessment/ability.hpp"

#include <cmath>
#include <limits>

namespace cloudtrack::host::assessment {

double p_correct(double theta, double a, double b)
{
    return 1.0 / (1.0 + std::exp(-a * (theta - b)));
}

ItemCurve item_curve(double a, double b)
{
    ItemCurve curve;
    for (int k = 0; k < k_grid_points; ++k) {
        const double p = p_correct(grid_theta(k), a, b);
        curve.log_p[static_cast<size_t>(k)] = std::log(p);
        curve.log_q[static_cast<size_t>(k)] = std::log1p(-p);
    }
    return curve;
}

Posterior::Posterior(const Prior& prior)
{
    for (int k = 0; k < k_grid_points; ++k) {
        // (theta - 0) / 1 is theta exactly, so the default prior is bit-for-bit the one results
        // were always scored with.
        const double z = (grid_theta(k) - prior.mean) / prior.sd;
        m_log[static_cast<size_t>(k)] = -0.5 * z * z;
    }
}

void Posterior::add(double a, double b, double score)
{
    // Work in logs: 40 items multiply 40 small probabilities.
    for (int k = 0; k < k_grid_points; ++k) {
        const double p = p_correct(grid_theta(k), a, b);
        m_log[static_cast<size_t>(k)] += score * std::log(p) + (1.0 - score) * std::log1p(-p);
    }
    ++m_count;
}

void Posterior::add(const ItemCurve& curve, double score)
{
    for (size_t k = 0; k < m_log.size(); ++k) {
        m_log[k] += score * curve.log_p[k] + (1.0 - score) * curve.log_q[k];
    }
    ++m_count;
}

Estimate Posterior::estimate() const
{
    double max_log = -std::numeric_limits<double>::infinity();
    for (const double value : m_log) {
        max_log = std::max(max_log, value);
    }
    double total = 0.0;
    double mean = 0.0;
    std::array<double, k_grid_points> weight{};
    for (int k = 0; k < k_grid_points; ++k) {
        const auto i = static_cast<size_t>(k);
        weight[i] = std::exp(m_log[i] - max_log);
        total += weight[i];
        mean += weight[i] * grid_theta(k);
    }
    mean /= total;
    double variance = 0.0;
    for (int k = 0; k < k_grid_points; ++k) {
        const double d = grid_theta(k) - mean;
        variance += weight[static_cast<size_t>(k)] * d * d;
    }
    return {mean, std::sqrt(variance / total)};
}

std::vector<double> Posterior::mass_between(const std::vector<double>& cuts, double spread) const
{
    double max_log = -std::numeric_limits<double>::infinity();
    for (const double value : m_log) {
        max_log = std::max(max_log, value);
    }
    std::vector<double> mass(cuts.size() + 1, 0.0);
    double total = 0.0;
    for (int k = 0; k < k_grid_points; ++k) {
        const double weight = std::exp(m_log[static_cast<size_t>(k)] - max_log);
        total += weight;
        if (spread <= 0.0) {
            size_t band = 0;
            while (band < cuts.size() && grid_theta(k) >= cuts[band] - 1e-9) {
                ++band;
            }
            mass[band] += weight;
            continue;
        }
        // The share of N(theta_k, spread) below each cut, differenced into bands.
        double below = 0.0;
        for (size_t band = 0; band < cuts.size(); ++band) {
            const double up_to = 0.5 * std::erfc(-(cuts[band] - grid_theta(k)) / (spread * std::sqrt(2.0)));
            mass[band] += weight * (up_to - below);
            below = up_to;
        }
        mass[cuts.size()] += weight * (1.0 - below);
    }
    for (auto& m : mass) {
        m /= total;
    }
    return mass;
}

Estimate widen_for_parameters(const Estimate& estimate, const std::vector<Observation>& observations)
{
    const double se2 = estimate.se * estimate.se;
    double added = 0.0;
    for (const auto& o : observations) {
        const double p = p_correct(estimate.theta, o.a, o.b);
        const double information = o.a * o.a * p * (1.0 - p);
        const double by_b = information * se2;
        const double by_log_a = (o.a * (o.score - p) - information * (estimate.theta - o.b)) * se2;
        added += by_b * by_b * o.b_sd * o.b_sd + by_log_a * by_log_a * o.log_a_sd * o.log_a_sd;
    }
    return {estimate.theta, std::sqrt(se2 + added)};
}

Estimate estimate(const std::vector<Observation>& observations, const Prior& prior)
{
    Posterior posterior(prior);
    for (const auto& o : observations) {
        posterior.add(o.a, o.b, o.score);
    }
    return posterior.estimate();
}

} // namespace cloudtrack::host::assessment
