// The adaptive test's engine: which item comes next and when to stop. The next item is the most
// informative unseen one at the current estimate, with every area first brought to a minimum
// count (content balancing) and the pick made at random among the k best (randomesque exposure
// control, so the bank's best items are not shown to everyone). It stops when the standard error
// reaches its target overall and in every area, between a minimum and a maximum length, and says
// why. The sequence is a pure function of the bank, the rules, the seed and the scores recorded.
#pragma once

#include "assessment/ability.hpp"
#include "assessment/item_bank.hpp"

#include <cstdint>
#include <optional>
#include <random>
#include <vector>

namespace cloudtrack::host::assessment {

struct AdaptiveRules {
    size_t min_items = 0;        // never stop before this many
    size_t max_items = 30;       // always stop here
    size_t min_per_area = 2;     // every area gets this many first (fewer if it has fewer)
    double se_target = 0.3;      // the overall standard error to reach
    double area_se_target = 0.5; // the standard error to reach in every area
    size_t top_k = 3;            // pick at random among this many most informative items
    // Rank the balanced area's items at the overall estimate instead of the area's own: for a
    // test that reports one θ (the screener), where an area's estimate after one item is mostly
    // prior and would make the first item of every area a blind pick.
    bool select_at_overall = false;
};

enum class StopReason { none, se_target, max_length, bank_exhausted };
const char* to_string(StopReason reason);

class AdaptiveTest {
public:
    // `curves`, when given, holds item_curve() of every bank item in bank order: the simulator
    // passes them so each update is additions only. Bank and curves must outlive the test.
    AdaptiveTest(const ItemBank& bank, const AdaptiveRules& rules, std::uint64_t seed,
                 const std::vector<ItemCurve>* curves = nullptr);

    // The bank index of the next item, or nullopt once a stopping rule holds (then see
    // stop_reason()). Costs one pass over the candidate items: O(bank).
    std::optional<size_t> next();
    // The score (0..1) of an item given; each item at most once.
    void record(size_t item, double score);
    // Items the person met in earlier attempts: picked only where no unseen candidate is left,
    // so a retake is not the same test again.
    void seen_before(const std::vector<bool>& flags) { m_seen_before = flags; }

    [[nodiscard]] StopReason stop_reason() const { return m_stop; }
    [[nodiscard]] Estimate overall() const { return m_overall.estimate(); }
    [[nodiscard]] Estimate area(size_t index) const { return m_areas[index].estimate(); }
    [[nodiscard]] size_t count() const { return m_given.size(); }
    [[nodiscard]] size_t count_in_area(size_t index) const { return m_areas[index].count(); }
    [[nodiscard]] const std::vector<size_t>& given() const { return m_given; }

private:
    [[nodiscard]] bool area_open(size_t area) const; // has unseen items
    [[nodiscard]] bool targets_met() const;
    std::optional<size_t> pick(const std::vector<size_t>& candidates, double theta);

    const ItemBank& m_bank;
    AdaptiveRules m_rules;
    const std::vector<ItemCurve>* m_curves;
    std::mt19937_64 m_rng;
    std::vector<std::vector<size_t>> m_by_area; // bank indices per area
    std::vector<size_t> m_all;                  // every bank index
    std::vector<size_t> m_left_in_area;
    std::vector<bool> m_seen;
    std::vector<bool> m_seen_before; // empty: nothing seen before
    std::vector<Posterior> m_areas;
    Posterior m_overall;
    std::vector<size_t> m_given;
    StopReason m_stop = StopReason::none;
};

} // namespace cloudtrack::host::assessment
