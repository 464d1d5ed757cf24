// The measurement commands' documents as terminal text: a simulation (cloudtrack.simulation/1,
// assessment/simulation.hpp) and a calibration report (cli/cmd_calibrate.cpp).
#pragma once

#include <nlohmann/json.hpp>

#include <ostream>

namespace cloudtrack::host::report {

void print_simulation(std::ostream& out, const nlohmann::json& simulation);
void print_calibration(std::ostream& out, const nlohmann::json& report);

} // namespace cloudtrack::host::report
