// cloudtrack show TRACK: what a track holds, read from its embedded document.
#include "cli/commands.hpp"
#include "report/format.hpp"
#include "util/error.hpp"
#include "util/table.hpp"
#include "util/term.hpp"

#include <nlohmann/json.hpp>

#include <array>
#include <iomanip>
#include <ostream>
#include <sstream>

namespace cloudtrack::host::cli {

namespace {

void print_levels(std::ostream& out, const content::Track& track)
{
    for (const auto& level : track.levels) {
        out << "  " << level.name
            << (level.min_theta ? " (from θ " + report::fixed(*level.min_theta, 1) + ")"
                                : std::string(" (start)"))
            << '\n'
            << util::wrap(level.description, 78, "    ") << '\n';
    }
}

void print_areas(std::ostream& out, const content::Track& track)
{
    util::Table table({"AREA", "NAME", "ITEMS", "S/M/T/N/O", "E/M/H"});
    for (const auto& area : track.areas) {
        std::array<int, 5> by_type{};
        std::array<int, 3> by_difficulty{};
        int total = 0;
        int beta = 0;
        for (const auto& item : track.items) {
            if (item.area != area.id) {
                continue;
            }
            ++total;
            beta += item.beta ? 1 : 0;
            ++by_type.at(static_cast<size_t>(item.type));
            ++by_difficulty.at(item.difficulty == "easy" ? 0U : item.difficulty == "medium" ? 1U : 2U);
        }
        std::string types;
        for (const auto n : by_type) {
            types += (types.empty() ? "" : "/") + std::to_string(n);
        }
        table.add({area.id, area.name,
                   std::to_string(total - beta) + (beta > 0 ? " +" + std::to_string(beta) + " beta" : ""),
                   types,
                   std::to_string(by_difficulty[0]) + "/" + std::to_string(by_difficulty[1]) + "/" +
                       std::to_string(by_difficulty[2])});
    }
    table.print(out);
    out << "  S/M/T/N/O: single choice, multiple choice, true/false, numeric, ordering\n"
           "  E/M/H: easy, medium, hard\n";
}

std::string requires_text(const content::Rung& rung)
{
    std::vector<std::string> parts;
    for (const auto& pre : rung.prerequisites) {
        parts.push_back(content::to_string(pre));
    }
    return util::join(parts, ", ");
}

void print_ladder(std::ostream& out, const content::Track& track)
{
    util::Table table({"RUNG", "EXAM", "LEVEL", "VALID", "REQUIRES", "AS OF", "CONF."});
    for (const auto& rung : track.ladder) {
        const auto* level = track.level_index(rung.level) < track.levels.size()
                                ? &track.levels[track.level_index(rung.level)]
                                : nullptr;
        table.add({rung.id + (rung.retired ? " *" : ""), rung.exam_code,
                   level != nullptr ? level->name : rung.level,
                   rung.validity_months ? std::to_string(*rung.validity_months) + " mo" : "no expiry",
                   rung.prerequisites.empty() ? "-" : requires_text(rung), rung.as_of, rung.confidence});
    }
    table.print(out);
    for (const auto& rung : track.ladder) {
        if (!rung.unconfirmed.empty()) {
            out << util::wrap(rung.id + ": not confirmed on " + rung.as_of + ": " +
                                  util::join(rung.unconfirmed, ", ") + ".",
                              78, "  ")
                << '\n';
        }
        if (rung.retired) {
            out << util::wrap("* " + rung.id + " (" + rung.name + ") is retired; its successor is " +
                                  rung.successor + ".",
                              78, "  ")
                << '\n';
        }
    }
}

// The outcome metric is a metric id; documents compiled before that rule may hold words.
std::string metric_name(const content::Track& track, const std::string& text)
{
    for (const auto& metric : track.metrics) {
        if (metric.id == text) {
            return metric.name;
        }
    }
    return text;
}

void print_portfolio(std::ostream& out, const content::Track& track)
{
    for (const auto& project : track.portfolio) {
        out << util::wrap(project.title + " (" + project.id + ")", 78, "  ") << '\n'
            << util::wrap("Question: " + project.business_question, 78, "    ") << '\n'
            << util::wrap("Outcome metric: " + metric_name(track, project.outcome_metric), 78, "    ")
            << '\n';
        if (!project.outcome_target.empty()) {
            out << util::wrap("Target: " + project.outcome_target, 78, "    ") << '\n';
        }
        for (const auto& entry : project.checklist) {
            out << util::wrap("[ ] " + entry.text + (entry.probe.empty() ? "" : " (verifiable)"), 78,
                              "      ")
                << '\n';
        }
    }
}

// The plugin's document is the base layer; a bundle's pin and overlays are named line by line.
void print_layers(std::ostream& out, const catalog::Plugin& plugin)
{
    const auto& track = *plugin.track;
    if (plugin.layers.empty()) {
        out << "  everything: plugin " << plugin.path.string() << " (" << track.info.id << ' '
            << track.info.version << ", no bundle)\n";
    }
    for (const auto& layer : plugin.layers) {
        out << "  " << layer << '\n';
    }
    out << "  content sha256 recorded in results: " << track.sha256 << '\n';
}

// Whether data has checked the item parameters, and which form `assess` takes by default.
std::string measurement_line(const content::Track& track)
{
    size_t calibrated = 0;
    size_t scored = 0;
    for (const auto& item : track.items) {
        scored += item.beta ? 0U : 1U;
        calibrated += !item.beta && track.calibrated(item.id) != nullptr ? 1U : 0U;
    }
    const auto parameters = calibrated == 0
                                ? std::string("Uncalibrated: item parameters are the author's judgement")
                                : "Calibrated: " + std::to_string(calibrated) + " of " +
                                      std::to_string(scored) + " items' parameters estimated from data (" +
                                      track.calibration_sha256.substr(0, 12) + ")";
    const auto* const form = !track.allow_adaptive      ? "fixed forms only"
                             : track.fully_calibrated() ? "adaptive by default"
                                                        : "fixed form by default, --adaptive on request";
    return parameters + "; " + form + ".";
}

} // namespace

int cmd_show(Context& context, const Args& args)
{
    CommandLine cl("cloudtrack show TRACK [--json] [--explain]",
                   "Shows a track: levels and their cut points, competency areas with item counts by\n"
                   "type and difficulty, the certification ladder, portfolio projects with their\n"
                   "checklists, and the business metrics. --json prints the track document itself.\n"
                   "--explain adds which layer set what: the plugin, and a bundle's overlays.");
    cl.add()("json", boost::program_options::bool_switch(), "print the track document (cloudtrack.track/1)")(
        "explain", boost::program_options::bool_switch(), "say which layer (plugin, bundle) set what");
    cl.positional("track", 1);
    if (!cl.parse(args, context)) {
        return 0;
    }
    if (!cl.has("track")) {
        throw util::Error("show needs a TRACK (see 'cloudtrack list')", util::ExitCode::usage);
    }
    const auto& catalog = context.catalog();
    const auto& track = catalog.track(cl.text("track"));
    auto& out = context.out();
    if (cl.flag("json")) {
        out << nlohmann::json::parse(catalog.find(track.info.id)->document).dump(2) << '\n';
        return 0;
    }
    const bool color = context.color();
    const auto heading = [&](const std::string& text) {
        out << '\n' << util::paint(text, "1", color) << '\n';
    };
    size_t active = 0;
    for (const auto& item : track.items) {
        active += item.beta ? 0 : 1;
    }
    out << util::paint(track.info.name, "1", color) << "  " << track.info.id << ' ' << track.info.version
        << " by " << track.info.vendor << '\n'
        << util::wrap(track.info.description, 80) << '\n'
        << util::count_of(active, "active item") << " in " << util::count_of(track.areas.size(), "area")
        << ", " << util::count_of(track.ladder.size(), "certification rung") << ", "
        << util::count_of(track.portfolio.size(), "portfolio project") << ".\n"
        << measurement_line(track) << '\n';
    heading("Levels");
    print_levels(out, track);
    heading("Competency areas");
    print_areas(out, track);
    if (!track.ladder.empty()) {
        heading("Certification ladder");
        print_ladder(out, track);
    }
    if (!track.portfolio.empty()) {
        heading("Portfolio projects");
        print_portfolio(out, track);
    }
    heading("Business metrics");
    for (const auto& metric : track.metrics) {
        out << "  " << metric.name
            << (metric.direction == "up" ? " (higher is better)" : " (lower is better)") << '\n'
            << util::wrap(metric.description, 78, "    ") << '\n';
    }
    if (cl.flag("explain")) {
        heading("Layers (which layer set what)");
        print_layers(out, *catalog.find(track.info.id));
    }
    return 0;
}

} // namespace cloudtrack::host::cli
