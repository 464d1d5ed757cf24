#include "report/cohort_text.hpp"

#include "report/format.hpp"
#include "util/table.hpp"
#include "util/term.hpp"

#include <string>
#include <vector>

namespace cloudtrack::host::report {

namespace {

// A count cell: the number, or "<N" where it is suppressed.
std::string count_text(const career::CohortCount& cell, size_t min_cell)
{
    return cell.suppressed ? "<" + std::to_string(min_cell) : std::to_string(cell.count);
}

std::string levels_text(const career::CohortFigures& figures, size_t min_cell)
{
    std::string text;
    for (const auto& level : figures.levels) {
        text += (text.empty() ? "" : ", ") + level.name + " " + count_text(level.people, min_cell);
    }
    return text;
}

void add_row(util::Table& table, const std::string& name, const career::CohortFigures& figures)
{
    if (figures.suppressed) {
        table.add({name, std::to_string(figures.people), "-", "-"});
        return;
    }
    table.add({name, std::to_string(figures.people), fixed(figures.median_percent, 0) + "%",
               fixed(figures.p25_percent, 0) + "–" + fixed(figures.p75_percent, 0) + "%"});
}

// Every string of the summary made visible for a terminal: they come from files other people
// wrote (util::visible).
career::Cohort visible(career::Cohort cohort)
{
    const auto figures = [](career::CohortFigures& f) {
        for (auto& level : f.levels) {
            level.name = util::visible(level.name);
        }
        if (f.target_level_name) {
            f.target_level_name = util::visible(*f.target_level_name);
        }
    };
    cohort.track_name = util::visible(cohort.track_name);
    for (auto& v : cohort.versions) {
        v.version = util::visible(v.version);
    }
    figures(cohort.overall);
    for (auto& area : cohort.areas) {
        area.name = util::visible(area.name);
        figures(area.figures);
    }
    for (auto& name : cohort.weakest_areas) {
        name = util::visible(name);
    }
    for (auto& m : cohort.most_missed) {
        m.item = util::visible(m.item);
        m.area = util::visible(m.area);
        m.stem = util::visible(m.stem);
    }
    return cohort;
}

// The median gap (measured minus self-rated level) in words; "" when they agree.
std::string gap_text(double gap)
{
    if (gap == 0.0) {
        return {};
    }
    const double size = gap < 0 ? -gap : gap;
    const auto levels =
        fixed(size, size == static_cast<int>(size) ? 0 : 1) + (size == 1.0 ? " level" : " levels");
    return "people rate themselves a median " + levels + (gap < 0 ? " above" : " below") +
           " what is measured";
}

// The start of an item's stem, enough to recognize it; the JSON keeps it whole.
std::string shortened(const std::string& stem)
{
    constexpr size_t k_length = 110;
    if (stem.size() <= k_length) {
        return stem;
    }
    const auto cut = stem.rfind(' ', k_length);
    return stem.substr(0, cut == std::string::npos ? k_length : cut) + " …";
}

} // namespace

void print_cohort(std::ostream& out, const career::Cohort& shared, bool color)
{
    const auto cohort = visible(shared); // built from files other people wrote
    const auto min_cell = static_cast<size_t>(cohort.min_cell);
    std::string versions;
    for (const auto& v : cohort.versions) {
        versions += (versions.empty() ? "" : ", ") + v.version + " (" + count_text(v.people, min_cell) + ")";
    }
    out << util::paint(cohort.track_name + " cohort", "1", color) << ": " << cohort.people
        << " people, the newest result of each; track versions " << versions
        << ".\nNo one is named; counts below " << min_cell << " are shown as <" << min_cell << ".\n\n";

    util::Table table({"AREA", "PEOPLE", "MEDIAN", "MIDDLE HALF"});
    for (const auto& area : cohort.areas) {
        add_row(table, area.name, area.figures);
    }
    add_row(table, "Overall", cohort.overall);
    table.print(out);

    out << '\n' << util::paint("Levels reached", "1", color) << '\n';
    for (const auto& area : cohort.areas) {
        if (!area.figures.suppressed) {
            out << util::wrap(area.name + ": " + levels_text(area.figures, min_cell), 78, "  ", "    ")
                << '\n';
        }
    }
    if (!cohort.overall.suppressed) {
        out << util::wrap("Overall: " + levels_text(cohort.overall, min_cell), 78, "  ", "    ") << '\n';
    }

    if (!cohort.weakest_areas.empty()) {
        out << '\n'
            << util::wrap("Train first (lowest medians): " + util::join(cohort.weakest_areas) + ".", 78, "")
            << '\n';
    }
    bool heading = false;
    for (const auto& area : cohort.areas) {
        std::vector<std::string> notes;
        if (area.figures.below_target) {
            notes.push_back(count_text(*area.figures.below_target, min_cell) + " of " +
                            std::to_string(area.figures.people) + " below the expected level (" +
                            *area.figures.target_level_name + ")");
        }
        if (area.figures.median_gap) {
            if (auto gap = gap_text(*area.figures.median_gap); !gap.empty()) {
                notes.push_back(std::move(gap));
            }
        }
        if (notes.empty()) {
            continue;
        }
        if (!heading) {
            out << '\n' << util::paint("Against expectations", "1", color) << '\n';
            heading = true;
        }
        std::string line = area.name + ": " + notes.front();
        for (size_t i = 1; i < notes.size(); ++i) {
            line += "; " + notes[i];
        }
        out << util::wrap(line + ".", 78, "  ", "    ") << '\n';
    }
    if (!cohort.most_missed.empty()) {
        out << '\n' << util::paint("Most missed items", "1", color) << '\n';
        for (const auto& m : cohort.most_missed) {
            out << util::wrap(m.item + " (" + m.area + "), missed by " + std::to_string(m.missed_by) +
                                  " of " + std::to_string(cohort.people) + ": " + shortened(m.stem),
                              78, "  ", "    ")
                << '\n';
        }
    }
}

} // namespace cloudtrack::host::report
