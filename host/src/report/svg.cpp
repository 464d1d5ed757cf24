#include "report/svg.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <sstream>
#include <vector>

namespace cloudtrack::host::report {

namespace {

std::string fmt(double value)
{
    std::ostringstream out;
    out.setf(std::ios::fixed);
    out.precision(1);
    out << value;
    return out.str();
}

struct Point {
    double x;
    double y;
};

constexpr double k_center = 210.0;
constexpr double k_radius = 130.0;

Point at(size_t index, size_t count, double share)
{
    // The first axis points up; axes go clockwise.
    const double angle = -std::numbers::pi / 2 +
                         2 * std::numbers::pi * static_cast<double>(index) / static_cast<double>(count);
    return {k_center + k_radius * share * std::cos(angle), k_center + k_radius * share * std::sin(angle)};
}

std::string polygon(const std::vector<double>& shares, const char* stroke, const char* fill, const char* name)
{
    std::ostringstream out;
    out << "<polygon class=\"" << name << "\" points=\"";
    for (size_t i = 0; i < shares.size(); ++i) {
        const auto p = at(i, shares.size(), shares[i]);
        out << fmt(p.x) << "," << fmt(p.y) << " ";
    }
    out << "\" fill=\"" << fill << "\" stroke=\"" << stroke << R"(" stroke-width="2.5"/>)";
    for (size_t i = 0; i < shares.size(); ++i) {
        const auto p = at(i, shares.size(), shares[i]);
        out << "<circle cx=\"" << fmt(p.x) << "\" cy=\"" << fmt(p.y) << R"(" r="3.5" fill=")" << stroke
            << "\"/>";
    }
    return out.str();
}

// Text width is estimated, not measured (no font metrics in a static file): 0.56 em per
// character is a little wide for the sans-serif fonts reports use, so estimates err on the side
// of space.
double text_width(const std::string& text, double font_size)
{
    size_t chars = 0;
    for (const char c : text) {
        chars += (static_cast<unsigned char>(c) & 0xC0U) != 0x80U ? 1U : 0U; // UTF-8 lead bytes
    }
    return 0.56 * font_size * static_cast<double>(chars);
}

// `text` in lines of at most `width` (estimated), broken at spaces; a longer word stands alone.
std::vector<std::string> wrap_lines(const std::string& text, double width, double font_size)
{
    std::vector<std::string> lines;
    std::string line;
    size_t at = 0;
    while (at <= text.size()) {
        const auto space = std::min(text.find(' ', at), text.size());
        const auto word = text.substr(at, space - at);
        const auto joined = line.empty() ? word : line + " " + word;
        if (!line.empty() && text_width(joined, font_size) > width) {
            lines.push_back(line);
            line = word;
        } else {
            line = joined;
        }
        at = space + 1;
    }
    if (!line.empty()) {
        lines.push_back(line);
    }
    return lines;
}

// A <text> of several lines: one <tspan> per line, the first at `y`.
std::string text_block(const std::vector<std::string>& lines, double x, double y, double line_height,
                       const std::string& attributes)
{
    std::ostringstream out;
    out << "<text " << attributes << " x=\"" << fmt(x) << "\" y=\"" << fmt(y) << "\">";
    for (size_t i = 0; i < lines.size(); ++i) {
        out << "<tspan x=\"" << fmt(x) << "\"" << (i == 0 ? "" : " dy=\"" + fmt(line_height) + "\"") << ">"
            << escape(lines[i]) << "</tspan>";
    }
    out << "</text>";
    return out.str();
}

// The areas with at least one scored item, in the track's order.
std::vector<const assessment::AreaResult*> measured_areas(const assessment::Result& result)
{
    std::vector<const assessment::AreaResult*> areas;
    for (const auto& area : result.areas) {
        if (area.figures.items > 0) {
            areas.push_back(&area);
        }
    }
    return areas;
}

} // namespace

std::string escape(const std::string& text)
{
    std::string out;
    out.reserve(text.size());
    for (const char c : text) {
        switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        case '\'': out += "&#39;"; break;
        default: out += c;
        }
    }
    return out;
}

// The radar's labels sit outside the rings, wrapped to a few words a line; the view box leaves
// room for them on every side, so no label is cut at the edge of the chart.
std::string radar_chart(const assessment::Result& result)
{
    constexpr double label_width = 120; // per line
    constexpr double font = 12;
    constexpr double line_height = 14;
    constexpr double margin = label_width + 12;
    const auto areas = measured_areas(result);
    const auto top = static_cast<double>(result.levels.size() - 1);
    std::ostringstream out;
    out << R"(<svg class="radar" viewBox=")" << fmt(-margin + 80) << " -20 " << fmt(420 + 2 * (margin - 80))
        << R"( 460" role="img" aria-label="Radar chart of the competency areas: measured percent and self-rating">)";
    const auto n = areas.size();
    if (n == 0) {
        return out.str() + R"(<text x="210" y="210" text-anchor="middle">No area was scored.</text></svg>)";
    }
    for (const double ring : {0.25, 0.5, 0.75, 1.0}) {
        out << "<polygon points=\"";
        for (size_t i = 0; i < n; ++i) {
            const auto p = at(i, n, ring);
            out << fmt(p.x) << "," << fmt(p.y) << " ";
        }
        out << R"(" fill="none" stroke="#d9dee7"/>)";
    }
    std::vector<double> measured;
    std::vector<double> self;
    bool any_self = false;
    for (size_t i = 0; i < n; ++i) {
        const auto edge = at(i, n, 1.0);
        out << "<line x1=\"" << k_center << "\" y1=\"" << k_center << "\" x2=\"" << fmt(edge.x) << "\" y2=\""
            << fmt(edge.y) << R"(" stroke="#d9dee7"/>)";
        const auto label = at(i, n, 1.1);
        const bool centered = std::abs(label.x - k_center) < 20;
        const char* anchor = centered ? "middle" : label.x > k_center ? "start" : "end";
        const auto lines = wrap_lines(areas[i]->name, label_width, font);
        const double block = line_height * static_cast<double>(lines.size() - 1);
        // Above the chart the block ends at the label point, below it starts there, beside it it
        // is centred on it.
        const double first = label.y < k_center - 20   ? label.y - block
                             : label.y > k_center + 20 ? label.y + font
                                                       : label.y + 4 - block / 2;
        out << text_block(lines, label.x, first, line_height,
                          std::string(R"(class="area-label" text-anchor=")") + anchor +
                              R"(" font-size="12" fill="#1d2430")");
        measured.push_back(areas[i]->figures.percent / 100.0);
        const auto& rating = areas[i]->self;
        any_self = any_self || rating.has_value();
        self.push_back(!rating || top == 0 ? 0.0 : static_cast<double>(rating->rating) / top);
    }
    if (any_self) {
        out << polygon(self, "#d9822b", "rgba(217,130,43,0.12)", "self-rated");
    }
    out << polygon(measured, "#2f6fde", "rgba(47,111,222,0.22)", "measured");
    out << "</svg>";
    return out.str();
}

