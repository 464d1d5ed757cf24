#include "report/screen_text.hpp"

#include "report/format.hpp"
#include "util/table.hpp"
#include "util/term.hpp"

#include <algorithm>
#include <string>
#include <vector>

namespace cloudtrack::host::report {

namespace {

constexpr size_t k_width = 80;

std::string percent(double share, int digits)
{
    return fixed(100.0 * share, digits) + "%";
}

std::string name_of(const assessment::TrackScreen& track)
{
    return util::visible(track.name, false);
}

} // namespace

void print_screen(std::ostream& out, const assessment::Screen& screen, bool color)
{
    const auto tracks = screen.tracks.size();
    if (!screen.complete) {
        out << "Screen stopped after " << util::count_of(screen.items_asked(), "item") << " in "
            << util::count_of(tracks, "track") << ": no ranking.\n";
        return;
    }
    out << util::paint("Screen", "1", color) << ": " << util::count_of(tracks, "track") << ", "
        << screen.items_per_track << " items each (" << screen.items_asked() << " in all), seed "
        << screen.seed
        << ".\nEach track is measured on its own scale; theta is comparable between tracks only as far as\n"
           "their items' difficulties are.\n\n";
    util::Table table({"#", "track", "theta", "SE", "level", "P(strongest)", "against the top"});
    for (size_t r = 0; r < screen.ranking.size(); ++r) {
        const auto& entry = screen.ranking[r];
        const auto& track = screen.tracks[entry.track];
        table.add({std::to_string(r + 1), name_of(track), fixed(track.overall.theta, 2),
                   fixed(track.overall.se, 2), util::visible(track.level, false),
                   percent(entry.p_strongest, 0),
                   r == 0            ? "top"
                   : entry.separable ? "separable"
                                     : "within noise"});
    }
    table.print(out);

    const auto& top = screen.tracks[screen.ranking.front().track];
    std::string verdict = "Recommendation: " + name_of(top) + " (probability " +
                          percent(screen.ranking.front().p_strongest, 0) + " that it is your strongest). ";
    const auto contenders = screen.contenders();
    if (contenders.size() == 1) {
        verdict += tracks == 1 ? "It is the only track screened."
                               : "Every other track is separable from it: more than 1.96 standard errors "
                                 "of the difference below it.";
    } else {
        std::vector<std::string> close;
        for (size_t i = 1; i < contenders.size(); ++i) {
            close.push_back(name_of(screen.tracks[contenders[i]]));
        }
        verdict += "Within noise of it: " + util::join(close) + ". " +
                   std::to_string(screen.items_per_track) +
                   " items per track cannot tell these apart; a full assessment of each can.";
    }
    out << '\n' << util::wrap(verdict, k_width) << '\n';
}

void print_screen_simulation(std::ostream& out, const assessment::ScreenSimulationReport& report)
{
    const auto& o = report.options;
    out << "Screener simulation: " << o.people << " people, " << report.track_ids.size() << " tracks, "
        << o.items_per_track << " items per track, seed " << o.seed << ".\n"
        << "True theta per track ~ N(0, 1), correlation " << util::number_text(o.correlation)
        << (o.lead != 0.0 ? ", the first track +" + util::number_text(o.lead) : std::string()) << ".\n"
        << (o.bank == assessment::BankKind::synthetic
                ? "Item banks: SYNTHETIC calibrated banks (a ~ U(0.8, 2.0), b spread over the levels), not "
                  "the tracks' items.\n"
                : "Item banks: the tracks' items as they are (difficulty labels or the author's a and b).\n")
        << '\n';
    util::Table figures({"figure", "value"});
    figures.add({"true strongest track ranked first", percent(report.top_first, 1)});
    figures.add({"true strongest track in the first two", percent(report.top_in_two, 1)});
    figures.add({"mean stated P(strongest) of the first", percent(report.mean_p_top, 1)});
    figures.add(
        {"'separable' claims per person",
         fixed(static_cast<double>(report.claims) / static_cast<double>(std::max<size_t>(o.people, 1)), 2)});
    figures.add({"'separable' claims that were right", percent(report.claims_right, 1)});
    figures.add({"people told the top is clear", percent(report.clear, 1)});
    figures.add({"... whose top was their true strongest", percent(report.clear_right, 1)});
    figures.add(
        {"items per sitting, mean / p90", fixed(report.mean_items, 1) + " / " + fixed(report.p90_items, 0)});
    figures.print(out);
    out << '\n';
    util::Table tracks({"track", "truly strongest", "ranked first"});
    for (size_t t = 0; t < report.track_ids.size(); ++t) {
        tracks.add({util::visible(report.track_ids[t], false), percent(report.true_top[t], 1),
                    percent(report.ranked_first[t], 1)});
    }
    tracks.print(out);
}

} // namespace cloudtrack::host::report
