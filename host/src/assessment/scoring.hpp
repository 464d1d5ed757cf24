// Scoring one response to one item, in [0, 1], by the item's declared rule; and checking that a
// response has the shape its item type needs.
#pragma once

#include "content/model.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>

namespace cloudtrack::host::assessment {

// Why `response` cannot answer `item` ("expected an option id", "unknown option 'z'"), or nullopt.
// Shapes: an option id (single_choice, true_false), a list of distinct option ids
// (multiple_choice; ordering: every option exactly once), a number (numeric).
std::optional<std::string> response_problem(const content::Item& item, const nlohmann::json& response);

// The score of a well-shaped response (see response_problem). Unanswered items are not scored here.
double score(const content::Item& item, const nlohmann::json& response);

// The key in response form: what a perfect answer looks like.
nlohmann::json key_of(const content::Item& item);

} // namespace cloudtrack::host::assessment
