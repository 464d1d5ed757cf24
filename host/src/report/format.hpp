// Small formatting pieces every renderer shares.
#pragma once

#include "assessment/result_model.hpp"

#include <nlohmann/json.hpp>

#include <string>
#include <utility>
#include <vector>

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

// "Associate 62%, Professional 31%": the levels with 5% or more of the probability, when no
// single level holds 80% (then the level alone says it); "" otherwise. `area` empty: overall.
std::string odds_text(const assessment::Result& result, const std::string& area);

// The measured areas (then "Overall") whose level is uncertain, with odds_text(): what the
// renderers list under "How sure the levels are".
std::vector<std::pair<std::string, std::string>> uncertain_levels(const assessment::Result& result);

// How the result was measured, where it says more than "a fixed form": an adaptive test and why it
// stopped ("Adaptive test: 21 scored items; it stopped when every area was measured precisely
// enough."), whether the item parameters were calibrated, and how many items were repeats. ""
// for a fixed form of a result that records neither (one scored before engine 2).
std::string measurement_note(const assessment::Result& result);

} // namespace cloudtrack::host::report
