// A report document (`cloudtrack.report/1`, see docs/career.md) as one self-contained HTML file:
// no external assets, no network; an SVG radar of the areas (measured against self-rated),
// per-area bars with their uncertainty, gaps with explanations and references, the ladder with
// the next rung highlighted, portfolio progress and the roadmap as a timeline. Readable on a
// phone, prints cleanly to PDF.
#pragma once

#include "report/report.hpp"

#include <string>

namespace cloudtrack::host::report {

std::string render_html(const Report& report);

} // namespace cloudtrack::host::report
