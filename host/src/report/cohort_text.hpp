// A cohort summary (cloudtrack.cohort/1, career/cohort.hpp) as terminal text.
#pragma once

#include <nlohmann/json.hpp>

#include <ostream>

namespace cloudtrack::host::report {

void print_cohort(std::ostream& out, const nlohmann::json& cohort, bool color);

} // namespace cloudtrack::host::report
