// Progress on one track over months: a person's finished results side by side, per area, with
// each change judged against the measurement's own uncertainty, so that noise is not sold as
// growth. The `progress` document of docs/career.md.
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace cloudtrack::host::career {

// `results`: the profile's finished result documents on one track, oldest first (at least one).
nlohmann::json progress(const std::vector<nlohmann::json>& results);

} // namespace cloudtrack::host::career
