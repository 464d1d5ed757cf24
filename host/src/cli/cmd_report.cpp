// cloudtrack report: one result with its ladder, portfolio and plan, as text, Markdown, HTML or
// JSON, to stdout or a file.
#include "career/ladder.hpp"
#include "cli/attempts.hpp"
#include "cli/commands.hpp"
#include "cli/standing.hpp"
#include "report/career_text.hpp"
#include "report/html.hpp"
#include "report/markdown.hpp"
#include "report/result_text.hpp"
#include "util/clock.hpp"
#include "util/error.hpp"
#include "util/file.hpp"

#include <sstream>

namespace cloudtrack::host::cli {

namespace po = boost::program_options;

namespace {

assessment::Result result_for(Context& context, const store::Store& store, const CommandLine& cl)
{
    if (cl.has("latest")) {
        const auto track = cl.text("latest");
        const auto attempt = store.latest_finished(context.profile(), track);
        auto result = attempt ? stored_result(store, attempt->id) : std::nullopt;
        if (!result) {
            throw util::Error("no finished " + track + " result for profile '" + context.profile() + "'",
                              util::ExitCode::not_found);
        }
        return std::move(*result);
    }
    if (!cl.has("id")) {
        throw util::Error("report needs a RESULT_ID or --latest TRACK", util::ExitCode::usage);
    }
    const auto text = cl.text("id");
    std::int64_t id = 0;
    try {
        id = std::stoll(text);
    } catch (const std::exception&) {
        throw util::Error("'" + text + "' is not a result id", util::ExitCode::usage);
    }
    const auto attempt = store.attempt(id);
    auto result = attempt && attempt->profile == context.profile() ? stored_result(store, id) : std::nullopt;
    if (!result) {
        throw util::Error("no finished result " + text + " for profile '" + context.profile() + "'",
                          util::ExitCode::not_found);
    }
    return std::move(*result);
}

// The report document: the result plus where it leaves the person on the ladder, the portfolio
// and the plan. The roadmap pairs the result's track with the best-fitting other assessed track.
report::Report build_report(Context& context, const store::Store& store, assessment::Result result)
{
    const auto track_id = result.track.id;
    const auto& track = context.catalog().track(track_id);
    Standings standings(context, store);
    auto primary = standings.of(track);
    primary.latest = &result; // the report is about this result, not necessarily the newest
    primary.ladder =
        career::ladder_status(track, &result, store.certifications(context.profile()), util::today());
    std::vector<career::TrackStanding> all;
    for (const auto* other : context.catalog().summaries()) {
        if (other->id == track_id) {
            all.push_back(primary);
        } else if (auto standing = standings.of(*other)) {
            all.push_back(std::move(*standing));
        }
    }
    const auto recommendation = career::recommend(all);
    const career::TrackStanding* secondary = nullptr;
    for (const auto& entry : recommendation.ranked) {
        if (entry.track != track_id) {
            for (const auto& s : all) {
                if (s.track->info.id == entry.track) {
                    secondary = &s;
                }
            }
            break;
        }
    }
    auto roadmap = career::roadmap(primary, secondary);
    return {util::now_iso8601(),          context.profile(), std::move(result), std::move(primary.ladder),
            std::move(primary.portfolio), std::move(roadmap)};
}

std::string render_text(const report::Report& report, bool color)
{
    std::ostringstream out;
    report::print_result(out, report.result, {color, false, 80});
    out << '\n';
    report::print_ladder(out, report.ladder, color);
    out << '\n';
    report::print_portfolio(out, report.portfolio, color);
    out << '\n';
    report::print_roadmap(out, report.roadmap, color);
    return out.str();
}

} // namespace

int cmd_report(Context& context, const Args& args)
{
    CommandLine cl("cloudtrack report [RESULT_ID | --latest TRACK] --format text|md|html|json [-o FILE]",
                   "A full report of one result: areas, gaps with explanations and references, the ladder\n"
                   "with the next rung, portfolio progress and the 12-month roadmap. HTML is one\n"
                   "self-contained file (no network) with a radar chart; it prints cleanly to PDF.");
    cl.add()("latest", po::value<std::string>(), "the newest finished result of TRACK")(
        "format", po::value<std::string>()->default_value("text"),
        "text, md, html or json")("output,o", po::value<std::string>(), "write to FILE instead of stdout");
    cl.positional("id", 1);
    if (!cl.parse(args, context)) {
        return 0;
    }
    const auto format = cl.text("format", "text");
    if (format != "text" && format != "md" && format != "html" && format != "json") {
        throw util::Error("--format must be text, md, html or json", util::ExitCode::usage);
    }
    if (cl.has("latest") && cl.has("id")) {
        throw util::Error("give a RESULT_ID or --latest TRACK, not both", util::ExitCode::usage);
    }
    auto store = open_store(context);
    const auto report = build_report(context, *store, result_for(context, *store, cl));
    const bool to_file = cl.has("output");
    std::string rendered;
    if (format == "json") {
        rendered = to_json(report).dump(2) + "\n";
    } else if (format == "md") {
        rendered = report::render_markdown(report);
    } else if (format == "html") {
        rendered = report::render_html(report);
    } else {
        rendered = render_text(report, context.color() && !to_file);
    }
    if (!to_file) {
        context.out() << rendered;
        return 0;
    }
    if (auto written = util::write_file_atomic(cl.text("output"), rendered); !written) {
        throw util::Error("cannot write the report: " + written.error(), util::ExitCode::output);
    }
    context.out() << "Wrote " << cl.text("output") << '\n';
    return 0;
}

} // namespace cloudtrack::host::cli
