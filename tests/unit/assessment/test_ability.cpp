#include "assessment/ability.hpp"

#include <catch2/catch.hpp>

#include <cmath>

using namespace cloudtrack::host::assessment;

namespace {
// An independent reference: the posterior mean by the trapezoid rule on a fine grid.
Estimate reference(const std::vector<Observation>& observations)
{
    double total = 0;
    double first = 0;
    double second = 0;
    for (int k = -8000; k <= 8000; ++k) {
        const double theta = k / 1000.0;
        double w = std::exp(-theta * theta / 2);
        for (const auto& o : observations) {
            const double p = 1 / (1 + std::exp(-o.a * (theta - o.b)));
            w *= std::pow(p, o.score) * std::pow(1 - p, 1 - o.score);
        }
        total += w;
        first += w * theta;
        second += w * theta * theta;
    }
    const double mean = first / total;
    return {mean, std::sqrt(second / total - mean * mean)};
}
} // namespace

TEST_CASE("no observations give the prior", "[assessment]")
{
    const auto e = estimate({});
    CHECK(e.theta == Approx(0.0).margin(1e-9));
    CHECK(e.se == Approx(1.0).margin(0.01));
}

TEST_CASE("EAP agrees with an independent integration", "[assessment]")
{
    const std::vector<Observation> obs = {
        {1.0, -1.0, 1.0}, {1.0, 0.0, 1.0}, {1.5, 1.0, 0.0}, {1.0, 0.0, 0.5}};
    const auto e = estimate(obs);
    const auto r = reference(obs);
    CHECK(e.theta == Approx(r.theta).margin(0.005));
    CHECK(e.se == Approx(r.se).margin(0.005));
}

TEST_CASE("right answers raise the estimate, symmetrically", "[assessment]")
{
    const auto up = estimate({{1.0, 0.0, 1.0}, {1.0, 0.0, 1.0}});
    const auto down = estimate({{1.0, 0.0, 0.0}, {1.0, 0.0, 0.0}});
    CHECK(up.theta > 0.3);
    CHECK(up.theta == Approx(-down.theta).margin(1e-9));
    CHECK(up.se < 1.0);
}
