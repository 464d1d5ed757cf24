// Ladder, portfolio, roadmap, recommendation and progress documents as terminal text.
#pragma once

#include "career/ladder.hpp"
#include "career/plan.hpp"
#include "career/portfolio.hpp"
#include "career/progress.hpp"

#include <ostream>

namespace cloudtrack::host::report {

void print_ladder(std::ostream& out, const career::LadderStatus& ladder, bool color);
// Strings are made visible first: evidence quotes lines of the person's files.
void print_portfolio(std::ostream& out, const career::PortfolioStatus& portfolio, bool color);
void print_roadmap(std::ostream& out, const career::Roadmap& roadmap, bool color);
void print_recommendation(std::ostream& out, const career::Recommendation& recommendation, bool color);
void print_progress(std::ostream& out, const career::Progress& progress, bool color);

} // namespace cloudtrack::host::report
