#include "assessment/screen_simulation.hpp"

#include "assessment/random.hpp"
#include "assessment/round.hpp"

#include <algorithm>
#include <cmath>

namespace cloudtrack::host::assessment {

using nlohmann::json;

namespace {

// A person's own streams: the abilities, then the sitting's seed; answers use one stream per
// track and item, so a person answers an item the same whatever was asked before it.
constexpr std::uint64_t k_answer_stream = 0x5C4E'E000'0000'0000ULL;

// The plan the simulated people sit. Synthetic banks replace each track's parameters (kept in
// `synthetic`, which must outlive the plan) and are the truth the people answer by, known exactly,
// as in the one-track simulator; a track's own labels keep the judgement error real screens assume.
util::Expected<ScreenPlan> simulation_plan(const std::vector<const content::Track*>& tracks,
                                           const ScreenSimulationOptions& options,
                                           std::vector<content::Track>& synthetic)
{
    std::vector<const content::Track*> used = tracks;
    if (options.bank == BankKind::synthetic) {
        synthetic.reserve(tracks.size());
        for (size_t t = 0; t < tracks.size(); ++t) {
            // A stream per track: with one seed, tracks of the same shape got the same bank.
            synthetic.push_back(synthetic_track(*tracks[t], track_seed(options.seed, tracks[t]->info.id)));
            used[t] = &synthetic.back(); // reserved above: the address stays
        }
    }
    auto plan = plan_screen(used, options.items_per_track);
    if (plan && options.bank == BankKind::synthetic) {
        for (auto& planned : plan->tracks) {
            assume_parameter_error(planned.bank, 0.0);
        }
    }
    return plan;
}

} // namespace

util::Expected<ScreenSimulationReport> simulate_screen(const std::vector<const content::Track*>& tracks,
                                                       const ScreenSimulationOptions& options)
{
    std::vector<content::Track> synthetic; // the plan points into these
    auto plan = simulation_plan(tracks, options, synthetic);
    if (!plan) {
        return util::fail(plan.error());
    }
    const size_t n = tracks.size();
    ScreenSimulationReport report;
    report.options = options;
    for (const auto* track : tracks) {
        report.track_ids.push_back(track->info.id);
    }
    report.ranked_first.assign(n, 0.0);
    report.true_top.assign(n, 0.0);

    const double shared = std::sqrt(options.correlation);
    const double own = std::sqrt(1.0 - options.correlation);
    size_t top_first = 0;
    size_t top_in_two = 0;
    size_t claims_right = 0;
    size_t clear = 0;
    size_t clear_right = 0;
    double p_top_sum = 0.0;
    std::vector<size_t> lengths;
    lengths.reserve(options.people);
    std::vector<double> theta(n);
    for (size_t person = 0; person < options.people; ++person) {
        const auto person_seed = stream_seed(options.seed, person);
        std::mt19937_64 rng(person_seed);
        const double common = standard_normal(rng);
        for (size_t t = 0; t < n; ++t) {
            theta[t] = shared * common + own * standard_normal(rng) + (t == 0 ? options.lead : 0.0);
        }
        const auto sitting_seed = rng();
        const auto screen = run_screen(*plan, sitting_seed, [&](const Ask& ask) -> std::optional<double> {
            const auto& truth = plan->tracks[ask.track].bank.items[ask.item].parameters;
            return simulated_answer(stream_seed(person_seed, k_answer_stream + ask.track), ask.item,
                                    theta[ask.track], truth);
        });
        const auto truly_top =
            static_cast<size_t>(std::max_element(theta.begin(), theta.end()) - theta.begin());
        const auto first = screen.ranking.front().track;
        report.true_top[truly_top] += 1.0;
        report.ranked_first[first] += 1.0;
        top_first += first == truly_top ? 1U : 0U;
        top_in_two += first == truly_top || (n > 1 && screen.ranking[1].track == truly_top) ? 1U : 0U;
        p_top_sum += screen.ranking.front().p_strongest;
        for (const auto& entry : screen.ranking) {
            if (entry.separable) {
                report.claims += 1;
                claims_right += theta[first] > theta[entry.track] ? 1U : 0U;
            }
        }
        if (screen.clear()) {
            clear += 1;
            clear_right += first == truly_top ? 1U : 0U;
        }
        lengths.push_back(screen.items_asked());
    }

    const auto people = static_cast<double>(std::max<size_t>(options.people, 1));
    report.top_first = static_cast<double>(top_first) / people;
    report.top_in_two = static_cast<double>(top_in_two) / people;
    report.mean_p_top = p_top_sum / people;
    report.claims_right =
        report.claims == 0 ? 0.0 : static_cast<double>(claims_right) / static_cast<double>(report.claims);
    report.clear = static_cast<double>(clear) / people;
    report.clear_right = clear == 0 ? 0.0 : static_cast<double>(clear_right) / static_cast<double>(clear);
    double total = 0.0;
    for (const auto length : lengths) {
        total += static_cast<double>(length);
    }
    report.mean_items = total / people;
    report.p90_items = p90_by_nearest_rank(std::move(lengths));
    for (size_t t = 0; t < n; ++t) {
        report.ranked_first[t] /= people;
        report.true_top[t] /= people;
    }
    return report;
}

json to_json(const ScreenSimulationReport& report)
{
    const auto& o = report.options;
    auto tracks = json::array();
    for (size_t t = 0; t < report.track_ids.size(); ++t) {
        tracks.push_back({{"id", report.track_ids[t]},
                          {"true_top", round4(report.true_top[t])},
                          {"ranked_first", round4(report.ranked_first[t])}});
    }
    return {{"schema", k_screen_simulation_schema},
            {"people", o.people},
            {"seed", o.seed},
            {"items_per_track", o.items_per_track},
            {"theta", {{"distribution", "normal"}, {"correlation", o.correlation}, {"lead", o.lead}}},
            {"bank", to_string(o.bank)},
            {"tracks", tracks},
            {"top_first", round4(report.top_first)},
            {"top_in_two", round4(report.top_in_two)},
            {"mean_p_top", round4(report.mean_p_top)},
            {"separable",
             {{"claims", report.claims},
              {"claims_per_person", round4(static_cast<double>(report.claims) /
                                           static_cast<double>(std::max<size_t>(o.people, 1)))},
              {"right", round4(report.claims_right)}}},
            {"clear", {{"share", round4(report.clear)}, {"right", round4(report.clear_right)}}},
            {"items", {{"mean", round4(report.mean_items)}, {"p90", round4(report.p90_items)}}}};
}

} // namespace cloudtrack::host::assessment
