#include "report/html.hpp"
#include "report/format.hpp"

#include "report/svg.hpp"
#include "util/term.hpp"

#include <sstream>

namespace cloudtrack::host::report {

namespace {

constexpr const char* k_style = R"(
:root{--ink:#1d2430;--muted:#5b6475;--line:#d9dee7;--accent:#2f6fde;--self:#d9822b;--ok:#1f8a4c;--bad:#b3261e;--bg:#fff}
*{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--ink);background:var(--bg)}
main{max-width:960px;margin:0 auto;padding:1.5rem 1rem 3rem}
h1{font-size:1.7rem;margin:.2rem 0}h2{font-size:1.25rem;margin:2rem 0 .6rem;border-bottom:1px solid var(--line);padding-bottom:.3rem}
h3{font-size:1.05rem;margin:1.2rem 0 .3rem}
.muted{color:var(--muted)}.summary{display:flex;flex-wrap:wrap;gap:1.5rem;align-items:center}
.level{font-size:1.4rem;font-weight:700}
.grid{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1fr);gap:1.5rem;align-items:start}
@media (max-width:700px){.grid{grid-template-columns:1fr}main{padding:1rem .75rem}table{display:block;overflow-x:auto}}
svg{max-width:100%;height:auto;display:block}
table{border-collapse:collapse;width:100%;font-size:.92rem}th,td{text-align:left;padding:.35rem .4rem;border-bottom:1px solid var(--line);vertical-align:top}
tr.next td{background:#eaf1fd;font-weight:600}
.tag{display:inline-block;padding:0 .45rem;border-radius:.6rem;font-size:.8rem;border:1px solid var(--line)}
.tag.held,.tag.ready{color:var(--ok);border-color:var(--ok)}.tag.expired{color:var(--bad);border-color:var(--bad)}.tag.retired{color:var(--muted)}
.legend span{margin-right:1rem}.swatch{display:inline-block;width:.8rem;height:.8rem;border-radius:2px;margin-right:.3rem;vertical-align:-1px}
.missed{border-left:3px solid var(--line);padding:.2rem 0 .2rem .8rem;margin:.8rem 0}
.missed ul{margin:.3rem 0;padding-left:1.2rem}
.progress{height:.5rem;background:var(--line);border-radius:.25rem;overflow:hidden}.progress>div{height:100%;background:var(--accent)}
.timeline{display:grid;grid-template-columns:repeat(3,minmax(0,1fr));gap:1rem}
@media (max-width:700px){.timeline{grid-template-columns:1fr}}
.phase{border-top:4px solid var(--accent);padding-top:.4rem}.phase ul{padding-left:1.1rem;margin:.3rem 0}
a{color:var(--accent);word-break:break-word}
@media print{body{font-size:11pt}main{max-width:none;padding:0}h2{break-after:avoid}.missed,tr,.phase{break-inside:avoid}a{color:var(--ink)}}
)";

void header(std::ostringstream& out, const assessment::Result& result)
{
    const auto& overall = result.overall;
    out << "<header><p class=\"muted\">cloudtrack report · result " << result.attempt.id << " · "
        << escape(result.attempt.profile) << " · " << escape(result.attempt.finished_at) << "</p>"
        << "<h1>" << escape(result.track.name)
        << R"(</h1><div class="summary"><div><div class="muted">Overall level</div>)"
        << "<div class=\"level\">" << escape(overall.level_name)
        << "</div></div><div><div class=\"muted\">Percent</div>"
        << "<div class=\"level\">" << fixed(overall.percent, 0) << "%</div></div>"
        << "<div><div class=\"muted\">Ability θ ± SE</div><div class=\"level\">" << fixed(overall.theta, 2)
        << " ± " << fixed(overall.se, 2) << "</div></div></div>";
    if (const auto note = measurement_note(result); !note.empty()) {
        out << "<p class=\"muted\">" << escape(note) << "</p>";
    }
    out << "</header>";
}

void areas(std::ostringstream& out, const assessment::Result& result)
{
    out << "<section><h2>Competency areas</h2><div class=\"grid\"><figure>" << radar_chart(result)
        << "<figcaption class=\"legend\"><span><i class=\"swatch\" "
           "style=\"background:#2f6fde\"></i>measured</span>"
        << "<span><i class=\"swatch\" "
           "style=\"background:#d9822b\"></i>self-rated</span></figcaption></figure><div>"
        << ability_bars(result)
        << "<p class=\"muted\">Bars show the ability estimate θ with ± one standard error; the dashed lines "
           "are the "
           "level cut points. Wide bars mean few items: treat those levels as "
           "rough.</p>";
    if (const auto uncertain = uncertain_levels(result); !uncertain.empty()) {
        out << "<h3>How sure the levels are</h3><ul>";
        for (const auto& [name, odds] : uncertain) {
            out << "<li><strong>" << escape(name) << "</strong>: " << escape(odds) << "</li>";
        }
        out << "</ul>";
    }
    out << "</div></div></section>";
}

void gaps(std::ostringstream& out, const assessment::Result& result)
{
    std::ostringstream list;
    for (const auto& area : result.areas) {
        if (area.self && area.self->gap != 0) {
            list << "<li><strong>" << escape(area.name) << "</strong>: " << escape(area.self->note)
                 << "</li>";
        }
    }
    if (!list.str().empty()) {
        out << "<section><h2>Where self-rating and measurement disagree</h2><ul>" << list.str()
            << "</ul></section>";
    }
    std::ostringstream below;
    for (const auto& area : result.areas) {
        if (const auto note = below_target_note(area); !note.empty()) {
            below << "<li><strong>" << escape(area.name) << "</strong>: " << escape(note) << "</li>";
        }
    }
    if (!below.str().empty()) {
        out << "<section><h2>Below the expected level</h2><ul>" << below.str() << "</ul></section>";
    }
    if (result.missed.empty()) {
        return;
    }
    out << "<section><h2>Missed items (" << result.missed.size() << ")</h2>";
    for (const auto& m : result.missed) {
        out << "<div class=\"missed\"><h3>" << escape(m.item) << " <span class=\"muted\">score "
            << fixed(m.score, 2) << "</span></h3><p>" << escape(m.stem) << "</p><p>Your answer: <strong>"
            << escape(response_text(m.response)) << "</strong> · Key: <strong>"
            << escape(response_text(m.key)) << "</strong></p><p>" << escape(m.explanation) << "</p>";
        if (!m.options.empty()) {
            out << "<ul>";
            for (const auto& option : m.options) {
                out << "<li><code>" << escape(option.option) << "</code> " << escape(option.rationale)
                    << "</li>";
            }
            out << "</ul>";
        }
        for (const auto& ref : m.references) {
            out << "<p>Read: <a href=\"" << escape(ref.url) << "\">" << escape(ref.title) << "</a></p>";
        }
        out << "</div>";
    }
    out << "</section>";
}

void ladder(std::ostringstream& out, const career::LadderStatus& ladder)
{
    out << "<section><h2>Certification ladder</h2>";
    if (ladder.next) {
        out << "<p><strong>Next: " << escape(ladder.next->name) << ".</strong> "
            << escape(ladder.next->reason) << "</p>";
    }
    out << "<table><thead><tr><th>Certification</th><th>Exam</th><th>Level</th><th>Status</th><th>Readiness</"
           "th>"
           "<th>Facts as of</th></tr></thead><tbody>";
    for (const auto& rung : ladder.rungs) {
        const bool next = ladder.next && ladder.next->rung == rung.id;
        out << "<tr" << (next ? " class=\"next\"" : "") << "><td>" << escape(rung.name) << (next ? " ★" : "")
            << "</td><td>" << escape(rung.exam_code) << "</td><td>" << escape(rung.level_name)
            << "</td><td><span class=\"tag " << rung.status << "\">"
            << (rung.status == "not_yet" ? "not yet" : rung.status) << "</span></td><td>"
            << (rung.readiness ? util::json_number_text(*rung.readiness) + "%" : "–") << "</td><td>"
            << "<a href=\"" << escape(rung.source) << "\">" << escape(rung.as_of) << "</a> ("
            << escape(rung.confidence) << ")</td></tr>";
    }
    out << "</tbody></table></section>";
}

void portfolio(std::ostringstream& out, const career::PortfolioStatus& portfolio)
{
    out << "<section><h2>Portfolio</h2>";
    for (const auto& project : portfolio.projects) {
        const auto done = static_cast<double>(project.done);
        const auto total = static_cast<double>(project.total);
        out << "<h3>" << escape(project.title) << " <span class=\"muted\">" << project.done << "/"
            << project.total << R"(</span></h3><div class="progress" role="img" aria-label=")" << project.done
            << " of " << project.total
            << " done\"><div style=\"width:" << fixed(total > 0 ? 100 * done / total : 0, 0)
            << "%\"></div></div><p>" << escape(project.business_question)
            << " <span class=\"muted\">Outcome metric: " << escape(project.outcome_metric)
            << "</span></p><ul>";
        for (const auto& item : project.checklist) {
            out << "<li>" << (item.done() ? "☑ " : "☐ ") << escape(item.text) << "</li>";
        }
        out << "</ul>";
    }
    out << "</section>";
}

