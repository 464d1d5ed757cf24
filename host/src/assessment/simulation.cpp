#include "assessment/simulation.hpp"

#include "assessment/form.hpp"
#include "assessment/random.hpp"
#include "assessment/round.hpp"

#include <algorithm>
#include <cmath>
#include <unordered_map>

namespace cloudtrack::host::assessment {

using nlohmann::json;

namespace {

// Streams of one run: each person has their own (stream_seed(seed, person)); these sit far above
// any person count.
constexpr std::uint64_t k_synthetic_stream = 0xFFFF'FFFF'0000'0001ULL;
constexpr std::uint64_t k_error_stream = 0xFFFF'FFFF'0000'0002ULL;

// Sums for one area (or overall) under one mode.
struct Tally {
    size_t correct = 0;
    std::vector<size_t> lengths;
    double squared_error = 0.0;
    double se_sum = 0.0;
    double se_squared = 0.0;

    void add(const content::Track& track, double theta, const Estimate& estimate, size_t length)
    {
        correct += track.level_at(estimate.theta) == track.level_at(theta) ? 1U : 0U;
        lengths.push_back(length);
        squared_error += (estimate.theta - theta) * (estimate.theta - theta);
        se_sum += estimate.se;
        se_squared += estimate.se * estimate.se;
    }

    [[nodiscard]] SimulatedFigures figures()
    {
        SimulatedFigures f;
        const auto n = static_cast<double>(lengths.size());
        if (lengths.empty()) {
            return f;
        }
        double total = 0.0;
        for (const auto length : lengths) {
            total += static_cast<double>(length);
        }
        f.accuracy = static_cast<double>(correct) / n;
        f.mean_length = total / n;
        f.p90_length = p90_by_nearest_rank(lengths);
        f.rmse = std::sqrt(squared_error / n);
        f.mean_se = se_sum / n;
        f.rms_se = std::sqrt(se_squared / n);
        return f;
    }
};

struct ModeTally {
    std::vector<Tally> areas;
    Tally overall;
    std::vector<size_t> exposure;
    std::map<std::string, size_t> stop_reasons;

    ModeTally(size_t area_count, size_t bank_size) : areas(area_count), exposure(bank_size, 0) {}

