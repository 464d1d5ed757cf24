// cloudtrack simulate --screener [TRACK...]: simulated people through the screener
// (assessment/screen_simulation.hpp), reached from cmd_simulate.
#include "assessment/screen_simulation.hpp"
#include "cli/commands.hpp"
#include "cli/measure_input.hpp"
#include "cli/number_option.hpp"
#include "report/screen_text.hpp"
#include "util/error.hpp"
#include "util/term.hpp"

namespace cloudtrack::host::cli {

namespace po = boost::program_options;

int simulate_screener(Context& context, const Args& args)
{
    CommandLine cl(
        "cloudtrack simulate --screener [TRACK...] [--people N] [--seed S] [--items-per-track N] "
        "[--correlation R] [--lead D] [--bank track|synthetic] [--json]",
        "Simulates people with one true ability per track (N(0, 1), independent unless\n"
        "--correlation is given) sitting the screener (cloudtrack screen) over every installed\n"
        "track or the TRACKs named, and reports how often their truly strongest track was ranked\n"
        "first and in the first two, how often a 'separable' verdict was right, and the items a\n"
        "sitting took. Deterministic for a seed. docs/scoring.md section 12 explains the figures.");
    cl.add()("screener", po::bool_switch(), "simulate the screener (this page)")(
        "people", po::value<std::string>(), "simulated people (default 1000; at most 1,000,000)")(
        "seed", po::value<std::string>(), "seed of the whole run (default 1)")(
        "items-per-track", po::value<std::string>(), "items asked per track (default 6, from 1 to 40)")(
        "correlation", po::value<std::string>(),
        "correlation of a person's true abilities between tracks (default 0, at most 0.99)")(
        "lead", po::value<std::string>(),
        "added to every person's true ability on the first track (default 0)")(
        "bank", po::value<std::string>(),
        "track (default) or synthetic: calibrated banks drawn from the seed")(
        "json", po::bool_switch(), "print the cloudtrack.screen-simulation/1 document");
    cl.positional("tracks", -1);
    if (!cl.parse(args, context)) {
        return 0;
    }
    assessment::ScreenSimulationOptions o;
    o.people = whole_option(cl, "people", 1, 1'000'000, 1000);
    o.seed = whole_option(cl, "seed", 0, UINT64_MAX, 1);
    o.items_per_track = whole_option(cl, "items-per-track", 1, assessment::k_max_items_per_track,
                                     assessment::k_default_items_per_track);
    o.correlation = real_option(cl, "correlation", 0.0, 0.99, 0.0);
    o.lead = real_option(cl, "lead", -4.0, 4.0, 0.0);
    o.bank = bank_option(cl);
    const auto tracks = screened_tracks(context, cl.texts("tracks"));
    const auto report = assessment::simulate_screen(tracks, o);
    if (!report) {
        throw util::Error(report.error(), util::ExitCode::plugin);
    }
    if (cl.flag("json")) {
        context.out() << assessment::to_json(*report).dump(2) << '\n';
    } else {
        report::print_screen_simulation(context.out(), *report);
    }
    return 0;
}

} // namespace cloudtrack::host::cli
