// Small formatting pieces every renderer shares.
#pragma once

#include "assessment/result_model.hpp"

#include <nlohmann/json.hpp>

#include <string>

namespace cloudtrack::host::report {

// `document` with every string made visible for a terminal (util::visible): what a text renderer
// prints of a file someone else wrote (a result from another machine) can then neither move the
// cursor, clear the screen nor recolour a verdict. JSON output is written from the original
// document and stays exact.
nlohmann::json terminal_safe(const nlohmann::json& document);
assessment::Result terminal_safe(const assessment::Result& result);

// `value` with exactly `digits` decimals.
std::string fixed(double value, int digits);

// A stored response (or key) as a person reads it: "b", "a, c", "15.5", "(unanswered)".
std::string response_text(const nlohmann::json& response);

// For an area of a result measured below the level its track (or a bundle) expects:
// "measured Foundation, expected Practitioner"; "" otherwise.
std::string below_target_note(const assessment::AreaResult& area);

} // namespace cloudtrack::host::report
