// Ladder, portfolio, roadmap, recommendation and progress documents as terminal text.
#pragma once

#include <nlohmann/json.hpp>

#include <ostream>

namespace cloudtrack::host::report {

void print_ladder(std::ostream& out, const nlohmann::json& ladder, bool color);
void print_portfolio(std::ostream& out, const nlohmann::json& portfolio, bool color);
void print_roadmap(std::ostream& out, const nlohmann::json& roadmap, bool color);
void print_recommendation(std::ostream& out, const nlohmann::json& recommendation, bool color);
void print_progress(std::ostream& out, const nlohmann::json& progress, bool color);

} // namespace cloudtrack::host::report
