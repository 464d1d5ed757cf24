// The report of one result (`cloudtrack.report/1`, docs/career.md): the result with where it
// leaves the person on the ladder, the portfolio and the plan. Renderers read this; JSON is
// written only for `report --format json`.
#pragma once

#include "assessment/result_model.hpp"

#include <nlohmann/json.hpp>

#include <string>

namespace cloudtrack::host::report {

struct Report {
    std::string generated_at;
    std::string profile;
    assessment::Result result;
    nlohmann::json ladder;    // career::ladder_status
    nlohmann::json portfolio; // career::portfolio_status
    nlohmann::json roadmap;   // career::roadmap
};

inline nlohmann::json to_json(const Report& report)
{
    return {{"schema", "cloudtrack.report/1"}, {"generated_at", report.generated_at},
            {"profile", report.profile},       {"result", assessment::to_json(report.result)},
            {"ladder", report.ladder},         {"portfolio", report.portfolio},
            {"roadmap", report.roadmap}};
}

} // namespace cloudtrack::host::report
