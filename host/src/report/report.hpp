// The report of one result (`cloudtrack.report/1`, docs/career.md): the result with where it
// leaves the person on the ladder, the portfolio and the plan. Renderers read this; JSON is
// written only for `report --format json`.
#pragma once

#include "assessment/result_model.hpp"
#include "career/ladder.hpp"
#include "career/plan.hpp"
#include "career/portfolio.hpp"

#include <nlohmann/json.hpp>

#include <string>

namespace cloudtrack::host::report {

struct Report {
    std::string generated_at;
    std::string profile;
    assessment::Result result;
    career::LadderStatus ladder;
    career::PortfolioStatus portfolio;
    career::Roadmap roadmap;
};

inline nlohmann::json to_json(const Report& report)
{
    return {{"schema", "cloudtrack.report/1"},
            {"generated_at", report.generated_at},
            {"profile", report.profile},
            {"result", assessment::to_json(report.result)},
            {"ladder", career::to_json(report.ladder)},
            {"portfolio", career::to_json(report.portfolio)},
            {"roadmap", career::to_json(report.roadmap)}};
}

} // namespace cloudtrack::host::report