    [[nodiscard]] ModeReport report(size_t people)
    {
        ModeReport r;
        for (auto& area : areas) {
            r.areas.push_back(area.figures());
        }
        r.overall = overall.figures();
        const auto most = exposure.empty() ? 0 : *std::max_element(exposure.begin(), exposure.end());
        const auto unused = std::count(exposure.begin(), exposure.end(), size_t{0});
        r.max_exposure = people == 0 ? 0.0 : static_cast<double>(most) / static_cast<double>(people);
        r.never_used =
            exposure.empty() ? 0.0 : static_cast<double>(unused) / static_cast<double>(exposure.size());
        r.stop_reasons = stop_reasons;
        return r;
    }
};

// The parameters the scorer believes: the truth, off by `sd` in b and log a.
ItemBank believed_bank(const ItemBank& truth, double sd, std::uint64_t seed)
{
    auto bank = truth;
    if (sd <= 0.0) {
        return bank;
    }
    std::mt19937_64 rng(stream_seed(seed, k_error_stream));
    for (auto& item : bank.items) {
        auto& p = item.parameters;
        p.a = std::clamp(p.a * std::exp(sd * standard_normal(rng)), content::k_min_a, content::k_max_a);
        p.b = std::clamp(p.b + sd * standard_normal(rng), content::k_min_b, content::k_max_b);
    }
    return bank;
}

// Scores what one person was given as a result would: the posterior from the believed curves,
// its SE widened for the believed parameters' uncertainty as score_attempt widens it.
void score_mode(const content::Track& track, double theta, const ItemBank& believed,
                const std::vector<size_t>& given, const std::vector<double>& scores,
                const std::vector<ItemCurve>& curves, ModeTally& tally)
{
    std::vector<Posterior> areas(believed.areas.size());
    std::vector<std::vector<Observation>> area_observations(believed.areas.size());
    Posterior overall;
    std::vector<Observation> observations;
    for (size_t i = 0; i < given.size(); ++i) {
        const auto item = given[i];
        const auto area = believed.items[item].area;
        const auto& p = believed.items[item].parameters;
        areas[area].add(curves[item], scores[i]);
        overall.add(curves[item], scores[i]);
        area_observations[area].push_back({p.a, p.b, scores[i], p.b_sd, p.log_a_sd});
        observations.push_back(area_observations[area].back());
        tally.exposure[item] += 1;
    }
    for (size_t a = 0; a < areas.size(); ++a) {
        tally.areas[a].add(track, theta, widen_for_parameters(areas[a].estimate(), area_observations[a]),
                           areas[a].count());
    }
    tally.overall.add(track, theta, widen_for_parameters(overall.estimate(), observations), overall.count());
}

} // namespace

double simulated_answer(std::uint64_t person_seed, size_t item, double theta, const ItemParameters& truth)
{
    const double u = static_cast<double>(stream_seed(person_seed, item) >> 11U) * 0x1.0p-53;
    return u < p_correct(theta, truth.a, truth.b) ? 1.0 : 0.0;
}

double p90_by_nearest_rank(std::vector<size_t> values)
{
    if (values.empty()) {
        return 0.0;
    }
    std::sort(values.begin(), values.end());
    const auto rank = static_cast<size_t>(std::ceil(0.9 * static_cast<double>(values.size())));
    return static_cast<double>(values[std::max<size_t>(rank, 1) - 1]);
}

const char* to_string(BankKind kind)
{
    switch (kind) {
    case BankKind::track: return "track";
    case BankKind::calibration: return "calibration";
    case BankKind::synthetic: return "synthetic";
    }
    return "?";
}

content::Track synthetic_track(const content::Track& track, std::uint64_t seed)
{
    auto synthetic = track;
    double low = 0.0;
    double high = 0.0;
    bool any_cut = false;
    for (const auto& level : track.levels) {
        if (level.min_theta) {
            low = any_cut ? std::min(low, *level.min_theta) : *level.min_theta;
            high = any_cut ? std::max(high, *level.min_theta) : *level.min_theta;
            any_cut = true;
        }
    }
    low -= 1.0;
    high += 1.0;
    const double third = (high - low) / 3.0;
    std::mt19937_64 rng(stream_seed(seed, k_synthetic_stream));
    for (auto& item : synthetic.items) {
        if (item.beta) {
            continue;
        }
        item.a = 0.8 + 1.2 * uniform01(rng);
        item.b = low + (high - low) * uniform01(rng);
        item.difficulty = item.b < low + third ? "easy" : item.b < low + 2 * third ? "medium" : "hard";
    }
    return synthetic;
}

SimulationReport simulate(const content::Track& track, const SimulationOptions& options,
                          const content::Calibration* calibration)
{
    const auto truth_track =
        options.bank == BankKind::synthetic ? synthetic_track(track, options.seed) : track;
    // Which side the injected error is on. A calibration's (and the synthetic bank's) estimates
    // are the truth plus estimation error, so what the scorer believes is drawn around the truth,
    // and it is told that SD, as a calibration reports its standard errors. A track's own
    // parameters are what the scorer believes whatever the truth is, so the truth is drawn around
    // them: labels stay labels (every a = 1 gives an adaptive test no spurious a to chase), and
    // the scorer assumes the judgement error that real results assume.
    const auto stated = make_bank(truth_track, options.bank == BankKind::calibration ? calibration : nullptr);
    const bool own = options.bank == BankKind::track;
    const auto truth = own ? believed_bank(stated, options.parameter_error, options.seed) : stated;
    auto believed = own ? stated : believed_bank(stated, options.parameter_error, options.seed);
    if (!own) {
        assume_parameter_error(believed, options.parameter_error);
    }
    std::vector<ItemCurve> curves;
    curves.reserve(believed.items.size());
    for (const auto& item : believed.items) {
        curves.push_back(item_curve(item.parameters.a, item.parameters.b));
    }
    std::unordered_map<std::string, size_t> index;
    for (size_t i = 0; i < truth.items.size(); ++i) {
        index.emplace(truth.items[i].id, i);
    }

    ModeTally fixed(truth.areas.size(), truth.items.size());
    ModeTally adaptive(truth.areas.size(), truth.items.size());
    std::vector<size_t> given;
    std::vector<double> scores;
    for (size_t person = 0; person < options.people; ++person) {
        const auto person_seed = stream_seed(options.seed, person);
        std::mt19937_64 rng(person_seed);
        const double theta = options.theta_values.empty()
                                 ? options.theta_mean + options.theta_sd * standard_normal(rng)
                                 : options.theta_values[person % options.theta_values.size()];

        given.clear();
        scores.clear();
        const auto form = draw_form(truth_track, {FormMode::standard, 0, options.per_area, rng()});
        for (const auto& id : form.items) {
            if (const auto it = index.find(id); it != index.end()) { // beta items are not scored
                given.push_back(it->second);
                scores.push_back(
                    simulated_answer(person_seed, it->second, theta, truth.items[it->second].parameters));
            }
        }
        score_mode(truth_track, theta, believed, given, scores, curves, fixed);

        given.clear();
        scores.clear();
        AdaptiveTest test(believed, options.rules, rng(), &curves);
        while (const auto item = test.next()) {
            const double s = simulated_answer(person_seed, *item, theta, truth.items[*item].parameters);
            test.record(*item, s);
            given.push_back(*item);
            scores.push_back(s);
        }
        adaptive.stop_reasons[to_string(test.stop_reason())] += 1;
        score_mode(truth_track, theta, believed, given, scores, curves, adaptive);
    }

    SimulationReport report;
    report.track_id = track.info.id;
    report.track_version = track.info.version;
    report.area_ids = truth.areas;
    report.bank_items = truth.items.size();
    report.calibrated_items = truth.calibrated();
    report.options = options;
    report.fixed = fixed.report(options.people);
    report.adaptive = adaptive.report(options.people);
    return report;
}

namespace {

json figures_json(const SimulatedFigures& f)
{
    return {{"accuracy", round4(f.accuracy)},     {"mean_length", round4(f.mean_length)},
            {"p90_length", round4(f.p90_length)}, {"rmse", round4(f.rmse)},
            {"mean_se", round4(f.mean_se)},       {"rms_se", round4(f.rms_se)}};
}

json mode_json(const SimulationReport& report, const ModeReport& mode)
{
    auto areas = json::array();
    for (size_t a = 0; a < mode.areas.size(); ++a) {
        auto entry = figures_json(mode.areas[a]);
        entry["id"] = report.area_ids[a];
        areas.push_back(std::move(entry));
    }
    return {{"areas", areas},
            {"overall", figures_json(mode.overall)},
            {"max_exposure", round4(mode.max_exposure)},
            {"never_used", round4(mode.never_used)}};
}

} // namespace

json to_json(const SimulationReport& report)
{
    const auto& o = report.options;
    const auto& r = o.rules;
    json theta = o.theta_values.empty()
                     ? json{{"distribution", "normal"}, {"mean", o.theta_mean}, {"sd", o.theta_sd}}
                     : json{{"distribution", "values"}, {"count", o.theta_values.size()}};
    auto adaptive = mode_json(report, report.adaptive);
    adaptive["stop_reasons"] = report.adaptive.stop_reasons;
    return {{"schema", k_simulation_schema},
            {"track", {{"id", report.track_id}, {"version", report.track_version}}},
            {"bank",
             {{"kind", to_string(o.bank)},
              {"items", report.bank_items},
              {"calibrated_items", report.calibrated_items}}},
            {"people", o.people},
            {"seed", o.seed},
            {"theta", theta},
            {"parameter_error", o.parameter_error},
            // What the reported SEs assume the believed parameters' error to be (score_mode).
            {"assumed_parameter_error", o.bank == BankKind::track ? k_judgement_error : o.parameter_error},
            {"rules",
             {{"fixed_per_area", o.per_area},
              {"min_items", r.min_items},
              {"max_items", r.max_items},
              {"min_per_area", r.min_per_area},
              {"se_target", r.se_target},
              {"area_se_target", r.area_se_target},
              {"top_k", r.top_k},
              {"select_at", r.select_at_overall ? "overall" : "area"}}},
            {"fixed", mode_json(report, report.fixed)},
            {"adaptive", adaptive}};
}

} // namespace cloudtrack::host::assessment
