// cloudtrack screen [TRACK...]: which specialization, in one sitting (assessment/screener.hpp).
// A screen is not kept in the store (docs/assessment.md, "Screening", says why).
#include "assessment/answers_file.hpp"
#include "assessment/scoring.hpp"
#include "assessment/screener.hpp"
#include "cli/commands.hpp"
#include "cli/interactive.hpp"
#include "cli/measure_input.hpp"
#include "cli/number_option.hpp"
#include "report/screen_text.hpp"
#include "util/error.hpp"
#include "util/file.hpp"
#include "util/json_read.hpp"
#include "util/term.hpp"

#include <algorithm>
#include <iostream>
#include <limits>
#include <map>
#include <random>

#include <unistd.h>

namespace cloudtrack::host::cli {

namespace po = boost::program_options;
using nlohmann::json;

namespace {

using TrackAnswers = std::map<std::string, std::map<std::string, json>>; // track id -> item id -> response

// Every item of the track, beta too: a file may answer more than a screen asks, as for assess.
assessment::Form answerable(const content::Track& track)
{
    assessment::Form form;
    form.mode = assessment::FormMode::full;
    for (const auto& item : track.items) {
        form.items.push_back(item.id);
    }
    return form;
}

// {"<track id>": <an assess answers file>}: each track's part is checked by assess's own parser,
// whole, before anything is asked.
TrackAnswers read_answers(const std::string& file, const std::vector<const content::Track*>& tracks)
{
    const auto document = read_json_file(file, util::file_kind::answers);
    if (!document.is_object()) {
        throw util::Error(file + ": expected a JSON object of track id -> answers",
                          util::ExitCode::bad_input);
    }
    TrackAnswers answers;
    for (const auto& entry : document.items()) {
        // Named, not a structured binding: clang (the fuzz build) cannot capture one in a lambda.
        const auto& id = entry.key();
        const auto& part = entry.value();
        const auto at = file + ": /" + util::pointer_token(id.substr(0, 64));
        const auto track = std::find_if(tracks.begin(), tracks.end(),
                                        [&](const content::Track* t) { return t->info.id == id; });
        if (track == tracks.end()) {
            throw util::Error(at + ": " + util::excerpt(id) + " is not a track of this screen",
                              util::ExitCode::bad_input);
        }
        auto parsed = assessment::parse_answers(part.dump(), **track, answerable(**track));
        if (!parsed.problems.empty()) {
            const auto& first = parsed.problems.front();
            const auto more = util::and_more(1, parsed.problems.size());
            throw util::Error(at + (first.starts_with('/') ? "" : ": ") + first +
                                  (more.empty() ? "" : " (" + more + ")"),
                              util::ExitCode::bad_input);
        }
        answers[id] = std::move(parsed.answers.responses);
    }
    return answers;
}

// An item the file does not answer scores 0, as in a scripted adaptive assessment.
assessment::Screen scripted(const assessment::ScreenPlan& plan, std::uint64_t seed,
                            const TrackAnswers& answers)
{
    return assessment::run_screen(plan, seed, [&](const assessment::Ask& ask) -> std::optional<double> {
        const auto& planned = plan.tracks[ask.track];
        const auto& id = planned.bank.items[ask.item].id;
        const auto track = answers.find(planned.track->info.id);
        if (track == answers.end()) {
            return 0.0;
        }
        const auto response = track->second.find(id);
        return response == track->second.end()
                   ? 0.0
                   : assessment::score(*planned.track->find_item(id), response->second);
    });
}

// The assess screen, with the track and its place in the sitting above each item.
assessment::Screen interactive(Context& context, const assessment::ScreenPlan& plan, std::uint64_t seed)
{
    auto& out = context.out();
    const bool color = context.color();
    const bool clear = color && ::isatty(0) == 1;
    const auto count = plan.tracks.size();
    out << "Screen of " << util::count_of(count, "track") << ", " << plan.rules.max_items
        << " items each (seed " << seed << "): each track is a short adaptive test on its own scale.\n"
        << "There is no going back. A screen is not saved: 'q' quits and loses its answers.\n";
    return assessment::run_screen(plan, seed, [&](const assessment::Ask& ask) -> std::optional<double> {
        const auto& planned = plan.tracks[ask.track];
        const auto& track = *planned.track;
        const auto& item = *track.find_item(planned.bank.items[ask.item].id);
        const auto order = option_order(item, assessment::track_seed(seed, track.info.id), Choices::shuffled);
        begin_item_screen(out, clear);
        out << util::paint("Track " + std::to_string(ask.track + 1) + " of " + std::to_string(count) + ": " +
                               util::visible(track.info.name, false),
                           "1", color)
            << "\n\n";
        render_item(out, {track, item, ask.position, plan.rules.max_items, order, color, false, "q quit"},
                    std::nullopt);
        out << std::flush;
        for (;;) {
            std::string line;
            if (!read_trimmed_line(std::cin, line) || line == "q") {
                return std::nullopt;
            }
            if (line.empty()) {
                continue;
            }
            auto parsed = parse_typed_answer(item, order, line);
            if (const auto* problem = std::get_if<std::string>(&parsed)) {
                out << "  " << *problem << '\n' << answer_prompt(item) << " [q quit]: " << std::flush;
                continue;
            }
            return assessment::score(item, std::get<json>(parsed));
        }
    });
}

// The full assessment of a contender, through `assess` itself; or the commands, when the person
// declines or input has ended.
int offer_assessment(Context& context, const assessment::Screen& screen)
{
    auto& out = context.out();
    const auto contenders = screen.contenders();
    out << "\nThe full assessment to take next (about 5 items per area):\n";
    for (size_t i = 0; i < contenders.size(); ++i) {
        const auto& track = screen.tracks[contenders[i]];
        out << "  " << i + 1 << "  " << util::visible(track.name, false) << "  (cloudtrack assess "
            << track.id << ")\n";
    }
    out << "Start one now? [1" << (contenders.size() > 1 ? "-" + std::to_string(contenders.size()) : "")
        << ", Enter: not now]: " << std::flush;
    std::string line;
    if (!read_trimmed_line(std::cin, line) || line.empty() || line == "n" || line == "q") {
        out << '\n';
        return 0;
    }
    for (size_t i = 0; i < contenders.size(); ++i) {
        if (line == std::to_string(i + 1)) {
            out << '\n';
            return cmd_assess(context, {screen.tracks[contenders[i]].id});
        }
    }
    out << "Not a number from the list; start later with the command above.\n";
    return 0;
}

void print_next(std::ostream& out, const assessment::Screen& screen)
{
    out << "\nThe full assessment to take next:\n";
    for (const auto i : screen.contenders()) {
        out << "  cloudtrack assess " << screen.tracks[i].id << '\n';
    }
}

// A screen is adaptive, so a track that requires fixed forms ("allow_adaptive": false, from its
// author or its organization's bundle) is not screened: named, it is refused like 'assess
// --adaptive'; among all installed tracks it is left out, with a note.
std::vector<const content::Track*> adaptive_only(const std::vector<const content::Track*>& tracks,
                                                 bool all_installed)
{
    std::vector<const content::Track*> kept;
    for (const auto* track : tracks) {
        if (track->allow_adaptive) {
            kept.push_back(track);
            continue;
        }
        const auto why =
            "the " + track->info.id +
            " track requires fixed forms (\"allow_adaptive\": false in the track or its bundle; see "
            "'cloudtrack show " +
            track->info.id + " --explain')";
        if (!all_installed) {
            throw util::Error(why + ", and a screen is adaptive: take 'cloudtrack assess " + track->info.id +
                                  "' instead",
                              util::ExitCode::usage);
        }
        std::cerr << "cloudtrack: note: not screened: " << why << '\n';
    }
    if (kept.empty()) {
        throw util::Error("no installed track allows an adaptive screen (each requires fixed forms)",
                          util::ExitCode::usage);
    }
    return kept;
}

} // namespace

int cmd_screen(Context& context, const Args& args)
{
    CommandLine cl("cloudtrack screen [TRACK...] [--items-per-track N] [--seed N] [--answers FILE] [--json]",
                   "Which specialization? A short adaptive test of every installed track (or of the\n"
                   "TRACKs named) in one sitting, each track scored on its own scale; then the tracks\n"
                   "ranked by ability with how sure the ranking is: the probability that each is your\n"
                   "strongest, and which are separable from the top or within noise of it. In a terminal\n"
                   "it then offers the full assessment of the top tracks; --answers FILE runs it without\n"
                   "a terminal. A screen is not saved. See docs/assessment.md and docs/scoring.md.");
    cl.add()("items-per-track", po::value<std::string>(), "items asked per track (default 6, from 1 to 40)")(
        "seed", po::value<std::string>(), "seed of the sitting (reproduce a screen)")(
        "answers", po::value<std::string>(), "answer from a JSON file instead of the terminal")(
        "json", po::bool_switch(), "print the cloudtrack.screen/1 document");
    cl.positional("tracks", -1);
    if (!cl.parse(args, context)) {
        return 0;
    }
    const auto per_track = whole_option(cl, "items-per-track", 1, assessment::k_max_items_per_track,
                                        assessment::k_default_items_per_track);
    const auto seed = cl.has("seed") ? cl.number("seed", 0, std::numeric_limits<std::uint64_t>::max())
                                     : std::uint64_t{std::random_device{}()};
    const auto tracks = adaptive_only(screened_tracks(context, cl.texts("tracks")), !cl.has("tracks"));
    const auto plan = assessment::plan_screen(tracks, per_track);
    if (!plan) {
        throw util::Error(plan.error(), util::ExitCode::plugin);
    }
    const bool script = cl.has("answers");
    const auto screen = script ? scripted(*plan, seed, read_answers(cl.text("answers"), tracks))
                               : interactive(context, *plan, seed);
    auto& out = context.out();
    if (cl.flag("json")) {
        out << assessment::to_json(screen).dump(2) << '\n';
        return 0;
    }
    if (!script) {
        out << "\n\n";
    }
    report::print_screen(out, screen, context.color());
    if (!screen.complete) {
        return 0;
    }
    if (script) {
        print_next(out, screen);
        return 0;
    }
    return offer_assessment(context, screen);
}

} // namespace cloudtrack::host::cli
