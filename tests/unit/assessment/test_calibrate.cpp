#include "assessment/calibrate.hpp"

#include "assessment/ability.hpp"
#include "assessment/random.hpp"

#include <catch2/catch.hpp>

#include <array>
#include <cmath>

using namespace cloudtrack::host::assessment;

namespace {

struct Truth {
    double a;
    double b;
};

// The asymptotic standard errors of (a, b) for one item from N people whose abilities, drawn
// from N(0, 1), were known: the inverse of N times the per-person Fisher information, by
// quadrature. With abilities estimated from 40 items the real errors are a little larger.
std::array<double, 2> known_theta_se(const Truth& item, double people)
{
    double i_aa = 0.0;
    double i_ab = 0.0;
    double i_bb = 0.0;
    double total = 0.0;
    for (int k = -400; k <= 400; ++k) {
        const double theta = k / 100.0;
        const double w = std::exp(-theta * theta / 2);
        const double p = p_correct(theta, item.a, item.b);
        const double pq = p * (1 - p);
        i_aa += w * pq * (theta - item.b) * (theta - item.b);
        i_ab += w * pq * (theta - item.b) * -item.a;
        i_bb += w * pq * item.a * item.a;
        total += w;
    }
    i_aa *= people / total;
    i_ab *= people / total;
    i_bb *= people / total;
    const double det = i_aa * i_bb - i_ab * i_ab;
    return {std::sqrt(i_bb / det), std::sqrt(i_aa / det)};
}

} // namespace

TEST_CASE("calibration recovers known 2PL parameters within their theoretical errors",
          "[assessment][calibrate]")
{
    // 2,000 people x 40 items, a ~ U(0.8, 2.0), b ~ U(-2, 2), abilities ~ N(0, 1), all from one
    // seed. The tolerances come from theory, not from tuning:
    //  - each reported standard error lies between 0.85 and 1.6 times the known-ability bound
    //    (estimating abilities loses information, so the real error is at least the bound, less
    //    sampling noise in the estimate of the error itself; 40 items lose little);
    //  - each estimate lies within 4 of its reported standard errors of the truth: with 80
    //    estimates, an efficient estimator breaks that about once in 200 seeds, and the seed is
    //    fixed, so the test is deterministic;
    //  - over all items, the root mean square of (estimate - truth) / bound is below 1.5: about 1
    //    for an efficient estimator, plus the small loss from estimated abilities and the prior.
    constexpr size_t k_people = 2000;
    constexpr size_t k_items = 40;
    std::mt19937_64 rng(20240515);
    std::vector<Truth> truth;
    ResponseSet set;
    for (size_t j = 0; j < k_items; ++j) {
        truth.push_back({0.8 + 1.2 * uniform01(rng), -2.0 + 4.0 * uniform01(rng)});
        set.item_ids.push_back("item-" + std::to_string(j));
    }
    for (size_t i = 0; i < k_people; ++i) {
        const double theta = standard_normal(rng);
        std::vector<PersonResponse> person;
        for (size_t j = 0; j < k_items; ++j) {
            person.push_back({j, uniform01(rng) < p_correct(theta, truth[j].a, truth[j].b) ? 1.0 : 0.0});
        }
        set.people.push_back(std::move(person));
    }

    const auto run = calibrate(set);
    REQUIRE(run.converged);
    REQUIRE(run.items.size() == k_items);
    double z_a = 0.0;
    double z_b = 0.0;
    for (size_t j = 0; j < k_items; ++j) {
        const auto& item = run.items[j];
        const auto bound = known_theta_se(truth[j], k_people);
        INFO("item " << j << ": a " << truth[j].a << " -> " << item.a << " (se " << item.se_a << ", bound "
                     << bound[0] << "), b " << truth[j].b << " -> " << item.b << " (se " << item.se_b
                     << ", bound " << bound[1] << ")");
        CHECK(item.n == k_people);
        CHECK(item.se_a >= 0.85 * bound[0]);
        CHECK(item.se_a <= 1.6 * bound[0]);
        CHECK(item.se_b >= 0.85 * bound[1]);
        CHECK(item.se_b <= 1.6 * bound[1]);
        CHECK(std::abs(item.a - truth[j].a) <= 4 * item.se_a);
        CHECK(std::abs(item.b - truth[j].b) <= 4 * item.se_b);
        z_a += std::pow((item.a - truth[j].a) / bound[0], 2);
        z_b += std::pow((item.b - truth[j].b) / bound[1], 2);
    }
    CHECK(std::sqrt(z_a / k_items) < 1.5);
    CHECK(std::sqrt(z_b / k_items) < 1.5);
}

TEST_CASE("classical figures and flags", "[assessment][calibrate]")
{
    // Item 0 everyone gets right, item 1 nobody, item 2 follows the rest of the test, item 3 was
    // answered by three people only, item 4 by nobody.
    ResponseSet set;
    set.item_ids = {"easy", "hard", "good", "rare", "unseen"};
    for (size_t i = 0; i < 100; ++i) {
        const double skill = i < 50 ? 0.0 : 1.0;
        std::vector<PersonResponse> person = {{0, 1.0}, {1, 0.0}, {2, skill}};
        if (i < 3) {
            person.push_back({3, skill});
        }
        set.people.push_back(person);
    }
    const auto run = calibrate(set);
    using Catch::Matchers::VectorContains;
    CHECK(run.items[0].facility == 1.0);
    CHECK_THAT(run.items[0].flags, VectorContains(std::string("too easy")));
    CHECK_THAT(run.items[1].flags, VectorContains(std::string("too hard")));
    CHECK_THAT(run.items[3].flags, VectorContains(std::string("few responses")));
    CHECK(run.items[3].n == 3);
    CHECK_FALSE(run.items[4].estimated);
    CHECK_THAT(run.items[4].flags, VectorContains(std::string("no responses")));
    // A person's other answers carry no information about items everyone gets equally.
    CHECK_THAT(run.items[0].flags, VectorContains(std::string("low discrimination")));
}
