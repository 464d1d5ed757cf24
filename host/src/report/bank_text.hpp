// `cloudtrack plugin validate --stats`: a track's bank as an author reviews it — items per area by
// difficulty and type, the cue figures against their bars, and the right answers a typical form
// needs to reach each level.
#pragma once

#include "content/model.hpp"

#include <ostream>

namespace cloudtrack::host::report {

void print_bank_stats(std::ostream& out, const content::Track& track);

} // namespace cloudtrack::host::report