void roadmap(std::ostringstream& out, const career::Roadmap& roadmap)
{
    out << "<section><h2>12-month roadmap</h2><div class=\"timeline\">";
    for (const auto& phase : roadmap.phases) {
        out << "<div class=\"phase\"><strong>Months " << escape(phase.months)
            << "</strong><div class=\"muted\">" << escape(phase.title) << "</div><ul>";
        for (const auto& action : phase.actions) {
            out << "<li><span class=\"tag\">" << escape(action.track) << "</span> " << escape(action.text)
                << "</li>";
        }
        out << "</ul></div>";
    }
    out << "</div><p class=\"muted\">Business metrics to move: ";
    std::string list;
    for (const auto& metric : roadmap.metrics) {
        list += (list.empty() ? "" : " · ") + escape(metric.name) + (metric.direction == "up" ? " ↑" : " ↓") +
                (metric.focus ? " (project)" : "");
    }
    out << list << "</p></section>";
}

} // namespace

std::string render_html(const Report& report)
{
    const auto& result = report.result;
    std::ostringstream out;
    out << R"(<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">)"
        << R"(<meta name="viewport" content="width=device-width,initial-scale=1">)"
        << "<title>" << escape(result.track.name) << " report</title><style>" << k_style
        << "</style></head><body><main>";
    header(out, result);
    areas(out, result);
    gaps(out, result);
    ladder(out, report.ladder);
    portfolio(out, report.portfolio);
    roadmap(out, report.roadmap);
    out << "<footer><p class=\"muted\">Generated by cloudtrack on " << escape(report.generated_at)
        << ". Scoring explained in docs/scoring.md of the cloudtrack "
           "sources.</p></footer></main></body></html>\n";
    return out.str();
}

} // namespace cloudtrack::host::report
