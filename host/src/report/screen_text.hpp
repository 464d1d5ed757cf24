// The screener's outcome and its simulation as terminal text (assessment/screener.hpp,
// assessment/screen_simulation.hpp). Track names come from plugins and are made visible first.
#pragma once

#include "assessment/screen_simulation.hpp"
#include "assessment/screener.hpp"

#include <ostream>

namespace cloudtrack::host::report {

// The tracks ranked, how sure the ranking is, and the recommendation; an unfinished screen says
// only how far it got.
void print_screen(std::ostream& out, const assessment::Screen& screen, bool color);

void print_screen_simulation(std::ostream& out, const assessment::ScreenSimulationReport& report);

} // namespace cloudtrack::host::report
