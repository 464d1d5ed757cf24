#include "assessment/adaptive.hpp"

#include "assessment/random.hpp"

#include <algorithm>
#include <array>
#include <stdexcept>

namespace cloudtrack::host::assessment {

namespace {
// Randomesque needs only a handful of candidates; a fixed array keeps selection free of
// allocation and O(bank * k) with k this small.
constexpr size_t k_max_top = 16;
} // namespace

const char* to_string(StopReason reason)
{
    switch (reason) {
    case StopReason::none: return "none";
    case StopReason::se_target: return "se_target";
    case StopReason::max_length: return "max_length";
    case StopReason::bank_exhausted: return "bank_exhausted";
    }
    return "?";
}

AdaptiveTest::AdaptiveTest(const ItemBank& bank, const AdaptiveRules& rules, std::uint64_t seed,
                           const std::vector<ItemCurve>* curves)
    : m_bank(bank), m_rules(rules), m_curves(curves), m_rng(seed), m_by_area(bank.areas.size()),
      m_left_in_area(bank.areas.size(), 0), m_seen(bank.items.size(), false), m_areas(bank.areas.size())
{
    m_rules.top_k = std::clamp<size_t>(m_rules.top_k, 1, k_max_top);
    m_all.reserve(bank.items.size());
    for (size_t i = 0; i < bank.items.size(); ++i) {
        m_by_area[bank.items[i].area].push_back(i);
        m_left_in_area[bank.items[i].area] += 1;
        m_all.push_back(i);
    }
}

bool AdaptiveTest::area_open(size_t area) const
{
    return m_left_in_area[area] > 0;
}

bool AdaptiveTest::targets_met() const
{
    if (m_given.size() < m_rules.min_items || m_overall.estimate().se > m_rules.se_target) {
        return false;
    }
    for (size_t a = 0; a < m_areas.size(); ++a) {
        // An area with nothing left to ask has done what it can.
        if (area_open(a) && (m_areas[a].count() < m_rules.min_per_area ||
                             m_areas[a].estimate().se > m_rules.area_se_target)) {
            return false;
        }
    }
    return true;
}

std::optional<size_t> AdaptiveTest::pick(const std::vector<size_t>& candidates, double theta)
{
    // The k most informative unseen candidates, best first; ties keep bank order, so the choice
    // depends on nothing but the inputs.
    std::array<std::pair<double, size_t>, k_max_top> top{};
    size_t filled = 0;
    const auto fresh = [&](size_t i) { return m_seen_before.empty() || !m_seen_before[i]; };
    const bool any_fresh =
        !m_seen_before.empty() &&
        std::any_of(candidates.begin(), candidates.end(), [&](size_t i) { return !m_seen[i] && fresh(i); });
    for (const size_t i : candidates) {
        if (m_seen[i] || (any_fresh && !fresh(i))) {
            continue;
        }
        const double info = information(theta, m_bank.items[i].parameters);
        if (filled == m_rules.top_k && info <= top[filled - 1].first) {
            continue;
        }
        size_t at = filled < m_rules.top_k ? filled++ : filled - 1;
        while (at > 0 && top[at - 1].first < info) {
            top[at] = top[at - 1];
            --at;
        }
        top[at] = {info, i};
    }
    if (filled == 0) {
        return std::nullopt;
    }
    return top[filled == 1 ? 0 : below(m_rng, filled)].second;
}

std::optional<size_t> AdaptiveTest::next()
{
    if (m_stop != StopReason::none) {
        return std::nullopt;
    }
    if (m_given.size() >= m_rules.max_items) {
        m_stop = StopReason::max_length;
        return std::nullopt;
    }
    if (targets_met()) {
        m_stop = StopReason::se_target;
        return std::nullopt;
    }
    // Content balancing: the open area with the fewest items so far while any is below its
    // minimum, then the one least precisely measured while any misses its target; ties go to the
    // larger standard error, then to track order.
    std::optional<size_t> chosen;
    double chosen_se = 0.0;
    bool chosen_short = false;
    for (size_t a = 0; a < m_areas.size(); ++a) {
        if (!area_open(a)) {
            continue;
        }
        const auto count = m_areas[a].count();
        const double se = m_areas[a].estimate().se;
        const bool is_short = count < m_rules.min_per_area;
        if (!is_short && se <= m_rules.area_se_target) {
            continue;
        }
        const bool better =
            !chosen || (is_short && !chosen_short) ||
            (is_short == chosen_short && (is_short ? (count < m_areas[*chosen].count() ||
                                                      (count == m_areas[*chosen].count() && se > chosen_se))
                                                   : se > chosen_se));
        if (better) {
            chosen = a;
            chosen_se = se;
            chosen_short = is_short;
        }
    }
    // Every area on target but the overall estimate is not: the best item anywhere, at the
    // overall estimate.
    const double at =
        chosen && !m_rules.select_at_overall ? m_areas[*chosen].estimate().theta : m_overall.estimate().theta;
    auto item = pick(chosen ? m_by_area[*chosen] : m_all, at);
    if (!item) {
        m_stop = StopReason::bank_exhausted;
    }
    return item;
}

void AdaptiveTest::record(size_t item, double score)
{
    if (item >= m_seen.size() || m_seen[item]) {
        throw std::logic_error("adaptive test: item recorded twice or not in the bank");
    }
    m_seen[item] = true;
    const auto& entry = m_bank.items[item];
    m_left_in_area[entry.area] -= 1;
    if (m_curves != nullptr) {
        m_areas[entry.area].add((*m_curves)[item], score);
        m_overall.add((*m_curves)[item], score);
    } else {
        m_areas[entry.area].add(entry.parameters.a, entry.parameters.b, score);
        m_overall.add(entry.parameters.a, entry.parameters.b, score);
    }
    m_given.push_back(item);
}

} // namespace cloudtrack::host::assessment
