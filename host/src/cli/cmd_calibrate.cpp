// cloudtrack calibrate TRACK FILE...: 2PL parameters from pooled results (assessment/calibrate.hpp),
// a report per item and, with --output, a cloudtrack.calibration/1 document.
#include "assessment/calibrate.hpp"
#include "assessment/pooled_results.hpp"
#include "cli/commands.hpp"
#include "cli/measure_input.hpp"
#include "cli/number_option.hpp"
#include "content/calibration.hpp"
#include "report/measure_text.hpp"
#include "util/error.hpp"
#include "util/file.hpp"

#include <cmath>

namespace cloudtrack::host::cli {

namespace po = boost::program_options;
using nlohmann::json;

namespace {

double round4(double value)
{
    return std::isfinite(value) ? std::round(value * 10000.0) / 10000.0 : 0.0;
}

void pool_file(const std::string& file, assessment::PooledResults& pool)
{
    const auto document = read_json_file(file, util::file_kind::result);
    const auto add = [&](const json& result, const std::string& prefix) {
        if (const auto added = pool.add(result); !added) {
            throw util::Error(file + ": " + prefix + added.error(), util::ExitCode::bad_input);
        }
    };
    if (document.is_array()) {
        for (size_t i = 0; i < document.size(); ++i) {
            add(document[i], "/" + std::to_string(i));
        }
    } else {
        add(document, "");
    }
}

json item_json(const assessment::ItemCalibration& item)
{
    return {{"id", item.id},
            {"n", item.n},
            {"facility", round4(item.facility)},
            {"point_biserial", round4(item.point_biserial)},
            {"estimated", item.estimated},
            {"a", round4(item.a)},
            {"b", round4(item.b)},
            {"se_a", round4(item.se_a)},
            {"se_b", round4(item.se_b)},
            {"flags", item.flags}};
}

} // namespace

int cmd_calibrate(Context& context, const Args& args)
{
    CommandLine cl(
        "cloudtrack calibrate TRACK FILE... | --plugin PLUGIN FILE... [--output FILE] [--min-responses N] "
        "[--max-iterations N] [--json]",
        "Estimates 2PL item parameters (a, b) for TRACK from pooled result documents (JSON from\n"
        "'cloudtrack results export --format json': one result or an array) by marginal maximum\n"
        "likelihood, and reports per item the responses, facility, point-biserial discrimination,\n"
        "a and b with standard errors, and flags: low discrimination (point-biserial < 0.25), too\n"
        "easy (facility > 0.95), too hard (< 0.10), few responses, no convergence. --output writes\n"
        "a cloudtrack.calibration/1 document of the items with enough responses. Scoring does not\n"
        "use calibrations yet; 'cloudtrack simulate --calibration FILE' does.");
    cl.add()("plugin", po::value<std::string>(), "calibrate the track in this plugin file (not installed)")(
        "output,o", po::value<std::string>(), "write the calibration document to FILE")(
        "min-responses", po::value<std::string>(),
        "responses an item needs to be written and not flagged (default 50)")(
        "max-iterations", po::value<std::string>(),
        "EM cycles at most (default 500)")("json", po::bool_switch(), "print the report as JSON");
    cl.positional("args", -1);
    if (!cl.parse(args, context)) {
        return 0;
    }
    auto files = cl.texts("args");
    const auto track = measured_track(context, cl, files, "calibrate");
    if (files.empty()) {
        throw util::Error("calibrate needs at least one FILE of results", util::ExitCode::usage);
    }
    assessment::CalibrationOptions options;
    options.min_responses = whole_option(cl, "min-responses", 1, 1'000'000, 50);
    options.max_iterations = whole_option(cl, "max-iterations", 1, 100'000, 500);

    assessment::PooledResults pool(track);
    for (const auto& file : files) {
        pool_file(file, pool);
    }
    if (pool.responses().people.empty()) {
        throw util::Error("no results to calibrate from", util::ExitCode::bad_input);
    }
    const auto run = assessment::calibrate(pool.responses(), options);

    json report = {
        {"schema", "cloudtrack.calibration-report/1"},
        {"track", {{"id", track.info.id}, {"version", track.info.version}, {"content_sha256", track.sha256}}},
        {"people", run.people},
        {"iterations", run.iterations},
        {"converged", run.converged},
        {"log_likelihood", round4(run.log_likelihood)},
        {"min_responses", options.min_responses},
        {"other_content", pool.other_content()},
        {"unknown_responses", pool.unknown_responses()},
        {"items", json::array()}};
    content::Calibration calibration{track.info.id, track.info.version, track.sha256, {}};
    size_t estimated = 0;
    for (const auto& item : run.items) {
        report["items"].push_back(item_json(item));
        estimated += item.estimated ? 1 : 0;
        if (item.estimated && item.n >= options.min_responses) {
            calibration.items.push_back(
                {item.id, round4(item.a), round4(item.b), round4(item.se_a), round4(item.se_b), item.n});
        }
    }
    report["items_estimated"] = estimated;
    if (cl.has("output")) {
        const auto output = cl.text("output");
        if (const auto written = util::write_file_atomic(output, to_json(calibration).dump(2) + "\n");
            !written) {
            throw util::Error("cannot write the calibration: " + written.error(), util::ExitCode::bad_input);
        }
        report["output"] = output;
        report["written"] = calibration.items.size();
    }
    if (cl.flag("json")) {
        context.out() << report.dump(2) << '\n';
    } else {
        report::print_calibration(context.out(), report);
    }
    return 0;
}

} // namespace cloudtrack::host::cli
