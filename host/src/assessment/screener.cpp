#include "assessment/screener.hpp"

#include "assessment/random.hpp"
#include "assessment/round.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <numeric>

namespace cloudtrack::host::assessment {

using nlohmann::json;

namespace {

// The 95% bound of a difference of two independent estimates, as `progress` judges a change.
constexpr double k_separable_z = 1.96;
// Simpson intervals for probability_strongest(): the integrand spans at most a few dozen
// standard errors and is smooth, so 800 intervals keep the error far below the four decimals
// reported, at a cost the simulator can pay per person.
constexpr size_t k_simpson_intervals = 800;
constexpr double k_tails = 8.0;
// A posterior on the grid never has a zero standard deviation; the floor only keeps a caller's
// degenerate input from dividing by zero.
constexpr double k_min_se = 1e-6;

double normal_cdf(double z)
{
    return 0.5 * std::erfc(-z / std::numbers::sqrt2);
}

double normal_pdf(double z)
{
    return std::exp(-0.5 * z * z) / std::sqrt(2.0 * std::numbers::pi);
}

} // namespace

AdaptiveRules screen_rules(size_t items_per_track)
{
    AdaptiveRules rules;
    rules.min_items = items_per_track;
    rules.max_items = items_per_track;
    rules.min_per_area = 1;
    rules.se_target = 0.0;       // never reached: the budget decides the length
    rules.area_se_target = 10.0; // no per-area target: after one item per area, the best anywhere
    rules.top_k = 3;
    rules.select_at_overall = true;
    return rules;
}

util::Expected<ScreenPlan> plan_screen(const std::vector<const content::Track*>& tracks,
                                       size_t items_per_track)
{
    ScreenPlan plan;
    plan.rules = screen_rules(items_per_track);
    for (const auto* track : tracks) {
        ScreenTrack entry{track, make_bank(*track), {}};
        if (entry.bank.items.size() < items_per_track) {
            return util::fail("track '" + track->info.id + "' has " +
                              std::to_string(entry.bank.items.size()) + " scored items, fewer than the " +
                              std::to_string(items_per_track) + " a screen asks per track");
        }
        entry.curves.reserve(entry.bank.items.size());
        for (const auto& item : entry.bank.items) {
            entry.curves.push_back(item_curve(item.parameters.a, item.parameters.b));
        }
        plan.tracks.push_back(std::move(entry));
    }
    return plan;
}

std::uint64_t track_seed(std::uint64_t seed, const std::string& track_id)
{
    return stream_seed(seed, fnv1a(track_id));
}

std::vector<double> probability_strongest(const std::vector<Standing>& standings)
{
    const size_t n = standings.size();
    std::vector<double> p(n, 0.0);
    if (n <= 1) {
        std::fill(p.begin(), p.end(), 1.0);
        return p;
    }
    double low = standings[0].theta;
    double high = standings[0].theta;
    for (const auto& s : standings) {
        const double se = std::max(s.se, k_min_se);
        low = std::min(low, s.theta - k_tails * se);
        high = std::max(high, s.theta + k_tails * se);
    }
    const double h = (high - low) / static_cast<double>(k_simpson_intervals);
    std::vector<double> cdf(n);
    std::vector<double> prefix(n + 1);
    std::vector<double> suffix(n + 1);
    for (size_t k = 0; k <= k_simpson_intervals; ++k) {
        const double x = low + h * static_cast<double>(k);
        for (size_t j = 0; j < n; ++j) {
            cdf[j] = normal_cdf((x - standings[j].theta) / std::max(standings[j].se, k_min_se));
        }
        // Products of every other track's CDF without dividing (a CDF may underflow to 0).
        prefix[0] = 1.0;
        suffix[n] = 1.0;
        for (size_t j = 0; j < n; ++j) {
            prefix[j + 1] = prefix[j] * cdf[j];
            suffix[n - 1 - j] = suffix[n - j] * cdf[n - 1 - j];
        }
        const double weight = k == 0 || k == k_simpson_intervals ? 1.0 : (k % 2 == 1 ? 4.0 : 2.0);
        for (size_t i = 0; i < n; ++i) {
            const double se = std::max(standings[i].se, k_min_se);
            const double density = normal_pdf((x - standings[i].theta) / se) / se;
            p[i] += weight * density * prefix[i] * suffix[i + 1];
        }
    }
    // The integrals already sum to 1 within the rule's error; dividing by the sum makes it exact.
    const double total = std::accumulate(p.begin(), p.end(), 0.0);
    for (auto& value : p) {
        value = total > 0.0 ? value / total : 1.0 / static_cast<double>(n);
    }
    return p;
}

bool separable(const Standing& top, const Standing& other)
{
    return top.theta - other.theta > k_separable_z * std::sqrt(top.se * top.se + other.se * other.se);
}

std::vector<size_t> rank(const std::vector<Standing>& standings)
{
    std::vector<size_t> order(standings.size());
    std::iota(order.begin(), order.end(), size_t{0});
    std::stable_sort(order.begin(), order.end(),
                     [&](size_t a, size_t b) { return standings[a].theta > standings[b].theta; });
    return order;
}

size_t Screen::items_asked() const
{
    size_t total = 0;
    for (const auto& track : tracks) {
        total += track.items.size();
    }
    return total;
}

std::vector<size_t> Screen::contenders() const
{
    std::vector<size_t> out;
    for (const auto& r : ranking) {
        if (!r.separable) {
            out.push_back(r.track);
        }
    }
    return out;
}

Screen run_screen(const ScreenPlan& plan, std::uint64_t seed, const Responder& respond)
{
    Screen screen;
    screen.seed = seed;
    screen.items_per_track = plan.rules.max_items;
    for (size_t t = 0; t < plan.tracks.size(); ++t) {
        const auto& planned = plan.tracks[t];
        const auto& track = *planned.track;
        TrackScreen out;
        out.id = track.info.id;
        out.name = track.info.name;
        out.version = track.info.version;
        out.seed = track_seed(seed, track.info.id);
        AdaptiveTest test(planned.bank, plan.rules, out.seed, &planned.curves);
        std::vector<Observation> observations; // to widen the SE as a result's is widened
        bool stopped = false;
        while (const auto item = test.next()) {
            const auto score = respond({t, *item, test.count()});
            if (!score) {
                stopped = true;
                break;
            }
            const double s = std::clamp(*score, 0.0, 1.0);
            test.record(*item, s);
            const auto& p = planned.bank.items[*item].parameters;
            observations.push_back({p.a, p.b, s, p.b_sd, p.log_a_sd});
            out.items.push_back(planned.bank.items[*item].id);
            out.scores.push_back(s);
        }
        // The SE includes the parameters' uncertainty, as every result's does (docs/scoring.md
        // section 11), so "within noise" is judged on honest errors.
        out.overall = widen_for_parameters(test.overall(), observations);
        out.level = track.levels.empty() ? "" : track.levels[track.level_at(out.overall.theta)].name;
        out.stop = test.stop_reason();
        screen.tracks.push_back(std::move(out));
        if (stopped) {
            return screen;
        }
    }
    screen.complete = true;
    std::vector<Standing> standings;
    standings.reserve(screen.tracks.size());
    for (const auto& track : screen.tracks) {
        standings.push_back({track.overall.theta, track.overall.se});
    }
    const auto p = probability_strongest(standings);
    const auto order = rank(standings);
    for (const auto i : order) {
        screen.ranking.push_back(
            {i, p[i], i != order.front() && separable(standings[order.front()], standings[i])});
    }
    return screen;
}

json to_json(const Screen& screen)
{
    auto tracks = json::array();
    for (const auto& track : screen.tracks) {
        auto items = json::array();
        for (size_t i = 0; i < track.items.size(); ++i) {
            items.push_back({{"id", track.items[i]}, {"score", round4(track.scores[i])}});
        }
        tracks.push_back({{"id", track.id},
                          {"name", track.name},
                          {"version", track.version},
                          {"seed", track.seed},
                          {"items", items},
                          {"theta", round4(track.overall.theta)},
                          {"se", round4(track.overall.se)},
                          {"level", track.level},
                          {"stop_reason", to_string(track.stop)}});
    }
    json doc = {{"schema", k_screen_schema},
                {"seed", screen.seed},
                {"items_per_track", screen.items_per_track},
                {"complete", screen.complete},
                {"items_asked", screen.items_asked()},
                {"tracks", tracks}};
    if (!screen.complete || screen.ranking.empty()) {
        return doc;
    }
    auto ranking = json::array();
    for (size_t r = 0; r < screen.ranking.size(); ++r) {
        const auto& entry = screen.ranking[r];
        const auto& track = screen.tracks[entry.track];
        ranking.push_back({{"rank", r + 1},
                           {"track", track.id},
                           {"theta", round4(track.overall.theta)},
                           {"se", round4(track.overall.se)},
                           {"level", track.level},
                           {"p_strongest", round4(entry.p_strongest)},
                           {"separable_from_top", entry.separable}});
    }
    auto contenders = json::array();
    auto next = json::array();
    for (const auto i : screen.contenders()) {
        contenders.push_back(screen.tracks[i].id);
        next.push_back("cloudtrack assess " + screen.tracks[i].id);
    }
    doc["ranking"] = ranking;
    doc["recommendation"] = {{"track", screen.tracks[screen.ranking.front().track].id},
                             {"clear", screen.clear()},
                             {"contenders", contenders},
                             {"next", next}};
    return doc;
}

} // namespace cloudtrack::host::assessment
