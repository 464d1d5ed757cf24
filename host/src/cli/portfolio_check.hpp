// `cloudtrack portfolio TRACK check PROJECT DIR`: runs the evidence probes and records verified
// items.
#pragma once

#include "cli/context.hpp"
#include "store/store.hpp"

#include <string>

namespace cloudtrack::host::cli {

int check_portfolio(Context& context, store::Store& store, const content::Track& track,
                    const std::string& project_id, const std::string& dir, bool json);

} // namespace cloudtrack::host::cli
