#include "report/bank_text.hpp"

#include "assessment/cut_points.hpp"
#include "assessment/form.hpp"
#include "content/cue_stats.hpp"
#include "report/format.hpp"
#include "util/table.hpp"
#include "util/term.hpp"

#include <algorithm>
#include <cmath>

namespace cloudtrack::host::report {

namespace {

using namespace content; // the statistics and their bars, all from content/cue_stats.hpp

std::string share(size_t part, size_t whole)
{
    return std::to_string(part) + " of " + std::to_string(whole) + " (" +
           std::to_string(static_cast<int>(std::lround(percent(part, whole)))) + "%)";
}

std::string pct(double fraction)
{
    return std::to_string(static_cast<int>(std::lround(fraction * 100.0))) + "%";
}

// "ok" within the bar, "WARN" past it (a lint warning), "too few" items to judge.
std::string verdict(bool enough, bool within)
{
    return !enough ? "too few" : within ? "ok" : "WARN";
}

void print_counts(std::ostream& out, const Track& track)
{
    util::Table table({"AREA", "ITEMS", "BETA", "EASY", "MEDIUM", "HARD", "SC", "MC", "TF", "NUM", "ORD"});
    for (const auto& c : area_counts(track)) {
        std::vector<std::string> row = {c.area.empty() ? "all" : c.area, std::to_string(c.active),
                                        std::to_string(c.beta)};
        for (const auto n : c.by_difficulty) {
            row.push_back(std::to_string(n));
        }
        for (const auto n : c.by_type) {
            row.push_back(std::to_string(n));
        }
        table.add(std::move(row));
    }
    table.print(out);
    out << "  ITEMS: active; EASY/MEDIUM/HARD and SC/MC/TF/NUM/ORD (single choice, multiple choice,\n"
           "  true/false, numeric, ordering) count active items\n";
}

void print_cues(std::ostream& out, const Track& track)
{
    const auto s = cue_stats(track);
    const bool sc = s.single_choice >= k_min_single_choice;
    util::Table table({"CUE", "FIGURE", "BAR", "CHECK"});
    table.add({"key is the longest option", share(s.key_longest, s.single_choice),
               "at most " + pct(k_key_longest_max),
               verdict(sc, percent(s.key_longest, s.single_choice) <= k_key_longest_max * 100.0)});
    table.add({"key is one of the two longest", share(s.key_top_two, s.single_choice),
               "at most " + pct(k_key_top_two_max),
               verdict(sc, percent(s.key_top_two, s.single_choice) <= k_key_top_two_max * 100.0)});
    std::string positions;
    size_t most = 0;
    for (const auto n : s.key_positions) {
        positions += (positions.empty() ? "" : "/") + std::to_string(n);
        most = std::max(most, n);
    }
    table.add({"key position (option 1/2/...)", positions.empty() ? "-" : positions,
               "at most " + pct(k_key_position_max) + " each",
               verdict(s.single_choice >= k_min_position_items,
                       percent(most, s.single_choice) <= k_key_position_max * 100.0)});
    const auto true_share = percent(s.true_keys, s.true_false);
    table.add({"True is the key (true/false)", share(s.true_keys, s.true_false),
               pct(k_true_min) + " to " + pct(k_true_max),
               verdict(s.true_false >= k_min_true_false,
                       true_share >= k_true_min * 100.0 && true_share <= k_true_max * 100.0)});
    std::string counts;
    size_t top = 0;
    for (const auto& [keys, items] : s.key_counts) {
        counts += (counts.empty() ? "" : ", ") + std::to_string(items) + " with " + std::to_string(keys);
        top = std::max(top, items);
    }
    table.add({"keys per multiple-choice item", counts.empty() ? "-" : counts,
               "at most " + pct(k_key_count_max) + " one count",
               verdict(s.multiple_choice >= k_min_multiple_choice,
                       percent(top, s.multiple_choice) <= k_key_count_max * 100.0)});
    const auto gap = percent(s.distractors_sweeping, s.distractors) - percent(s.keys_sweeping, s.keys);
    table.add({"sweeping words in keys, distractors",
               share(s.keys_sweeping, s.keys) + ", " + share(s.distractors_sweeping, s.distractors),
               "at most " + std::to_string(static_cast<int>(k_sweeping_gap_max_points)) + " points apart",
               verdict(s.choice_items >= k_min_single_choice && s.keys > 0 && s.distractors > 0,
                       gap <= k_sweeping_gap_max_points)});
    table.add({"key is the only multi-part option", share(s.multi_part_keys.size(), s.single_choice),
               "at most " + pct(k_multi_part_max),
               verdict(sc, percent(s.multi_part_keys.size(), s.single_choice) <= k_multi_part_max * 100.0)});
    std::vector<std::string> ordering;
    for (const auto index : s.ordering_in_id_order) {
        ordering.push_back(track.items[index].id);
    }
    table.add({"ordering items in key-id order", ordering.empty() ? "0" : util::join(ordering), "none",
               ordering.empty() ? "ok" : "WARN"});
    table.print(out);
    out << "  every item counts, beta included; 'too few': too few items to judge, no warning\n";
}

void print_cut_points(std::ostream& out, const Track& track)
{
    std::vector<std::string> headers = {"AREA", "FORM", "MEAN a", "MEAN b"};
    for (size_t i = 1; i < track.levels.size(); ++i) {
        headers.push_back(track.levels[i].name + " (θ " + fixed(track.levels[i].min_theta.value_or(0.0), 1) +
                          ")");
    }
    util::Table table(headers);
    for (const auto& form : assessment::cut_points(track, assessment::FormRequest{}.per_area)) {
        std::vector<std::string> row = {form.area.empty() ? "all" : form.area,
                                        util::count_of(form.items, "item"), fixed(form.a, 2),
                                        fixed(form.b, 2)};
        for (const auto& cut : form.cuts) {
            row.push_back(cut.right ? std::to_string(*cut.right) + " of " + std::to_string(form.items)
                                    : "out of reach");
        }
        table.add(std::move(row));
    }
    table.print(out);
    out << "  the fewest right answers whose EAP θ reaches each level, on a standard form of typical\n"
           "  items (each with the mean a and b of the active items it is drawn from)\n";
}

} // namespace

void print_bank_stats(std::ostream& out, const Track& track)
{
    out << "Bank statistics: " << track.info.id << ' ' << track.info.version << '\n' << "\nItems per area\n";
    print_counts(out, track);
    out << "\nCues (bars: docs/writing-a-track.md, \"Cues and bank statistics\")\n";
    print_cues(out, track);
    out << "\nRight answers to reach each level\n";
    print_cut_points(out, track);
}

} // namespace cloudtrack::host::report
