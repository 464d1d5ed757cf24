#include "assessment/cut_points.hpp"

#include "assessment/ability.hpp"

#include <algorithm>

namespace cloudtrack::host::assessment {

namespace {

FormCuts cuts_for(const content::Track& track, std::string area, size_t items, double a, double b)
{
    FormCuts form{std::move(area), items, a, b, {}};
    for (size_t i = 1; i < track.levels.size(); ++i) {
        const auto& level = track.levels[i];
        form.cuts.push_back({level.id, right_answers_for(items, a, b, level.min_theta.value_or(0.0))});
    }
    return form;
}

} // namespace

std::optional<size_t> right_answers_for(size_t items, double a, double b, double min_theta)
{
    // θ rises with every right answer, so the first k that reaches the cut is the answer.
    for (size_t right = 0; right <= items; ++right) {
        std::vector<Observation> observations(items, Observation{a, b, 0.0});
        std::fill_n(observations.begin(), right, Observation{a, b, 1.0});
        if (estimate(observations).theta >= min_theta) {
            return right;
        }
    }
    return std::nullopt;
}

std::vector<FormCuts> cut_points(const content::Track& track, size_t per_area)
{
    std::vector<FormCuts> out;
    size_t total_items = 0;
    double total_a = 0.0;
    double total_b = 0.0;
    size_t form_items = 0;
    for (const auto& area : track.areas) {
        size_t count = 0;
        double sum_a = 0.0;
        double sum_b = 0.0;
        for (const auto& item : track.items) {
            if (item.area == area.id && !item.beta) {
                ++count;
                sum_a += item.a;
                sum_b += item.b;
            }
        }
        if (count == 0) {
            continue;
        }
        const auto n = std::min(per_area, count);
        out.push_back(cuts_for(track, area.id, n, sum_a / static_cast<double>(count),
                               sum_b / static_cast<double>(count)));
        form_items += n;
        total_items += count;
        total_a += sum_a;
        total_b += sum_b;
    }
    if (total_items > 0) {
        out.push_back(cuts_for(track, "", form_items, total_a / static_cast<double>(total_items),
                               total_b / static_cast<double>(total_items)));
    }
    return out;
}

} // namespace cloudtrack::host::assessment
