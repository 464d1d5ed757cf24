#include "cli/portfolio_check.hpp"

#include "career/evidence.hpp"
#include "util/clock.hpp"
#include "util/error.hpp"
#include "util/term.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>

namespace cloudtrack::host::cli {

namespace {

// What is recorded as the item's evidence: the first places found, as "path:line".
std::string evidence_text(const career::ProbeOutcome& outcome)
{
    std::string text;
    for (size_t i = 0; i < outcome.evidence.size() && i < 5; ++i) {
        const auto& e = outcome.evidence[i];
        text += (text.empty() ? "" : ", ") + e.path + (e.line > 0 ? ":" + std::to_string(e.line) : "");
    }
    return text.empty() ? outcome.note : text;
}

const char* mark(career::ProbeStatus status)
{
    switch (status) {
    case career::ProbeStatus::verified: return "verified";
    case career::ProbeStatus::not_verified: return "not verified";
    case career::ProbeStatus::unchecked: return "unchecked";
    }
    return "?";
}

} // namespace

int check_portfolio(Context& context, store::Store& store, const content::Track& track,
                    const std::string& project_id, const std::string& dir, bool json)
{
    const auto* project = track.find_project(project_id);
    if (project == nullptr) {
        throw util::Error("track '" + track.info.id + "' has no project '" + project_id + "'",
                          util::ExitCode::not_found);
    }
    const auto outcomes = career::run_probes(context.catalog(), track, *project, dir);
    const auto now = util::now_iso8601();
    auto list = nlohmann::json::array();
    size_t verified = 0;
    for (const auto& outcome : outcomes) {
        if (outcome.status == career::ProbeStatus::verified) {
            // Recorded with where it was found, so the portfolio shows proof rather than a tick.
            store.mark_checklist(context.profile(), {track.info.id, project->id, outcome.item_id,
                                                     evidence_text(outcome), "probe", now});
            ++verified;
        }
        list.push_back(career::to_json(outcome));
    }
    // Documented in README ("Exit codes"): 1 when a probe ran and did not find its evidence, 4 when
    // a probe could not run at all (the plugin, or the probe, is at fault); 0 only when all verified.
    const auto unchecked =
        static_cast<size_t>(std::count_if(outcomes.begin(), outcomes.end(), [](const auto& o) {
            return o.status == career::ProbeStatus::unchecked;
        }));
    const auto exit_code = unchecked > 0                ? static_cast<int>(util::ExitCode::plugin)
                           : verified < outcomes.size() ? static_cast<int>(util::ExitCode::problems_found)
                                                        : 0;
    auto& out = context.out();
    if (json) {
        out << nlohmann::json{{"track", track.info.id},
                              {"project", project->id},
                              {"directory", dir},
                              {"items", list}}
                   .dump(2)
            << '\n';
        return exit_code;
    }
    if (outcomes.empty()) {
        out << "Project '" << project->id
            << "' has no checklist item a probe can verify; mark items by hand with "
            << "'cloudtrack portfolio " << track.info.id << " mark'.\n";
        return 0;
    }
    const bool color = context.color();
    for (const auto& outcome : outcomes) {
        using namespace std::string_view_literals;
        const auto colour = outcome.status == career::ProbeStatus::verified       ? "32"sv
                            : outcome.status == career::ProbeStatus::not_verified ? "33"sv
                                                                                  : "31"sv;
        out << util::paint(mark(outcome.status), colour, color) << "  " << outcome.item_id << " (probe "
            << outcome.probe_id << ")\n";
        if (!outcome.note.empty()) {
            out << util::wrap(util::visible(outcome.note), 78, "    ") << '\n';
        }
        for (size_t i = 0; i < outcome.evidence.size() && i < 5; ++i) {
            const auto& e = outcome.evidence[i];
            // Lines quoted from the person's files: made visible before they reach the terminal.
            out << util::wrap(util::visible(e.path + (e.line > 0 ? ":" + std::to_string(e.line) : "") + "  " +
                                            e.text),
                              78, "    ", "      ")
                << '\n';
        }
    }
    out << '\n' << verified << " of " << outcomes.size() << " verifiable items verified and recorded";
    if (unchecked > 0) {
        out << "; " << unchecked << " could not be checked";
    }
    out << ".\n";
    return exit_code;
}

} // namespace cloudtrack::host::cli
