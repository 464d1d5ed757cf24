#include "report/career_text.hpp"

#include "content/model.hpp"
#include "report/format.hpp"
#include "util/table.hpp"
#include "util/term.hpp"

namespace cloudtrack::host::report {

namespace {

std::string status_text(const std::string& status)
{
    return status == "not_yet" ? "not yet" : status;
}

const char* status_colour(const std::string& status)
{
    if (status == "held" || status == "ready") {
        return "32";
    }
    return status == "expired" ? "31" : status == "retired" ? "2" : "0";
}

// The next rung's blueprint, facts and notes, under the "Next:" line.
void print_next_details(std::ostream& out, const career::RungStatus& rung)
{
    for (const auto& domain : rung.blueprint) {
        out << "    " << util::json_number_text(domain.weight) << "%  " << domain.domain << ": "
            << (domain.percent ? util::json_number_text(*domain.percent) + "%" : std::string("not measured"))
            << '\n';
    }
    out << util::wrap("Facts as of " + rung.as_of + " (" + rung.confidence + " confidence), " + rung.source,
                      78, "  ")
        << '\n';
    if (!rung.unconfirmed.empty()) {
        out << util::wrap("Not confirmed at that date: " + util::join(rung.unconfirmed), 78, "  ") << '\n';
    }
    if (!rung.notes.empty()) {
        out << util::wrap("Note: " + rung.notes, 78, "  ") << '\n';
    }
}

// Every string of the status made visible for a terminal (util::visible): evidence quotes lines
// of the person's own files, which could otherwise move the cursor or recolour a line.
career::PortfolioStatus visible(career::PortfolioStatus portfolio)
{
    const auto safe = [](std::string& text) { text = util::visible(text); };
    safe(portfolio.track);
    safe(portfolio.track_name);
    for (auto& project : portfolio.projects) {
        for (auto* text : {&project.id, &project.title, &project.business_question, &project.outcome_metric,
                           &project.outcome_target, &project.description}) {
            safe(*text);
        }
        for (auto& item : project.checklist) {
            safe(item.id);
            safe(item.text);
            safe(item.evidence_hint);
            if (item.probe) {
                safe(*item.probe);
            }
            if (item.mark) {
                safe(item.mark->evidence);
                safe(item.mark->source);
                safe(item.mark->marked_at);
            }
        }
    }
    return portfolio;
}

} // namespace

void print_ladder(std::ostream& out, const career::LadderStatus& ladder, bool color)
{
    out << util::paint(ladder.track_name + " certification ladder", "1", color) << '\n';
    if (!ladder.based_on_result) {
        out << "No finished assessment yet: readiness is unknown (cloudtrack assess " << ladder.track
            << ").\n";
    } else {
        out << "Readiness from result " << *ladder.based_on_result << " (measured level "
            << ladder.measured_level.value_or("") << "); ready means at least "
            << util::json_number_text(ladder.ready_percent)
            << "% weighted by the exam blueprint, the rung's level reached and its "
            << "prerequisites held.\n";
    }
    out << '\n';
    util::Table table({"RUNG", "EXAM", "LEVEL", "STATUS", "READY", "REQUIRES"});
    for (const auto& rung : ladder.rungs) {
        std::string requires_text;
        for (const auto& pre : rung.prerequisites) {
            requires_text += (requires_text.empty() ? "" : ", ") + content::to_string(pre.rung) +
                             (pre.met ? " (held)" : " (missing)");
        }
        table.add({rung.id, rung.exam_code, rung.level_name,
                   util::paint(status_text(rung.status), status_colour(rung.status), color),
                   rung.readiness ? util::json_number_text(*rung.readiness) + "%" : "-",
                   requires_text.empty() ? "-" : requires_text});
    }
    table.print(out);
    for (const auto& rung : ladder.rungs) {
        if (rung.status == "retired") {
            out << "  " << rung.id << " is retired; take " << rung.successor.value_or("") << " instead.\n";
        } else if (rung.earned && rung.earned->expires_on) {
            out << "  " << rung.id << (rung.status == "expired" ? " expired on " : " valid until ")
                << *rung.earned->expires_on << ".\n";
        }
    }
    if (ladder.next) {
        out << '\n'
            << util::paint("Next: " + ladder.next->name, "1", color) << '\n'
            << util::wrap(ladder.next->reason, 78, "  ") << '\n';
        for (const auto& rung : ladder.rungs) {
            if (rung.id == ladder.next->rung) {
                print_next_details(out, rung);
            }
        }
    }
}

void print_portfolio(std::ostream& out, const career::PortfolioStatus& portfolio, bool color)
{
    const auto shown = visible(portfolio);
    out << util::paint(shown.track_name + " portfolio", "1", color) << '\n';
    for (const auto& project : shown.projects) {
        out << '\n'
            << util::paint(project.title, "1", color) << "  (" << project.id << ", " << project.done << "/"
            << project.total << " done)\n"
            << util::wrap("Question: " + project.business_question, 78, "  ") << '\n'
            << util::wrap("Outcome metric: " + project.outcome_metric, 78, "  ") << '\n';
        if (!project.outcome_target.empty()) {
            out << util::wrap("Target: " + project.outcome_target, 78, "  ") << '\n';
        }
        for (const auto& item : project.checklist) {
            out << util::wrap(std::string(item.done() ? "[x] " : "[ ] ") + item.id + ": " + item.text, 78,
                              "  ", "      ")
                << '\n';
            if (item.mark && !item.mark->evidence.empty()) {
                out << util::wrap("evidence (" + item.mark->source + "): " + item.mark->evidence, 78,
                                  "      ")
                    << '\n';
            }
        }
    }
}

void print_roadmap(std::ostream& out, const career::Roadmap& roadmap, bool color)
{
    out << util::paint("12-month roadmap: " + roadmap.primary +
                           (roadmap.secondary ? " with " + *roadmap.secondary : std::string()),
                       "1", color)
        << '\n';
    for (const auto& phase : roadmap.phases) {
        out << "\nMonths " << phase.months << ": " << phase.title << '\n';
        for (const auto& action : phase.actions) {
            out << util::wrap("- [" + action.track + "] " + action.text, 78, "  ", "    ") << '\n';
        }
    }
    out << "\nBusiness metrics to move:\n";
    for (const auto& metric : roadmap.metrics) {
        out << "  " << (metric.focus ? "* " : "  ") << "[" << metric.track << "] " << metric.name
            << (metric.direction == "up" ? " (raise it)" : " (bring it down)") << '\n';
    }
    out << "  (* the outcome metric of the project you build)\n";
}

void print_recommendation(std::ostream& out, const career::Recommendation& recommendation, bool color)
{
    if (recommendation.ranked.empty()) {
        out << "No track assessed yet.\n";
    } else {
        out << util::paint("Tracks by fit", "1", color) << '\n';
        size_t rank = 0;
        for (const auto& entry : recommendation.ranked) {
            out << "  " << ++rank << ". " << entry.name << " (" << entry.track << "), fit "
                << util::json_number_text(entry.fit) << " of 100\n"
                << util::wrap(util::join(entry.reasons, "; "), 78, "     ") << '\n';
        }
        out << '\n' << util::wrap(recommendation.why.value_or(""), 78) << '\n';
        out << "Primary: " << recommendation.primary.value_or("");
        if (recommendation.secondary) {
            out << ", secondary: " << *recommendation.secondary;
        }
        out << '\n';
    }
    if (!recommendation.not_assessed.empty()) {
        out << "\nNot assessed yet:\n";
        for (const auto& entry : recommendation.not_assessed) {
            out << "  " << entry.name << ": " << entry.command << '\n';
        }
    }
}

namespace {

std::string percent_text(const std::optional<career::ProgressPoint>& point)
{
    return fixed(point->figures.percent, 0) + "%";
}

// Percent points first to latest, and whether θ moved beyond the noise; 80 columns in all.
void add_progress_row(util::Table& table, const career::ProgressSeries& series)
{
    if (series.points == 0) {
        return;
    }
    const auto change = series.change();
    if (!change) {
        table.add({series.name, percent_text(series.first), "-", "-", "-"});
        return;
    }
    const auto verdict = change->verdict;
    table.add({series.name, percent_text(series.first), percent_text(series.latest),
               (change->percent > 0 ? "+" : "") + fixed(change->percent, 0),
               verdict == career::Verdict::within_noise ? std::string("within noise") : to_string(verdict)});
}

// "Observability and SLOs: Foundation → Associate" for every area whose level changed.
void print_level_changes(std::ostream& out, const career::Progress& progress)
{
    bool heading = false;
    const auto line = [&](const career::ProgressSeries& series) {
        if (series.points < 2 || series.first->figures.level_name == series.latest->figures.level_name) {
            return;
        }
        if (!heading) {
            out << "Levels that changed:\n";
            heading = true;
        }
        out << "  " << series.name << ": " << series.first->figures.level_name << " → "
            << series.latest->figures.level_name << '\n';
    };
    for (const auto& area : progress.areas) {
        line(area);
    }
    line(progress.overall);
    if (heading) {
        out << '\n';
    }
}

} // namespace

void print_progress(std::ostream& out, const career::Progress& progress, bool color)
{
    out << util::paint(progress.track_name + " progress", "1", color) << ": "
        << util::count_of(progress.results, "result") << ", " << progress.first_finished_at.substr(0, 10)
        << " to " << progress.latest_finished_at.substr(0, 10) << "\n";
    if (!progress.same_content) {
        out << util::wrap("The track's questions changed between these results: compare with care.", 78, "")
            << '\n';
    }
    out << '\n';
    util::Table table({"AREA", "FIRST", "LATEST", "CHANGE", "VERDICT"});
    for (const auto& area : progress.areas) {
        add_progress_row(table, area);
    }
    add_progress_row(table, progress.overall);
    table.print(out);
    out << '\n';
    print_level_changes(out, progress);
    if (progress.results == 1) {
        out << util::wrap("One result so far: take the assessment again in a few months to see what moved.",
                          78, "")
            << '\n';
        return;
    }
    out << util::wrap("A change is called improved or declined only when the ability estimate moved by more "
                      "than 1.96 standard errors of the difference (95%); smaller ones may be the "
                      "measurement's own noise.",
                      78, "")
        << '\n';
}

} // namespace cloudtrack::host::report
