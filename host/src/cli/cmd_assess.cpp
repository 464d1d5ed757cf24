// cloudtrack assess TRACK: take an assessment, interactively or from an answers file.
#include "assessment/adaptive_form.hpp"
#include "assessment/answers_file.hpp"
#include "cli/attempts.hpp"
#include "cli/commands.hpp"
#include "cli/interactive.hpp"
#include "report/result_text.hpp"
#include "util/clock.hpp"
#include "util/error.hpp"
#include "util/file.hpp"
#include "util/term.hpp"

#include <algorithm>
#include <iostream>
#include <limits>
#include <random>

#include <unistd.h>

namespace cloudtrack::host::cli {

namespace po = boost::program_options;
using nlohmann::json;

namespace {

// Adaptive is the default only once every scored item is calibrated: on labels no data has
// checked the simulator finds it no more accurate than the standard form at the same length
// (README, "Measurement"), so there it is offered, not imposed. A track or bundle may require
// fixed forms ("allow_adaptive": false).
bool adaptive_requested(const CommandLine& cl, const content::Track& track)
{
    if (cl.flag("adaptive") && !track.allow_adaptive) {
        throw util::Error("the " + track.info.id +
                              " track requires fixed forms (\"allow_adaptive\": false in the track or its "
                              "bundle; see 'cloudtrack show " +
                              track.info.id + " --explain'): run it without --adaptive",
                          util::ExitCode::usage);
    }
    return cl.flag("adaptive") || (track.allow_adaptive && track.fully_calibrated() && !cl.flag("fixed") &&
                                   !cl.flag("full") && !cl.has("items"));
}

assessment::FormRequest form_request(const CommandLine& cl, const content::Track& track)
{
    assessment::FormRequest request;
    if (adaptive_requested(cl, track)) {
        request.mode = assessment::FormMode::adaptive;
        request.rules = assessment::default_rules(track);
    } else if (cl.flag("full")) {
        request.mode = assessment::FormMode::full;
    } else if (cl.has("items")) {
        request.mode = assessment::FormMode::items;
        request.items = cl.number("items", 1, 100000);
    }
    request.seed = cl.has("seed") ? cl.number("seed", 0, std::numeric_limits<std::uint64_t>::max())
                                  : std::random_device{}();
    return request;
}

// The items of every stored attempt of this profile on this track: a new form draws around them.
assessment::FormRequest with_history(assessment::FormRequest request, const store::Store& store,
                                     const Context& context, const content::Track& track)
{
    std::vector<assessment::Form> earlier;
    for (const auto& attempt : store.attempts(context.profile(), track.info.id)) {
        auto form = stored_form(attempt);
        if (form.mode == assessment::FormMode::adaptive) { // its items are in its answers
            form.items = load_record(store, attempt, track).form.items;
        }
        earlier.push_back(std::move(form));
    }
    request.seen = assessment::seen_items(track, earlier);
    return request;
}

store::Attempt begin(store::Store& store, const Context& context, const content::Track& track,
                     const assessment::Form& form)
{
    const auto id = store.begin_attempt({context.profile(), track.info.id, track.info.version, track.sha256,
                                         form.to_json().dump(), util::now_iso8601()});
    return *store.attempt(id);
}

// The form the answers file is checked against: an adaptive test may ask any scored item and its
// beta items, so a file may answer any of them.
assessment::Form answerable(const content::Track& track, const assessment::Form& form)
{
    if (form.mode != assessment::FormMode::adaptive) {
        return form;
    }
    auto all = form;
    for (const auto& item : track.items) {
        if (!item.beta || std::find(form.beta.begin(), form.beta.end(), item.id) != form.beta.end()) {
            all.items.push_back(item.id);
        }
    }
    return all;
}

void print_outcome(Context& context, const assessment::Result& result, const CommandLine& cl)
{
    if (cl.flag("json")) {
        context.out() << assessment::serialize(result);
        return;
    }
    report::print_result(context.out(), result, {context.color(), cl.flag("explain"), 80});
    context.out() << "\nSaved as result " << result.attempt.id
                  << ". See it again with 'cloudtrack results show " << result.attempt.id << "'.\n";
}

int scripted(Context& context, const CommandLine& cl, const content::Track& track)
{
    const auto request = form_request(cl, track); // the command line is checked before any file is read
    const auto file = cl.text("answers");
    const auto text = util::read_file(file, util::file_kind::answers);
    if (!text) {
        throw util::Error(text.error(), util::ExitCode::bad_input);
    }
    auto store = open_store(context);
    const auto form = assessment::draw_form(track, with_history(request, *store, context, track));
    const auto parsed = assessment::parse_answers(*text, track, answerable(track, form));
    if (!parsed.problems.empty()) {
        // A problem per line, at most a screenful; nothing is stored for a rejected file.
        const auto& problems = parsed.problems;
        const auto listed = std::min(problems.size(), util::k_max_listed);
        for (size_t i = 1; i < listed; ++i) {
            std::cerr << "cloudtrack: error: " << util::one_line(file + ": " + problems[i], 1000) << '\n';
        }
        const auto more = util::and_more(listed, problems.size());
        throw util::Error(file + ": " + problems.front() + (more.empty() ? "" : " (" + more + ")"),
                          util::ExitCode::bad_input);
    }
    const auto attempt = begin(*store, context, track, form);
    // An adaptive test asks what the answers so far lead to: the file may answer more items than
    // that, and only those asked are stored.
    const auto asked =
        form.mode == assessment::FormMode::adaptive
            ? assessment::replay(track, form, parsed.answers.responses, assessment::Missing::score_zero)
                  .presented
            : form.items;
    for (const auto& id : asked) {
        if (const auto it = parsed.answers.responses.find(id); it != parsed.answers.responses.end()) {
            store->record_answer(attempt.id, id, it->second.dump(), util::now_iso8601());
        }
    }
    for (const auto& [area, rating] : parsed.answers.self_ratings) {
        store->record_self_rating(attempt.id, area, rating);
    }
    print_outcome(context, finish(*store, track, attempt), cl);
    return 0;
}

bool confirm(std::istream& in, std::ostream& out, const std::string& question)
{
    out << question << " [Y/n]: " << std::flush;
    std::string line;
    if (!std::getline(in, line)) {
        return false;
    }
    return line.empty() || line == "y" || line == "Y" || line == "yes";
}

int interactive(Context& context, const CommandLine& cl, const content::Track& track)
{
    // Open the store first: a read-only data folder fails before the first question.
    auto store = open_store(context);
    auto& out = context.out();
    std::optional<store::Attempt> attempt;
    if (auto unfinished = store->unfinished_attempt(context.profile(), track.info.id)) {
        const auto answered = store->answers(unfinished->id).size();
        if (cl.flag("resume") ||
            confirm(std::cin, out,
                    "You have an unfinished " + track.info.name + " attempt from " + unfinished->started_at +
                        " (" + std::to_string(answered) + " answered). Resume it?")) {
            attempt = *unfinished;
        } else {
            store->discard_attempt(unfinished->id);
        }
    } else if (cl.flag("resume")) {
        throw util::Error("no unfinished " + track.info.id + " attempt to resume for profile '" +
                              context.profile() + "'",
                          util::ExitCode::not_found);
    }
    if (!attempt) {
        attempt = begin(
            *store, context, track,
            assessment::draw_form(track, with_history(form_request(cl, track), *store, context, track)));
    }
    if (attempt->content_sha256 != track.sha256) {
        out << "Note: the " << track.info.id
            << " track changed since this attempt began; items it no longer has are "
            << "skipped.\n";
    }
    const auto form = stored_form(*attempt);
    if (form.mode == assessment::FormMode::adaptive) {
        out << track.info.name << " assessment, adaptive (seed " << form.seed
            << "): each next item is chosen from "
            << "your answers so far, and the test ends once every area is measured precisely enough, after "
               "at most "
            << form.rules->max_items << " items. There is no going back; 'q' saves and quits.\n\n";
    } else {
        out << track.info.name << " assessment: " << form.items.size() << " items in " << track.areas.size()
            << " areas (" << assessment::to_string(form.mode) << " form, seed " << form.seed << ").\n"
            << "Every answer is saved as you give it; 'q' saves and quits.\n\n";
    }
    InteractiveSession session{track,    *store, attempt->id,     form,
                               std::cin, out,    context.color(), context.color() && ::isatty(0) == 1};
    if (session.run() == SessionEnd::saved) {
        out << "\nSaved. Continue with: cloudtrack assess " << track.info.id << " --resume\n";
        return 0;
    }
    out << '\n';
    print_outcome(context, finish(*store, track, *attempt), cl);
    return 0;
}

} // namespace

int cmd_assess(Context& context, const Args& args)
{
    CommandLine cl(
        "cloudtrack assess TRACK [--items N | --full] [--seed N] [--answers FILE] [--resume] [--json] "
        "[--explain] [--adaptive | --fixed]",
        "Takes an assessment of TRACK. In a terminal: a self-rating per area, then one item per\n"
        "screen; every answer is saved as it is given, 'q' saves and quits, --resume continues.\n"
        "With --answers FILE it runs without a terminal (see docs/assessment.md for the format).\n"
        "The default form draws about 5 items per area, stratified by difficulty, from a seed\n"
        "stored with the attempt; items of your earlier attempts come only after unseen ones.\n"
        "--adaptive picks each next item from your answers so far and stops once every area is\n"
        "measured precisely enough (see docs/scoring.md). It is the default on a track whose every\n"
        "item is calibrated, unless the track or its bundle requires fixed forms; --fixed asks for\n"
        "the standard form there.");
    cl.add()("items", po::value<std::string>(), "draw N items in total, spread over the areas")(
        "full", po::bool_switch(), "every item of the track")(
        "adaptive", po::bool_switch(), "an adaptive test: each next item chosen from the answers so far")(
        "fixed", po::bool_switch(), "the standard fixed form, where adaptive is the default")(
        "seed", po::value<std::string>(), "seed of the drawn form (reproduce a form)")(
        "answers", po::value<std::string>(), "answer from a JSON file instead of the terminal")(
        "resume", po::bool_switch(), "continue the unfinished attempt")(
        "json", po::bool_switch(), "print the result document (cloudtrack.result/1)")(
        "explain", po::bool_switch(), "print the path from each response to the area levels");
    cl.positional("track", 1);
    if (!cl.parse(args, context)) {
        return 0;
    }
    if (!cl.has("track")) {
        throw util::Error("assess needs a TRACK (see 'cloudtrack list')", util::ExitCode::usage);
    }
    if (static_cast<int>(cl.flag("full")) + static_cast<int>(cl.has("items")) +
            static_cast<int>(cl.flag("adaptive")) + static_cast<int>(cl.flag("fixed")) >
        1) {
        throw util::Error("--full, --items, --adaptive and --fixed exclude each other",
                          util::ExitCode::usage);
    }
    const auto& track = context.catalog().track(cl.text("track"));
    if (cl.has("answers")) {
        if (cl.flag("resume")) {
            throw util::Error("--answers and --resume exclude each other", util::ExitCode::usage);
        }
        return scripted(context, cl, track);
    }
    return interactive(context, cl, track);
}

} // namespace cloudtrack::host::cli
