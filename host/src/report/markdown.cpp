#include "report/markdown.hpp"
#include "report/format.hpp"
#include "util/term.hpp"

#include <cmath>
#include <sstream>

namespace cloudtrack::host::report {

namespace {

// Table cells cannot hold a raw '|' or a newline.
std::string cell(const std::string& text)
{
    std::string out;
    for (const char c : text) {
        out += c == '|' ? std::string("\\|") : c == '\n' ? std::string(" ") : std::string(1, c);
    }
    return out;
}

void result_section(std::ostringstream& out, const assessment::Result& result)
{
    const auto& overall = result.overall;
    const auto measured = measurement_note(result);
    out << "# " << result.track.name << " report\n\n"
        << "Result " << result.attempt.id << " of profile `" << result.attempt.profile << "`, finished "
        << result.attempt.finished_at << ". Track version " << result.track.version << ".\n\n"
        << "**Overall: " << overall.level_name << "** — " << fixed(overall.percent, 0) << "%, θ "
        << fixed(overall.theta, 2) << " ± " << fixed(overall.se, 2) << " (" << overall.answered << " of "
        << overall.items << " scored items answered).\n\n"
        << (measured.empty() ? "" : measured + "\n\n")
        << "## Areas\n\n| Area | Percent | θ ± SE | Level | Self-rated |\n|---|---|---|---|---|\n";
    for (const auto& area : result.areas) {
        const auto& f = area.figures;
        if (f.items == 0) {
            continue;
        }
        out << "| " << cell(area.name) << " | " << fixed(f.percent, 0) << "% | " << fixed(f.theta, 2) << " ± "
            << fixed(f.se, 2) << " | " << cell(f.level_name) << " | "
            << (area.self ? cell(area.self->level_name) : std::string("–")) << " |\n";
    }
    if (const auto uncertain = uncertain_levels(result); !uncertain.empty()) {
        out << "\n## How sure the levels are\n\n";
        for (const auto& [name, odds] : uncertain) {
            out << "- **" << name << "**: " << odds << "\n";
        }
    }
    bool gaps = false;
    for (const auto& area : result.areas) {
        if (area.self && area.self->gap != 0) {
            if (!gaps) {
                out << "\n## Where self-rating and measurement disagree\n\n";
                gaps = true;
            }
            out << "- **" << area.name << "**: " << area.self->note << "\n";
        }
    }
    bool targets = false;
    for (const auto& area : result.areas) {
        if (const auto note = below_target_note(area); !note.empty()) {
            if (!targets) {
                out << "\n## Below the expected level\n\n";
                targets = true;
            }
            out << "- **" << area.name << "**: " << note << "\n";
        }
    }
    if (!result.missed.empty()) {
        out << "\n## Missed items\n";
    }
    for (const auto& m : result.missed) {
        out << "\n### " << m.item << " (score " << fixed(m.score, 2) << ")\n\n"
            << m.stem << "\n\n"
            << "- Your answer: " << response_text(m.response) << "\n- Key: " << response_text(m.key)
            << "\n- Why: " << m.explanation << "\n";
        for (const auto& option : m.options) {
            out << "  - `" << option.option << "` " << option.rationale << "\n";
        }
        for (const auto& ref : m.references) {
            out << "- Read: [" << ref.title << "](" << ref.url << ")\n";
        }
    }
}

void ladder_section(std::ostringstream& out, const career::LadderStatus& ladder)
{
    out << "\n## Certification ladder\n\n| Rung | Exam | Level | Status | Readiness "
           "|\n|---|---|---|---|---|\n";
    for (const auto& rung : ladder.rungs) {
        const bool next = ladder.next && ladder.next->rung == rung.id;
        out << "| " << (next ? "**" : "") << cell(rung.name) << (next ? "** (next)" : "") << " | "
            << cell(rung.exam_code) << " | " << cell(rung.level_name) << " | "
            << cell(rung.status == "not_yet" ? "not yet" : rung.status) << " | "
            << (rung.readiness ? util::json_number_text(*rung.readiness) + "%" : std::string("–")) << " |\n";
    }
    if (ladder.next) {
        out << "\n**Next: " << ladder.next->name << ".** " << ladder.next->reason << "\n";
    }
}

void portfolio_section(std::ostringstream& out, const career::PortfolioStatus& portfolio)
{
    out << "\n## Portfolio\n";
    for (const auto& project : portfolio.projects) {
        out << "\n### " << project.title << " (" << project.done << "/" << project.total << ")\n\n"
            << project.business_question << " Outcome metric: " << project.outcome_metric << ".\n\n";
        for (const auto& item : project.checklist) {
            out << "- [" << (item.done() ? "x" : " ") << "] " << item.text << "\n";
        }
    }
}

void roadmap_section(std::ostringstream& out, const career::Roadmap& roadmap)
{
    out << "\n## 12-month roadmap\n";
    for (const auto& phase : roadmap.phases) {
        out << "\n**Months " << phase.months << ": " << phase.title << "**\n\n";
        for (const auto& action : phase.actions) {
            out << "- [" << action.track << "] " << action.text << "\n";
        }
    }
    out << "\nBusiness metrics to move: ";
    std::string list;
    for (const auto& metric : roadmap.metrics) {
        list += (list.empty() ? "" : "; ") + metric.name + (metric.direction == "up" ? " (up)" : " (down)") +
                (metric.focus ? " ★" : "");
    }
    out << list << ".\n";
}

} // namespace

std::string render_markdown(const Report& report)
{
    std::ostringstream out;
    result_section(out, report.result);
    ladder_section(out, report.ladder);
    portfolio_section(out, report.portfolio);
    roadmap_section(out, report.roadmap);
    out << "\n---\nGenerated by cloudtrack on " << report.generated_at << ".\n";
    return out.str();
}

} // namespace cloudtrack::host::report
