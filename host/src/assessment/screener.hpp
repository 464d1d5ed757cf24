// The screener: which specialization, in one sitting. Every track gets a short adaptive test of
// its own (its own bank, its own seed, its own θ scale; nothing is pooled across tracks), and the
// tracks are ranked by their overall θ. How sure the ranking is comes from each track's posterior
// taken as normal: the probability that each track is the strongest, and which tracks are told
// apart from the top by the rule `progress` uses for a change (a difference beyond 1.96 standard
// errors). A sitting is one function over a responder, so the terminal, an answers file and the
// simulator run the same code. docs/scoring.md section 12 explains it with a worked example.
#pragma once

#include "assessment/adaptive.hpp"
#include "assessment/item_bank.hpp"
#include "content/model.hpp"
#include "util/expected.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace cloudtrack::host::assessment {

inline constexpr const char* k_screen_schema = "cloudtrack.screen/1";
inline constexpr size_t k_default_items_per_track = 6;
// A screen is meant to be short; past this a full assessment is the better tool.
inline constexpr size_t k_max_items_per_track = 40;

// One track of the sitting, ready to test. `track` must outlive the plan.
struct ScreenTrack {
    const content::Track* track = nullptr;
    ItemBank bank;
    std::vector<ItemCurve> curves; // of the bank's items: each update is additions only
};

struct ScreenPlan {
    std::vector<ScreenTrack> tracks; // in sitting order
    AdaptiveRules rules;
};

// The rules of every track's test: exactly `items_per_track` scored items (no standard-error stop,
// so every track gets the same budget and the ranking compares like with like), the first spread
// one per area while there are areas left, each picked at the track's overall estimate.
AdaptiveRules screen_rules(size_t items_per_track);

// A plan over `tracks` (in sitting order). Fails naming the first track with fewer scored items
// than the budget: its estimate would rest on fewer answers than the others'.
util::Expected<ScreenPlan> plan_screen(const std::vector<const content::Track*>& tracks,
                                       size_t items_per_track);

// The seed of one track's test in a sitting seeded with `seed`: keyed by the track id, so a
// track's items do not change when another track is installed or left out.
std::uint64_t track_seed(std::uint64_t seed, const std::string& track_id);

// A track's standing on its own scale, as the ranking reads it.
struct Standing {
    double theta = 0.0;
    double se = 1.0;
};

// P(track i has the largest true θ), each posterior taken as an independent N(θ_i, se_i²):
// ∫ φ_i(x) Π_{j≠i} Φ_j(x) dx by Simpson's rule over ±8 standard errors of every track. Sums to 1.
std::vector<double> probability_strongest(const std::vector<Standing>& standings);

// Whether `other` is told apart from `top`: θ_top − θ_other > 1.96 √(se_top² + se_other²), the
// 95% bound for the difference of two independent estimates.
bool separable(const Standing& top, const Standing& other);

// Indexes of `standings` by θ, largest first; ties keep their order.
std::vector<size_t> rank(const std::vector<Standing>& standings);

// One question of the sitting: bank item `item` of plan track `track`, the `position`-th (0-based)
// of that track's test.
struct Ask {
    size_t track = 0;
    size_t item = 0;
    size_t position = 0;
};
// The score in [0, 1] of the answer to `ask`, or nullopt when the person stopped the sitting.
using Responder = std::function<std::optional<double>(const Ask&)>;

struct TrackScreen {
    std::string id;
    std::string name;
    std::string version;
    std::uint64_t seed = 0;
    std::vector<std::string> items; // asked, in order
    std::vector<double> scores;     // of each item asked
    Estimate overall;
    std::string level; // the track's level name at the estimate
    StopReason stop = StopReason::none;
};

struct Ranked {
    size_t track = 0;         // index into Screen::tracks
    double p_strongest = 0.0; // probability_strongest()
    bool separable = false;   // told apart from the top (false for the top itself)
};

struct Screen {
    std::uint64_t seed = 0;
    size_t items_per_track = 0;
    bool complete = false;           // false when the person stopped before the end
    std::vector<TrackScreen> tracks; // in sitting order
    std::vector<Ranked> ranking;     // strongest first; empty unless complete

    [[nodiscard]] size_t items_asked() const;
    // The top track and every track within noise of it, in rank order: the full assessments
    // worth taking next.
    [[nodiscard]] std::vector<size_t> contenders() const;
    // Every other track is told apart from the top.
    [[nodiscard]] bool clear() const { return contenders().size() == 1; }
};

// Runs the sitting: each track's test in plan order, one item at a time through `respond`.
Screen run_screen(const ScreenPlan& plan, std::uint64_t seed, const Responder& respond);

// The cloudtrack.screen/1 document (docs/assessment.md, "Screening").
nlohmann::json to_json(const Screen& screen);

} // namespace cloudtrack::host::assessment
