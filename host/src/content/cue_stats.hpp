// Cues in a question bank: patterns a test-wise guesser can score on without knowing the content
// (the key is the longest option, sits in one position, is True, is the only option that bundles
// several actions, avoids sweeping words; ordering items whose ids sort into the key). The figures
// behind `cloudtrack plugin validate --stats`, and the warnings the author's lint raises from them.
// docs/writing-a-track.md ("Cues and bank statistics") gives each bar and why.
//
// Every item counts, beta included: a beta item is shown to people like any other.
#pragma once

#include "content/model.hpp"

#include <array>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace cloudtrack::content {

// The key is the longest option in at most this share of single-choice items (chance with four
// options: 25%), and one of the two longest in at most this share (chance: 50%).
inline constexpr double k_key_longest_max = 0.30;
inline constexpr double k_key_top_two_max = 0.60;
// Shares over fewer single-choice items than this are noise, not a pattern: no warning.
inline constexpr size_t k_min_single_choice = 10;
// No option position holds more than this share of single-choice keys, once there are this many.
inline constexpr double k_key_position_max = 0.40;
inline constexpr size_t k_min_position_items = 12;
// True is the key in this range of true/false items, once there are this many.
inline constexpr double k_true_min = 0.40;
inline constexpr double k_true_max = 0.60;
inline constexpr size_t k_min_true_false = 5;
// No one number of correct options holds more than this share of multiple-choice items.
inline constexpr double k_key_count_max = 0.60;
inline constexpr size_t k_min_multiple_choice = 5;
// Sweeping words may appear in more distractors than keys by at most this many percentage points
// (over single- and multiple-choice options, once there are k_min_single_choice such items).
inline constexpr double k_sweeping_gap_max_points = 10.0;
// A key is "the only multi-part option" when it has at least this many parts and more than every
// distractor; at most this share of single-choice items may have one.
inline constexpr size_t k_multi_part_min = 2;
inline constexpr double k_multi_part_max = 0.15;

// Whole words, any case.
inline constexpr std::array<std::string_view, 6> k_sweeping_words = {"always", "never", "all",
                                                                     "every",  "only",  "none"};

// 1 + the number of options strictly longer (in characters) than the key; single choice only.
size_t key_length_rank(const Item& item);
// Commas, semicolons and the words "and" and "then": a rough count of the actions an option bundles.
size_t part_marks(std::string_view text);
bool has_sweeping_word(std::string_view text);
// An ordering item whose option ids, sorted, are the key order (a, b, c, d listed in that order).
bool ids_sort_into_key(const Item& item);

struct CueStats {
    size_t single_choice = 0;
    size_t key_longest = 0;            // key rank 1
    size_t key_top_two = 0;            // key rank 1 or 2
    std::vector<size_t> key_positions; // [i]: single-choice items whose key is option i + 1 (as authored)
    size_t true_false = 0;
    size_t true_keys = 0;
    size_t multiple_choice = 0;
    std::map<size_t, size_t> key_counts; // correct options -> multiple-choice items
    size_t choice_items = 0;             // single + multiple choice, for the sweeping words
    size_t keys = 0;
    size_t keys_sweeping = 0;
    size_t distractors = 0;
    size_t distractors_sweeping = 0;
    std::vector<std::string> multi_part_keys; // item ids
    std::vector<size_t> ordering_in_id_order; // item indexes in the track
};

CueStats cue_stats(const Track& track);

// 100 * part / whole, 0 for an empty whole.
double percent(size_t part, size_t whole);

struct CueWarning {
    std::string pointer; // JSON pointer into the track document
    std::string message;
};

// One warning per bar the bank misses (and one per ordering item whose ids give away its key).
std::vector<CueWarning> cue_warnings(const Track& track);

struct AreaCounts {
    std::string area; // "" for the whole track
    size_t active = 0;
    size_t beta = 0;
    std::array<size_t, 3> by_difficulty{}; // easy, medium, hard; active items
    std::array<size_t, 5> by_type{};       // in ItemType order; active items
};

// One entry per area in track order, then the whole track.
std::vector<AreaCounts> area_counts(const Track& track);

} // namespace cloudtrack::content
