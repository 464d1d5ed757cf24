#include "assessment/ability.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
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

TEST_CASE("the incremental posterior gives estimate()'s figures bit for bit", "[assessment]")
{
    const std::vector<Observation> obs = {
        {1.0, -1.0, 1.0}, {1.0, 0.0, 1.0}, {1.5, 1.0, 0.0}, {1.0, 0.0, 0.5}, {0.7, 2.0, 1.0}};
    Posterior by_formula;
    Posterior by_curve;
    for (const auto& o : obs) {
        by_formula.add(o.a, o.b, o.score);
        by_curve.add(item_curve(o.a, o.b), o.score);
    }
    const auto e = estimate(obs);
    // Exact equality on purpose: stored results are re-scored byte for byte.
    CHECK(by_formula.estimate().theta == e.theta);
    CHECK(by_formula.estimate().se == e.se);
    CHECK(by_curve.estimate().theta == e.theta);
    CHECK(by_curve.estimate().se == e.se);
    CHECK(by_curve.count() == obs.size());
}

TEST_CASE("the worked example of docs/scoring.md still reads theta 0.32, se 0.80", "[assessment]")
{
    const auto e = estimate({{1.0, -1.0, 1.0}, {1.0, 0.0, 1.0}, {1.0, 1.0, 0.0}});
    CHECK(std::round(e.theta * 100) / 100 == Approx(0.32));
    CHECK(std::round(e.se * 100) / 100 == Approx(0.80));
}

TEST_CASE("a prior other than the standard normal moves the estimate toward its mean", "[assessment]")
{
    const auto prior_only = estimate({}, Prior{1.0, 0.5});
    CHECK(prior_only.theta == Approx(1.0).margin(1e-6));
    CHECK(prior_only.se == Approx(0.5).margin(0.01));
    const std::vector<Observation> obs = {{1.0, 0.0, 1.0}, {1.0, 0.0, 0.0}};
    CHECK(estimate(obs, Prior{1.0, 1.0}).theta > estimate(obs).theta);
}

TEST_CASE("level probabilities are the posterior mass between the cut points", "[assessment][ability]")
{
    using cloudtrack::host::assessment::Posterior;
    // No answers: the prior, so half the mass lies below 0 and about 69% below 0.5.
    const auto prior = Posterior().mass_between({0.0, 0.5});
    REQUIRE(prior.size() == 3);
    CHECK(prior[0] + prior[1] + prior[2] == Approx(1.0));
    CHECK(prior[0] == Approx(0.5).margin(0.03)); // the grid point on 0 counts above
    CHECK(prior[0] + prior[1] == Approx(0.69).margin(0.03));
    // Many right answers on hard items move the mass up.
    Posterior strong;
    for (int i = 0; i < 20; ++i) {
        strong.add(1.5, 1.0, 1.0);
    }
    const auto high = strong.mass_between({-0.5, 0.4, 1.2});
    CHECK(high[3] > 0.8);
    CHECK(high[0] < 0.01);
}

TEST_CASE("parameter uncertainty widens the standard error by the delta method", "[assessment][calibration]")
{
    std::vector<Observation> known;
    for (int i = 0; i < 10; ++i) {
        known.push_back({1.2, -1.0 + 0.2 * i, i % 2 == 0 ? 1.0 : 0.0});
    }
    const auto e = estimate(known);
    // Parameters known exactly: nothing added.
    CHECK(widen_for_parameters(e, known).se == e.se);
    CHECK(widen_for_parameters(e, known).theta == e.theta);

    // Only b uncertain: se^2 + se^4 sum I_i^2 sd^2, computed here from the formula's parts.
    auto uncertain_b = known;
    double sum = 0.0;
    for (auto& o : uncertain_b) {
        o.b_sd = 0.5;
        const double p = 1 / (1 + std::exp(-o.a * (e.theta - o.b)));
        const double information = o.a * o.a * p * (1 - p);
        sum += information * information * 0.25;
    }
    const double se2 = e.se * e.se;
    CHECK(widen_for_parameters(e, uncertain_b).se == Approx(std::sqrt(se2 + se2 * se2 * sum)));

    // Uncertain a adds more. Errors in parameters shrink with more items at the rate the
    // measurement error does, so the relative widening stays about the same: it is no artefact
    // of short tests.
    auto both = uncertain_b;
    for (auto& o : both) {
        o.log_a_sd = 0.5;
    }
    CHECK(widen_for_parameters(e, both).se > widen_for_parameters(e, uncertain_b).se);
    auto longer = both;
    longer.insert(longer.end(), both.begin(), both.end());
    const auto long_estimate = estimate(longer);
    CHECK(widen_for_parameters(long_estimate, longer).se / long_estimate.se ==
          Approx(widen_for_parameters(e, both).se / e.se).epsilon(0.05));
}

TEST_CASE("a spread posterior gives less certain level odds", "[assessment][calibration]")
{
    Posterior posterior;
    for (int i = 0; i < 8; ++i) {
        posterior.add(1.0, 0.0, i < 6 ? 1.0 : 0.0);
    }
    const std::vector<double> cuts = {-0.5, 0.4, 1.2};
    const auto sharp = posterior.mass_between(cuts);
    const auto spread = posterior.mass_between(cuts, 0.5);
    double total = 0.0;
    for (const double m : spread) {
        total += m;
    }
    CHECK(total == Approx(1.0));
    const auto top = [](const std::vector<double>& m) { return *std::max_element(m.begin(), m.end()); };
    CHECK(top(spread) < top(sharp));
}

TEST_CASE("the worked example of docs/scoring.md section 11 still reads se 0.70, widened to 0.77",
          "[assessment][calibration]")
{
    // Five label items (a = 1), right, right, wrong, right, wrong, each judged off by 0.5.
    std::vector<Observation> area = {{1.0, -1.0, 1.0, 0.5, 0.5},
                                     {1.0, 0.0, 1.0, 0.5, 0.5},
                                     {1.0, 0.0, 0.0, 0.5, 0.5},
                                     {1.0, 1.0, 1.0, 0.5, 0.5},
                                     {1.0, 1.0, 0.0, 0.5, 0.5}};
    const auto measured = estimate(area);
    CHECK(measured.theta == Approx(0.35).margin(0.005));
    CHECK(measured.se == Approx(0.70).margin(0.005));
    CHECK(widen_for_parameters(measured, area).se == Approx(0.77).margin(0.005));
    std::vector<Observation> form;
    for (int i = 0; i < 7; ++i) {
        form.insert(form.end(), area.begin(), area.end());
    }
    const auto whole = estimate(form);
    CHECK(whole.se == Approx(0.345).margin(0.005));
    CHECK(widen_for_parameters(whole, form).se == Approx(0.39).margin(0.005));
}
