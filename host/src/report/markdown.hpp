// A report document (`cloudtrack.report/1`, see docs/career.md) as Markdown.
#pragma once

#include <nlohmann/json.hpp>

#include <string>

namespace cloudtrack::host::report {

std::string render_markdown(const nlohmann::json& report);

} // namespace cloudtrack::host::report
