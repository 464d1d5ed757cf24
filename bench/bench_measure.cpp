// The measurement engine's budgets (issue 15): next-item selection on a 10,000-item bank
// (< 1 ms), calibration of 10,000 people x 300 items (< 10 s), and 10,000 simulated people on a
// shipped track (< 10 s). Run from a release build: build/release/bench/cloudtrack_bench_measure
#include "assessment/adaptive.hpp"
#include "assessment/calibrate.hpp"
#include "assessment/random.hpp"
#include "assessment/simulation.hpp"
#include "bench_timing.hpp"
#include "catalog/catalog.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;
using namespace cloudtrack::host::assessment;

using cloudtrack::bench::median_ms;

void selection()
{
    std::mt19937_64 rng(1);
    ItemBank bank;
    for (int a = 0; a < 20; ++a) {
        bank.areas.push_back("area-" + std::to_string(a));
    }
    for (size_t i = 0; i < 10'000; ++i) {
        bank.items.push_back({"item-" + std::to_string(i),
                              i % 20,
                              {0.8 + 1.2 * uniform01(rng), -2 + 4 * uniform01(rng)},
                              ParameterSource::track});
    }
    AdaptiveRules rules;
    rules.max_items = 200;
    rules.min_per_area = 0; // the overall phase scans the whole bank: the worst case
    rules.area_se_target = 1.0;
    rules.se_target = 0.0;
    AdaptiveTest test(bank, rules, 7);
    for (int step = 0; step < 30; ++step) {
        const auto item = test.next();
        test.record(*item, uniform01(rng) < 0.5 ? 1.0 : 0.0);
    }
    size_t sink = 0;
    const double ms = median_ms(201, [&] { sink += *test.next(); });
    std::printf("next-item selection, 10,000-item bank:      median %8.3f ms  (budget 1 ms)%s\n", ms,
                sink == 0 ? " " : "");
}

void calibration()
{
    std::mt19937_64 rng(2);
    constexpr size_t k_items = 300;
    ResponseSet set;
    std::vector<std::pair<double, double>> truth;
    for (size_t j = 0; j < k_items; ++j) {
        truth.emplace_back(0.8 + 1.2 * uniform01(rng), -2 + 4 * uniform01(rng));
        set.item_ids.push_back("item-" + std::to_string(j));
    }
    for (size_t i = 0; i < 10'000; ++i) {
        const double theta = standard_normal(rng);
        std::vector<PersonResponse> person;
        for (size_t j = 0; j < k_items; ++j) {
            person.push_back(
                {j, uniform01(rng) < p_correct(theta, truth[j].first, truth[j].second) ? 1.0 : 0.0});
        }
        set.people.push_back(std::move(person));
    }
    CalibrationRun run;
    const double ms = median_ms(3, [&] { run = calibrate(set); });
    std::printf("calibration, 10,000 people x 300 items:     median %8.0f ms  (budget 10,000 ms; %zu EM "
                "cycles, %s)\n",
                ms, run.iterations, run.converged ? "converged" : "not converged");
}

void simulation()
{
    const std::filesystem::path plugin = std::filesystem::path(CLOUDTRACK_BENCH_PLUGINS) / "devops.so";
    auto inspected = cloudtrack::host::catalog::inspect_file(plugin);
    if (!inspected.track) {
        std::fprintf(stderr, "%s: %s\n", plugin.c_str(), inspected.reason.c_str());
        return;
    }
    SimulationOptions options;
    options.people = 10'000;
    const double ms = median_ms(3, [&] { simulate(*inspected.track, options); });
    std::printf("simulation, 10,000 people on devops:        median %8.0f ms  (budget 10,000 ms)\n", ms);
}

} // namespace

int main()
{
    selection();
    calibration();
    simulation();
    return 0;
}
