// Small formatting pieces every renderer shares.
#pragma once

#include <nlohmann/json.hpp>

#include <string>

namespace cloudtrack::host::report {

// `value` with exactly `digits` decimals.
std::string fixed(double value, int digits);

// A stored response (or key) as a person reads it: "b", "a, c", "15.5", "(unanswered)".
std::string response_text(const nlohmann::json& response);

// For an area of a result measured below the level its track (or a bundle) expects:
// "measured Foundation, expected Practitioner"; "" otherwise.
std::string below_target_note(const nlohmann::json& area);

} // namespace cloudtrack::host::report
