#include "report/result_text.hpp"
#include "report/format.hpp"

#include "util/table.hpp"
#include "util/term.hpp"

#include <iomanip>
#include <sstream>

namespace cloudtrack::host::report {

namespace {

// "62.5%, θ = 0.41 ± 0.38 → Associate"
std::string figures_line(const assessment::Figures& f)
{
    return fixed(f.percent, 1) + "%, θ = " + fixed(f.theta, 2) + " ± " + fixed(f.se, 2) + " → " +
           f.level_name;
}

} // namespace

void print_result(std::ostream& out, const assessment::Result& unsafe, const TextOptions& options)
{
    const auto result = terminal_safe(unsafe); // a result may come from another machine
    const auto wrap = [&](const std::string& text, const char* indent) {
        return util::wrap(text, options.width - 2, indent);
    };
    const auto& overall = result.overall;
    out << util::paint(result.track.name + " result", "1", options.color) << "  (attempt "
        << result.attempt.id << ", " << overall.answered << "/" << overall.items
        << " scored items answered)\n\n";
    if (const auto note = measurement_note(result); !note.empty()) {
        out << wrap(note, "") << "\n\n";
    }
    util::Table table({"AREA", "PERCENT", "θ ± SE", "LEVEL", "SELF-RATED"});
    for (const auto& area : result.areas) {
        if (area.figures.items == 0) {
            continue;
        }
        const auto& f = area.figures;
        table.add({area.name, fixed(f.percent, 0) + "%", fixed(f.theta, 2) + " ± " + fixed(f.se, 2),
                   f.level_name, area.self ? area.self->level_name : "-"});
    }
    table.add({"Overall", fixed(overall.percent, 0) + "%",
               fixed(overall.theta, 2) + " ± " + fixed(overall.se, 2), overall.level_name, ""});
    table.print(out);

    if (const auto uncertain = uncertain_levels(result); !uncertain.empty()) {
        out << '\n' << util::paint("How sure the levels are", "1", options.color) << '\n';
        for (const auto& [name, odds] : uncertain) {
            out << wrap(name + ": " + odds, "  ") << '\n';
        }
    }

    bool gap_heading = false;
    for (const auto& area : result.areas) {
        if (!area.self || area.self->gap == 0) {
            continue;
        }
        if (!gap_heading) {
            out << '\n'
                << util::paint("Where self-rating and measurement disagree", "1", options.color) << '\n';
            gap_heading = true;
        }
        out << "  " << area.name << '\n' << wrap(area.self->note, "    ") << '\n';
    }

    bool target_heading = false;
    for (const auto& area : result.areas) {
        const auto note = below_target_note(area);
        if (note.empty()) {
            continue;
        }
        if (!target_heading) {
            out << '\n' << util::paint("Below the expected level", "1", options.color) << '\n';
            target_heading = true;
        }
        out << "  " << area.name << ": " << note << '\n';
    }

    if (!result.missed.empty()) {
        out << '\n'
            << util::paint("Missed items (" + std::to_string(result.missed.size()) + ")", "1", options.color)
            << '\n';
    }
    for (const auto& m : result.missed) {
        out << '\n'
            << util::paint(m.item, "33", options.color) << "  score " << fixed(m.score, 2) << '\n'
            << wrap(m.stem, "  ") << '\n'
            << "  Your answer: " << response_text(m.response) << "   Key: " << response_text(m.key) << '\n'
            << wrap("Why: " + m.explanation, "  ") << '\n';
        for (const auto& option : m.options) {
            out << wrap(option.option + ") " + option.rationale, "    ") << '\n';
        }
        for (const auto& ref : m.references) {
            out << "  Read: " << ref.title << " — " << ref.url << '\n';
        }
    }
    if (options.explain) {
        out << '\n';
        print_explanation(out, result, options);
    }
}

void print_explanation(std::ostream& out, const assessment::Result& result, const TextOptions& options)
{
    out << util::paint("How the levels were reached", "1", options.color) << '\n'
        << util::wrap("Each answer scores from 0 to 1. Per area, the scores and each item's difficulty b "
                      "(and discrimination a) give an ability estimate θ: the mean of the posterior over "
                      "θ from -4 to 4, starting from a standard-normal prior (see docs/scoring.md). The "
                      "level is the highest whose cut point θ reaches.",
                      options.width - 2, "  ")
        << "\n\n  Cut points:";
    for (const auto& level : result.levels) {
        out << "  " << level.name
            << (level.min_theta ? " ≥ " + fixed(*level.min_theta, 2) : std::string(" (start)"));
    }
    out << '\n';
    for (const auto& area : result.areas) {
        if (area.figures.items == 0) {
            continue;
        }
        out << '\n' << "  " << area.name << '\n';
        for (const auto& r : result.responses) {
            if (r.area != area.id) {
                continue;
            }
            out << "    " << std::left << std::setw(22) << r.item << " " << std::setw(16) << r.type
                << " answer " << std::setw(14) << response_text(r.response).substr(0, 14) << " score "
                << fixed(r.score, 2) << "  b " << fixed(r.b, 1) << "  a " << fixed(r.a, 1)
                << (r.scored ? "" : "  (beta: not scored)") << '\n';
        }
        out << "    → " << figures_line(area.figures) << '\n';
    }
    out << "\n  Overall (all scored items; percent weighted by area weight): " << figures_line(result.overall)
        << '\n';
}

} // namespace cloudtrack::host::report
