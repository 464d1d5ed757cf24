// cloudtrack simulate TRACK: the yardstick for the measurement's claims (assessment/simulation.hpp).
#include "assessment/simulation.hpp"
#include "cli/commands.hpp"
#include "cli/measure_input.hpp"
#include "cli/number_option.hpp"
#include "report/measure_text.hpp"
#include "util/error.hpp"
#include "util/file.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <sstream>

namespace cloudtrack::host::cli {

namespace po = boost::program_options;

namespace {

// One ability per line; blank lines and lines starting with '#' are skipped.
std::vector<double> read_theta_values(const std::string& file)
{
    const auto text = util::read_file(file, util::file_kind::theta_values);
    if (!text) {
        throw util::Error(text.error(), util::ExitCode::bad_input);
    }
    std::vector<double> values;
    std::istringstream lines(*text);
    std::string line;
    for (size_t number = 1; std::getline(lines, line); ++number) {
        const auto first = line.find_first_not_of(" \t\r");
        if (first == std::string::npos || line[first] == '#') {
            continue;
        }
        const auto last = line.find_last_not_of(" \t\r");
        const auto* begin = line.data() + first;
        const auto* end = line.data() + last + 1;
        double value = 0.0;
        const auto [at, error] = std::from_chars(begin, end, value);
        if (error != std::errc() || at != end || !std::isfinite(value) || value < -6.0 || value > 6.0) {
            throw util::Error(file + ": line " + std::to_string(number) +
                                  ": expected one ability from -6 to 6",
                              util::ExitCode::bad_input);
        }
        values.push_back(value);
    }
    if (values.empty()) {
        throw util::Error(file + ": no abilities in the file (one number per line)",
                          util::ExitCode::bad_input);
    }
    return values;
}

content::Calibration read_calibration(const std::string& file, const content::Track& track)
{
    const auto document = read_json_file(file, util::file_kind::calibration);
    auto calibration = content::parse_calibration(document);
    if (!calibration) {
        throw util::Error(file + ": " + calibration.error(), util::ExitCode::bad_input);
    }
    if (calibration->track_id != track.info.id) {
        throw util::Error(file + ": /track/id: a calibration of '" + calibration->track_id + "', not of '" +
                              track.info.id + "'",
                          util::ExitCode::bad_input);
    }
    if (calibration->content_sha256 != track.sha256) {
        spdlog::warn("{}: estimated on other content of {} (version {}); items are matched by id", file,
                     track.info.id, calibration->track_version);
    }
    return std::move(*calibration);
}

assessment::SimulationOptions options_from(const CommandLine& cl, const content::Track& track)
{
    assessment::SimulationOptions o;
    o.people = whole_option(cl, "people", 1, 1'000'000, 1000);
    o.seed = whole_option(cl, "seed", 0, UINT64_MAX, 1);
    o.theta_mean = real_option(cl, "theta-mean", -4.0, 4.0, 0.0);
    o.theta_sd = real_option(cl, "theta-sd", 0.0, 4.0, 1.0);
    o.parameter_error = real_option(cl, "parameter-error", 0.0, 2.0, 0.0);
    o.per_area = whole_option(cl, "per-area", 1, 1000, 5);
    const auto areas = track.areas.size();
    auto& r = o.rules;
    r.max_items = whole_option(cl, "max-items", 1, 100'000, o.per_area * areas);
    r.min_items = whole_option(cl, "min-items", 0, r.max_items, 0);
    r.min_per_area = whole_option(cl, "min-per-area", 0, 1000, 2);
    r.se_target = real_option(cl, "se-target", 0.0, 1.0, 0.3);
    r.area_se_target = real_option(cl, "area-se-target", 0.0, 1.0, 0.5);
    r.top_k = whole_option(cl, "top-k", 1, 16, 3);
    const auto select_at = cl.text("select-at", "overall");
    if (select_at != "overall" && select_at != "area") {
        throw util::Error("--select-at must be 'overall' or 'area' (got '" + select_at + "')",
                          util::ExitCode::usage);
    }
    r.select_at_overall = select_at == "overall";
    o.bank = bank_option(cl);
    if (cl.has("theta-values")) {
        if (cl.has("theta-mean") || cl.has("theta-sd")) {
            throw util::Error("--theta-values excludes --theta-mean and --theta-sd", util::ExitCode::usage);
        }
        o.theta_values = read_theta_values(cl.text("theta-values"));
        if (!cl.has("people")) {
            o.people = o.theta_values.size();
        }
    }
    return o;
}

} // namespace

int cmd_simulate(Context& context, const Args& args)
{
    // The screener's simulation has options of its own, and its own --help.
    if (std::find(args.begin(), args.end(), "--screener") != args.end()) {
        return simulate_screener(context, args);
    }
    CommandLine cl(
        "cloudtrack simulate TRACK | --plugin FILE [--people N] [--seed S] [--theta-mean M --theta-sd SD | "
        "--theta-values FILE] [--parameter-error SD] [--bank track|synthetic | --calibration FILE] "
        "[adaptive rules] [--json]",
        "Simulates people of known ability taking TRACK's fixed standard form and the adaptive\n"
        "test side by side, and reports per area and overall how often each put people at their\n"
        "true level, the test lengths, the RMSE of the estimates against the mean reported standard\n"
        "error, the most-shown item and the share of the bank never shown. Deterministic for a\n"
        "seed. --bank synthetic replaces the items' parameters with a synthetic calibrated bank of\n"
        "the same size and areas (labelled so in the output). docs/scoring.md explains the figures.");
    cl.add()("plugin", po::value<std::string>(), "simulate the track in this plugin file (not installed)")(
        "people", po::value<std::string>(), "simulated people (default 1000; at most 1,000,000)")(
        "seed", po::value<std::string>(), "seed of the whole run (default 1)")(
        "theta-mean", po::value<std::string>(), "mean of the true abilities (default 0)")(
        "theta-sd", po::value<std::string>(), "their standard deviation (default 1)")(
        "theta-values", po::value<std::string>(),
        "true abilities from FILE, one per line, used in turn (--people defaults to their count)")(
        "parameter-error", po::value<std::string>(),
        "SD of noise in the b and log a the scorer believes (default 0)")("bank", po::value<std::string>(),
                                                                          "track (default) or synthetic")(
        "calibration", po::value<std::string>(), "true parameters from a cloudtrack.calibration/1 file")(
        "per-area", po::value<std::string>(), "fixed form: items per area (default 5)")(
        "min-items", po::value<std::string>(), "adaptive: never stop before N items (default 0)")(
        "max-items", po::value<std::string>(),
        "adaptive: stop at N items (default: the fixed form's length)")(
        "min-per-area", po::value<std::string>(), "adaptive: items every area gets first (default 2)")(
        "se-target", po::value<std::string>(), "adaptive: overall standard error to reach (default 0.3)")(
        "area-se-target", po::value<std::string>(),
        "adaptive: per-area standard error to reach (default 0.5)")(
        "top-k", po::value<std::string>(),
        "adaptive: pick at random among the K most informative (default 3)")(
        "select-at", po::value<std::string>(),
        "adaptive: rank each area's items at the 'overall' estimate (default, as assess does) or the 'area' "
        "one")("json", po::bool_switch(), "print the cloudtrack.simulation/1 document")(
        "screener", po::bool_switch(), "simulate the screener instead: see 'simulate --screener --help'");
    cl.positional("args", -1);
    if (!cl.parse(args, context)) {
        return 0;
    }
    auto positionals = cl.texts("args");
    const auto track = measured_track(context, cl, positionals, "simulate");
    if (!positionals.empty()) {
        throw util::Error("unexpected argument '" + positionals.front() + "'", util::ExitCode::usage);
    }
    auto options = options_from(cl, track);
    std::optional<content::Calibration> calibration;
    if (cl.has("calibration")) {
        if (options.bank == assessment::BankKind::synthetic) {
            throw util::Error("--calibration and --bank synthetic exclude each other", util::ExitCode::usage);
        }
        calibration = read_calibration(cl.text("calibration"), track);
        options.bank = assessment::BankKind::calibration;
    }
    const auto report = assessment::simulate(track, options, calibration ? &*calibration : nullptr);
    const auto document = assessment::to_json(report);
    if (cl.flag("json")) {
        context.out() << document.dump(2) << '\n';
    } else {
        report::print_simulation(context.out(), document);
    }
    return 0;
}

} // namespace cloudtrack::host::cli
