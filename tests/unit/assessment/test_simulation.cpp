#include "assessment/simulation.hpp"

#include <catch2/catch.hpp>

using namespace cloudtrack::host::assessment;

namespace {

// Two areas of 18 items (6 easy, medium, hard each) and the shipped tracks' cut points.
cloudtrack::content::Track track()
{
    cloudtrack::content::Track t;
    t.info = {"sim", "Sim", "1.0.0", "test", "", std::nullopt};
    t.levels = {{"foundation", "Foundation", "", std::nullopt},
                {"associate", "Associate", "", -0.5},
                {"professional", "Professional", "", 0.4},
                {"expert", "Expert", "", 1.2}};
    t.areas = {{"x", "X", "", 1.0, "", ""}, {"y", "Y", "", 1.0, "", ""}};
    const char* difficulty[] = {"easy", "medium", "hard"};
    for (int i = 0; i < 36; ++i) {
        cloudtrack::content::Item item;
        item.id = "i" + std::to_string(i);
        item.area = i < 18 ? "x" : "y";
        item.difficulty = difficulty[i % 3];
        item.b = i % 3 - 1.0;
        t.items.push_back(item);
    }
    return t;
}

SimulationOptions small()
{
    SimulationOptions o;
    o.people = 300;
    o.seed = 9;
    o.rules.max_items = 10;
    return o;
}

} // namespace

TEST_CASE("the same seed gives the same report; another seed another", "[assessment][simulation]")
{
    const auto t = track();
    const auto one = to_json(simulate(t, small()));
    CHECK(one == to_json(simulate(t, small())));
    auto other = small();
    other.seed = 10;
    CHECK(one != to_json(simulate(t, other)));
}

TEST_CASE("the fixed form runs the standard form, the adaptive test its rules", "[assessment][simulation]")
{
    const auto report = simulate(track(), small());
    CHECK(report.fixed.overall.mean_length == 10.0); // 5 per area, two areas
    CHECK(report.fixed.areas[0].mean_length == 5.0);
    CHECK(report.adaptive.overall.p90_length <= 10.0);
    CHECK(report.bank_items == 36);
    for (const auto* mode : {&report.fixed, &report.adaptive}) {
        CHECK(mode->overall.accuracy > 0.3);
        CHECK(mode->overall.accuracy <= 1.0);
        CHECK(mode->max_exposure > 0.0);
        CHECK(mode->max_exposure <= 1.0);
        CHECK(mode->never_used >= 0.0);
        // Without parameter error EAP standard errors are honest: RMSE and the RMS of the
        // reported errors agree within sampling noise of 300 people.
        CHECK(mode->overall.rmse == Approx(mode->overall.rms_se).epsilon(0.15));
    }
    size_t stops = 0;
    for (const auto& [reason, count] : report.adaptive.stop_reasons) {
        stops += count;
    }
    CHECK(stops == 300);
}

TEST_CASE("parameter error makes reported errors over-confident", "[assessment][simulation]")
{
    auto o = small();
    o.people = 600;
    o.parameter_error = 0.8;
    const auto report = simulate(track(), o);
    CHECK(report.fixed.overall.rmse > report.fixed.overall.rms_se);
}

TEST_CASE("the synthetic bank keeps the track's shape and draws its parameters from the seed",
          "[assessment][simulation]")
{
    const auto t = track();
    const auto synthetic = synthetic_track(t, 5);
    REQUIRE(synthetic.items.size() == t.items.size());
    for (size_t i = 0; i < t.items.size(); ++i) {
        CHECK(synthetic.items[i].area == t.items[i].area);
        CHECK(synthetic.items[i].a >= 0.8);
        CHECK(synthetic.items[i].a <= 2.0);
        CHECK(synthetic.items[i].b >= -1.5);
        CHECK(synthetic.items[i].b <= 2.2);
    }
    CHECK(synthetic_track(t, 5).items[3].b == synthetic.items[3].b);
    auto o = small();
    o.bank = BankKind::synthetic;
    CHECK(to_json(simulate(t, o))["bank"]["kind"] == "synthetic");
}

TEST_CASE("given abilities are used in turn", "[assessment][simulation]")
{
    auto o = small();
    o.theta_values = {2.5};
    o.people = 50;
    const auto report = simulate(track(), o);
    // Everyone is an expert; a test of 10 items tells most of them apart from the rest.
    CHECK(report.fixed.overall.accuracy > 0.5);
    CHECK(to_json(report)["theta"]["distribution"] == "values");
}
