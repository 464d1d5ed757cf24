// The inline SVG pieces of the HTML report, and HTML escaping.
#pragma once

#include "assessment/result_model.hpp"

#include <string>

namespace cloudtrack::host::report {

std::string escape(const std::string& text);

// Radar of the result's areas: measured percent against self-rating (share of the level scale).
std::string radar_chart(const assessment::Result& result);

// Per area: θ with ± one standard error on a −3..3 scale, and the level cut points.
std::string ability_bars(const assessment::Result& result);

} // namespace cloudtrack::host::report
