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

std::string radar_chart(const assessment::Result& result)
{
    const auto areas = measured_areas(result);
    const auto top = static_cast<double>(result.levels.size() - 1);
    std::ostringstream out;
    out << "<svg class=\"radar\" viewBox=\"0 0 420 420\" role=\"img\" aria-label=\"Radar chart of the "
           "competency areas: "
           "measured percent and self-rating\">";
    const auto n = areas.size();
    if (n == 0) {
        return out.str() + R"(<text x="210" y="210" text-anchor="middle">No area was scored.</text></svg>)";
    }
    for (const double ring : {0.25, 0.5, 0.75, 1.0}) {
        std::vector<double> shares(std::max<size_t>(n, 3), ring);
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
        const auto label = at(i, n, 1.16);
        const char* anchor = std::abs(label.x - k_center) < 20 ? "middle"
                             : label.x > k_center              ? "start"
                                                               : "end";
        out << R"(<text class="area-label" x=")" << fmt(label.x) << "\" y=\"" << fmt(label.y + 4)
            << "\" text-anchor=\"" << anchor << R"(" font-size="12" fill="#1d2430">)"
            << escape(areas[i]->name) << "</text>";
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

std::string ability_bars(const assessment::Result& result)
{
    constexpr double left = 150;
    constexpr double width = 240;
    constexpr double row = 34;
    const auto x = [&](double theta) { return left + (std::clamp(theta, -3.0, 3.0) + 3.0) / 6.0 * width; };
    const auto areas = measured_areas(result);
    const double height = 30 + row * static_cast<double>(areas.size());
    std::ostringstream out;
    out << R"(<svg class="bars" viewBox="0 0 400 )" << fmt(height)
        << R"(" role="img" aria-label="Ability per area with )"
        << "uncertainty\">";
    for (const auto& level : result.levels) {
        if (!level.min_theta) {
            continue;
        }
        const auto cx = x(*level.min_theta);
        out << "<line x1=\"" << fmt(cx) << R"(" y1="14" x2=")" << fmt(cx) << "\" y2=\"" << fmt(height - 4)
            << R"(" stroke="#9aa3b2" stroke-dasharray="3 3"/><text x=")" << fmt(cx)
            << R"(" y="11" font-size="9" )"
            << R"(text-anchor="middle" fill="#5b6475">)" << escape(level.name) << "</text>";
    }
    for (size_t i = 0; i < areas.size(); ++i) {
        const auto& area = *areas[i];
        const double y = 30 + row * static_cast<double>(i);
        const double theta = area.figures.theta;
        const double se = area.figures.se;
        out << R"(<text x="0" y=")" << fmt(y + 5) << R"(" font-size="11" fill="#1d2430">)"
            << escape(area.name) << "</text><rect x=\"" << fmt(left) << "\" y=\"" << fmt(y - 1)
            << "\" width=\"" << fmt(width) << R"(" height="2" fill="#eef1f6"/><rect x=")"
            << fmt(x(theta - se)) << "\" y=\"" << fmt(y - 6) << "\" width=\""
            << fmt(x(theta + se) - x(theta - se)) << R"(" height="12" rx="6" )"
            << "fill=\"rgba(47,111,222,0.25)\"/><circle cx=\"" << fmt(x(theta)) << "\" cy=\"" << fmt(y)
            << R"(" r="5" )"
            << "fill=\"#2f6fde\"><title>θ " << fmt(theta) << " ± " << fmt(se) << ", "
            << escape(area.figures.level_name) << "</title></circle>";
    }
    out << "</svg>";
    return out.str();
}

} // namespace cloudtrack::host::report
