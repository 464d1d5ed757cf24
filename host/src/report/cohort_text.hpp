// A cohort summary (cloudtrack.cohort/1, career/cohort.hpp) as terminal text.
#pragma once

#include "career/cohort.hpp"

#include <ostream>

namespace cloudtrack::host::report {

void print_cohort(std::ostream& out, const career::Cohort& shared, bool color);

} // namespace cloudtrack::host::report
