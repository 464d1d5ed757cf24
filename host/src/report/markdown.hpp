// A report document (`cloudtrack.report/1`, see docs/career.md) as Markdown.
#pragma once

#include "report/report.hpp"

#include <string>

namespace cloudtrack::host::report {

std::string render_markdown(const Report& report);

} // namespace cloudtrack::host::report