// Per area: θ ± one standard error on a −3..3 scale under the level cut points. Level names are
// set in as many rows as they need not to touch each other, and area names are wrapped to the
// column left of the bars, so no label runs into another or into a bar.
std::string ability_bars(const assessment::Result& result)
{
    constexpr double left = 170;
    constexpr double width = 240;
    constexpr double level_font = 10;
    constexpr double level_row = 13;
    constexpr double area_font = 11;
    constexpr double area_line = 13;
    const auto x = [&](double theta) { return left + (std::clamp(theta, -3.0, 3.0) + 3.0) / 6.0 * width; };
    const auto areas = measured_areas(result);

    // Each cut point's name, centred on its line, in the first row where it clears the others.
    struct Label {
        double x;
        std::string name;
        size_t row;
    };
    std::vector<Label> labels;
    std::vector<double> row_end; // right edge of the last label in each row
    for (const auto& level : result.levels) {
        if (!level.min_theta) {
            continue;
        }
        const double cx = x(*level.min_theta);
        const double half = text_width(level.name, level_font) / 2;
        size_t row = 0;
        while (row < row_end.size() && row_end[row] + 6 > cx - half) {
            ++row;
        }
        if (row == row_end.size()) {
            row_end.push_back(0);
        }
        row_end[row] = cx + half;
        labels.push_back({cx, level.name, row});
    }
    const double header = 6 + level_row * static_cast<double>(std::max<size_t>(row_end.size(), 1));

    std::vector<std::vector<std::string>> names;
    std::vector<double> row_top;
    double y = header + 8;
    for (const auto* area : areas) {
        names.push_back(wrap_lines(area->name, left - 14, area_font));
        row_top.push_back(y);
        y += std::max(34.0, area_line * static_cast<double>(names.back().size()) + 12);
    }
    const double height = y + 4;
    const double right =
        std::max(left + width, row_end.empty() ? 0.0 : *std::max_element(row_end.begin(), row_end.end()));
    std::ostringstream out;
    out << R"(<svg class="bars" viewBox="0 0 )" << fmt(right + 8) << " " << fmt(height)
        << R"(" role="img" aria-label="Ability per area with uncertainty">)";
    for (const auto& label : labels) {
        const double label_y = 4 + level_row * static_cast<double>(label.row + 1) - 3;
        out << "<line x1=\"" << fmt(label.x) << "\" y1=\"" << fmt(label_y + 3) << "\" x2=\"" << fmt(label.x)
            << "\" y2=\"" << fmt(height - 4) << R"(" stroke="#9aa3b2" stroke-dasharray="3 3"/>)"
            << R"(<text class="level-label" x=")" << fmt(label.x) << "\" y=\"" << fmt(label_y)
            << R"(" font-size="10" text-anchor="middle" fill="#5b6475">)" << escape(label.name) << "</text>";
    }
    for (size_t i = 0; i < areas.size(); ++i) {
        const auto& area = *areas[i];
        const double block = area_line * static_cast<double>(names[i].size());
        const double mid = row_top[i] + std::max(34.0, block + 12) / 2;
        const double theta = area.figures.theta;
        const double se = area.figures.se;
        out << text_block(names[i], 0, mid - block / 2 + area_font - 1, area_line,
                          R"(class="bar-label" font-size="11" fill="#1d2430")")
            << "<rect x=\"" << fmt(left) << "\" y=\"" << fmt(mid - 1) << "\" width=\"" << fmt(width)
            << R"(" height="2" fill="#eef1f6"/><rect class="bar" x=")" << fmt(x(theta - se)) << "\" y=\""
            << fmt(mid - 6) << "\" width=\"" << fmt(x(theta + se) - x(theta - se))
            << R"svg(" height="12" rx="6" fill="rgba(47,111,222,0.25)"/><circle cx=")svg" << fmt(x(theta))
            << "\" cy=\"" << fmt(mid) << R"(" r="5" fill="#2f6fde"><title>θ )" << fmt(theta) << " ± "
            << fmt(se) << ", " << escape(area.figures.level_name) << "</title></circle>";
    }
    out << "</svg>";
    return out.str();
}

} // namespace cloudtrack::host::report
