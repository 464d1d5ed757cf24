#include "content/cue_stats.hpp"

#include <algorithm>
#include <cmath>

namespace cloudtrack::content {

namespace {

bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

// Characters as a reader sees them: UTF-8 code points, whitespace runs counted once, ends trimmed.
size_t visible_length(std::string_view text)
{
    size_t count = 0;
    bool space = false;
    for (const char c : text) {
        if (is_space(c)) {
            space = count > 0;
            continue;
        }
        if ((static_cast<unsigned char>(c) & 0xC0U) == 0x80U) {
            continue; // a continuation byte, not a new character
        }
        count += space ? 2 : 1;
        space = false;
    }
    return count;
}

// Lowercase ASCII words (letters and digits); everything else separates.
std::vector<std::string> words(std::string_view text)
{
    std::vector<std::string> out;
    std::string word;
    for (const char c : text) {
        const bool upper = c >= 'A' && c <= 'Z';
        if (upper || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
            word += upper ? static_cast<char>(c - 'A' + 'a') : c;
        } else if (!word.empty()) {
            out.push_back(std::move(word));
            word.clear();
        }
    }
    if (!word.empty()) {
        out.push_back(std::move(word));
    }
    return out;
}

const Option* key_of(const Item& item)
{
    const auto it =
        std::find_if(item.options.begin(), item.options.end(), [](const auto& o) { return o.correct; });
    return it == item.options.end() ? nullptr : &*it;
}

// A single-choice key with at least k_multi_part_min parts and more than every distractor.
bool only_multi_part_key(const Item& item)
{
    const auto* key = key_of(item);
    if (key == nullptr) {
        return false;
    }
    const auto parts = part_marks(key->text);
    return parts >= k_multi_part_min &&
           std::all_of(item.options.begin(), item.options.end(),
                       [&](const auto& o) { return o.correct || part_marks(o.text) < parts; });
}

std::string share_text(size_t part, size_t whole)
{
    return std::to_string(part) + " of " + std::to_string(whole) + " (" +
           std::to_string(static_cast<int>(std::lround(percent(part, whole)))) + "%)";
}

std::string bar_text(double share)
{
    return std::to_string(static_cast<int>(std::lround(share * 100.0))) + "%";
}

std::string id_list(const std::vector<std::string>& ids, size_t limit = 8)
{
    std::string out;
    for (size_t i = 0; i < ids.size() && i < limit; ++i) {
        out += (i == 0 ? "" : ", ") + ids[i];
    }
    if (ids.size() > limit) {
        out += " and " + std::to_string(ids.size() - limit) + " more";
    }
    return out;
}

void count_sweeping(const Item& item, CueStats& s)
{
    ++s.choice_items;
    for (const auto& option : item.options) {
        const bool sweeping = has_sweeping_word(option.text);
        if (option.correct) {
            ++s.keys;
            s.keys_sweeping += sweeping ? 1U : 0U;
        } else {
            ++s.distractors;
            s.distractors_sweeping += sweeping ? 1U : 0U;
        }
    }
}

void count_single_choice(const Item& item, CueStats& s)
{
    ++s.single_choice;
    const auto rank = key_length_rank(item);
    s.key_longest += rank == 1 ? 1U : 0U;
    s.key_top_two += rank <= 2 ? 1U : 0U;
    const auto* key = key_of(item);
    const auto position = static_cast<size_t>(key - item.options.data());
    // One count per position any item has, so an empty position shows as 0.
    if (s.key_positions.size() < item.options.size()) {
        s.key_positions.resize(item.options.size());
    }
    ++s.key_positions[position];
    if (only_multi_part_key(item)) {
        s.multi_part_keys.push_back(item.id);
    }
}

void single_choice_warnings(const CueStats& s, std::vector<CueWarning>& out)
{
    if (s.single_choice < k_min_single_choice) {
        return;
    }
    if (percent(s.key_longest, s.single_choice) > k_key_longest_max * 100.0) {
        out.push_back({"/items", "the key is the longest option in " +
                                     share_text(s.key_longest, s.single_choice) +
                                     " single-choice items (at most " + bar_text(k_key_longest_max) +
                                     "): lengthen distractors or shorten keys"});
    }
    if (percent(s.key_top_two, s.single_choice) > k_key_top_two_max * 100.0) {
        out.push_back({"/items", "the key is one of the two longest options in " +
                                     share_text(s.key_top_two, s.single_choice) +
                                     " single-choice items (at most " + bar_text(k_key_top_two_max) + ")"});
    }
    if (percent(s.multi_part_keys.size(), s.single_choice) > k_multi_part_max * 100.0) {
        out.push_back({"/items", "the key is the only multi-part option in " +
                                     share_text(s.multi_part_keys.size(), s.single_choice) +
                                     " single-choice items (at most " + bar_text(k_multi_part_max) +
                                     "): " + id_list(s.multi_part_keys)});
    }
}

void balance_warnings(const CueStats& s, std::vector<CueWarning>& out)
{
    if (s.single_choice >= k_min_position_items) {
        for (size_t i = 0; i < s.key_positions.size(); ++i) {
            if (percent(s.key_positions[i], s.single_choice) > k_key_position_max * 100.0) {
                out.push_back({"/items", "option " + std::to_string(i + 1) + " is the key in " +
                                             share_text(s.key_positions[i], s.single_choice) +
                                             " single-choice items (at most " + bar_text(k_key_position_max) +
                                             " in any one position)"});
            }
        }
    }
    if (s.true_false >= k_min_true_false) {
        const auto share = percent(s.true_keys, s.true_false);
        if (share < k_true_min * 100.0 || share > k_true_max * 100.0) {
            out.push_back({"/items", "True is the key in " + share_text(s.true_keys, s.true_false) +
                                         " true/false items (between " + bar_text(k_true_min) + " and " +
                                         bar_text(k_true_max) + ")"});
        }
    }
    if (s.multiple_choice >= k_min_multiple_choice) {
        for (const auto& [keys, items] : s.key_counts) {
            if (percent(items, s.multiple_choice) > k_key_count_max * 100.0) {
                out.push_back({"/items", share_text(items, s.multiple_choice) +
                                             " multiple-choice items have exactly " + std::to_string(keys) +
                                             " correct options (at most " + bar_text(k_key_count_max) +
                                             " with any one count)"});
            }
        }
    }
    if (s.choice_items >= k_min_single_choice && s.keys > 0 && s.distractors > 0) {
        const auto gap = percent(s.distractors_sweeping, s.distractors) - percent(s.keys_sweeping, s.keys);
        if (gap > k_sweeping_gap_max_points) {
            out.push_back({"/items", "sweeping words (always, never, all, every, only, none) are in " +
                                         share_text(s.distractors_sweeping, s.distractors) +
                                         " distractors but " + share_text(s.keys_sweeping, s.keys) +
                                         " keys (at most " +
                                         std::to_string(static_cast<int>(k_sweeping_gap_max_points)) +
                                         " points apart)"});
        }
    }
}

} // namespace

size_t key_length_rank(const Item& item)
{
    const auto* key = key_of(item);
    if (key == nullptr) {
        return 0;
    }
    const auto length = visible_length(key->text);
    return 1 +
           static_cast<size_t>(std::count_if(item.options.begin(), item.options.end(),
                                             [&](const auto& o) { return visible_length(o.text) > length; }));
}

size_t part_marks(std::string_view text)
{
    auto count = static_cast<size_t>(
        std::count_if(text.begin(), text.end(), [](char c) { return c == ',' || c == ';'; }));
    for (const auto& word : words(text)) {
        count += word == "and" || word == "then" ? 1U : 0U;
    }
    return count;
}

bool has_sweeping_word(std::string_view text)
{
    const auto list = words(text);
    return std::any_of(list.begin(), list.end(), [](const auto& word) {
        return std::find(k_sweeping_words.begin(), k_sweeping_words.end(), word) != k_sweeping_words.end();
    });
}

bool ids_sort_into_key(const Item& item)
{
    if (item.type != ItemType::ordering || item.options.size() < 2) {
        return false;
    }
    return std::is_sorted(item.options.begin(), item.options.end(),
                          [](const auto& a, const auto& b) { return a.id < b.id; });
}

double percent(size_t part, size_t whole)
{
    return whole == 0 ? 0.0 : 100.0 * static_cast<double>(part) / static_cast<double>(whole);
}

CueStats cue_stats(const Track& track)
{
    CueStats s;
    for (size_t i = 0; i < track.items.size(); ++i) {
        const auto& item = track.items[i];
        switch (item.type) {
        case ItemType::single_choice:
            count_single_choice(item, s);
            count_sweeping(item, s);
            break;
        case ItemType::multiple_choice:
            ++s.multiple_choice;
            ++s.key_counts[static_cast<size_t>(std::count_if(item.options.begin(), item.options.end(),
                                                             [](const auto& o) { return o.correct; }))];
            count_sweeping(item, s);
            break;
        case ItemType::true_false:
            ++s.true_false;
            s.true_keys += key_of(item) != nullptr && key_of(item)->id == "true" ? 1U : 0U;
            break;
        case ItemType::ordering:
            if (ids_sort_into_key(item)) {
                s.ordering_in_id_order.push_back(i);
            }
            break;
        case ItemType::numeric: break;
        }
    }
    return s;
}

std::vector<CueWarning> cue_warnings(const Track& track)
{
    const auto s = cue_stats(track);
    std::vector<CueWarning> out;
    single_choice_warnings(s, out);
    balance_warnings(s, out);
    for (const auto index : s.ordering_in_id_order) {
        const auto& item = track.items[index];
        std::vector<std::string> ids;
        for (const auto& option : item.options) {
            ids.push_back(option.id);
        }
        out.push_back({"/items/" + std::to_string(index) + "/options",
                       "item '" + item.id + "': the option ids " + id_list(ids) +
                           " sort into the key order, so sorting them answers the item; use ids that do not"
                           " follow the order"});
    }
    return out;
}

std::vector<AreaCounts> area_counts(const Track& track)
{
    std::vector<AreaCounts> out;
    for (const auto& area : track.areas) {
        out.push_back({area.id, 0, 0, {}, {}});
    }
    out.push_back({});
    for (const auto& item : track.items) {
        std::vector<AreaCounts*> into = {&out.back()};
        if (const auto index = track.area_index(item.area); index < track.areas.size()) {
            into.push_back(&out[index]);
        }
        for (auto* counts : into) {
            if (item.beta) {
                ++counts->beta;
                continue;
            }
            ++counts->active;
            ++counts->by_difficulty.at(item.difficulty == "easy"     ? 0U
                                       : item.difficulty == "medium" ? 1U
                                                                     : 2U);
            ++counts->by_type.at(static_cast<size_t>(item.type));
        }
    }
    return out;
}

} // namespace cloudtrack::content
