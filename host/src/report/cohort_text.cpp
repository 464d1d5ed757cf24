#include "report/cohort_text.hpp"

#include "report/format.hpp"
#include "util/table.hpp"
#include "util/term.hpp"

#include <string>
#include <vector>

namespace cloudtrack::host::report {

namespace {

using nlohmann::json;

// A count cell: the number, or "<N" where it is suppressed.
std::string count_text(const json& cell, size_t min_cell)
{
    return cell["suppressed"].get<bool>() ? "<" + std::to_string(min_cell)
                                          : std::to_string(cell["count"].get<size_t>());
}

std::string levels_text(const json& figures, size_t min_cell)
{
    std::string text;
    for (const auto& level : figures["levels"]) {
        text +=
            (text.empty() ? "" : ", ") + level["name"].get<std::string>() + " " + count_text(level, min_cell);
    }
    return text;
}

void add_row(util::Table& table, const std::string& name, const json& figures)
{
    if (figures["suppressed"].get<bool>()) {
        table.add({name, std::to_string(figures["people"].get<size_t>()), "-", "-"});
        return;
    }
    table.add({name, std::to_string(figures["people"].get<size_t>()),
               fixed(figures["median_percent"].get<double>(), 0) + "%",
               fixed(figures["p25_percent"].get<double>(), 0) + "–" +
                   fixed(figures["p75_percent"].get<double>(), 0) + "%"});
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

void print_cohort(std::ostream& out, const json& shared, bool color)
{
    const auto cohort = terminal_safe(shared); // built from files other people wrote
    const auto min_cell = cohort["min_cell"].get<size_t>();
    std::string versions;
    for (const auto& v : cohort["versions"]) {
        versions += (versions.empty() ? "" : ", ") + v["version"].get<std::string>() + " (" +
                    count_text(v, min_cell) + ")";
    }
    out << util::paint(cohort["track_name"].get<std::string>() + " cohort", "1", color) << ": "
        << cohort["people"].get<size_t>() << " people, the newest result of each; track versions " << versions
        << ".\nNo one is named; counts below " << min_cell << " are shown as <" << min_cell << ".\n\n";

    util::Table table({"AREA", "PEOPLE", "MEDIAN", "MIDDLE HALF"});
    for (const auto& area : cohort["areas"]) {
        add_row(table, area["name"].get<std::string>(), area);
    }
    add_row(table, "Overall", cohort["overall"]);
    table.print(out);

    out << '\n' << util::paint("Levels reached", "1", color) << '\n';
    for (const auto& area : cohort["areas"]) {
        if (!area["suppressed"].get<bool>()) {
            out << util::wrap(area["name"].get<std::string>() + ": " + levels_text(area, min_cell), 78, "  ",
                              "    ")
                << '\n';
        }
    }
    if (!cohort["overall"]["suppressed"].get<bool>()) {
        out << util::wrap("Overall: " + levels_text(cohort["overall"], min_cell), 78, "  ", "    ") << '\n';
    }

    if (!cohort["weakest_areas"].empty()) {
        const auto weakest = cohort["weakest_areas"].get<std::vector<std::string>>();
        out << '\n'
            << util::wrap("Train first (lowest medians): " + util::join(weakest) + ".", 78, "") << '\n';
    }
    bool heading = false;
    for (const auto& area : cohort["areas"]) {
        std::vector<std::string> notes;
        if (area.contains("below_target")) {
            notes.push_back(count_text(area["below_target"], min_cell) + " of " +
                            std::to_string(area["people"].get<size_t>()) + " below the expected level (" +
                            area["target_level_name"].get<std::string>() + ")");
        }
        if (area.contains("median_gap")) {
            if (auto gap = gap_text(area["median_gap"].get<double>()); !gap.empty()) {
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
        std::string line = area["name"].get<std::string>() + ": " + notes.front();
        for (size_t i = 1; i < notes.size(); ++i) {
            line += "; " + notes[i];
        }
        out << util::wrap(line + ".", 78, "  ", "    ") << '\n';
    }
    if (!cohort["most_missed"].empty()) {
        out << '\n' << util::paint("Most missed items", "1", color) << '\n';
        for (const auto& m : cohort["most_missed"]) {
            out << util::wrap(m["item"].get<std::string>() + " (" + m["area"].get<std::string>() +
                                  "), missed by " + std::to_string(m["missed_by"].get<size_t>()) + " of " +
                                  std::to_string(cohort["people"].get<size_t>()) + ": " +
                                  shortened(m["stem"].get<std::string>()),
                              78, "  ", "    ")
                << '\n';
        }
    }
}

} // namespace cloudtrack::host::report
