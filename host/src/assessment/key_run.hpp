// The key run behind `cloudtrack plugin validate`: every item's key, answered through the scorer,
// must score 1, and a sheet of wrong answers must score 0. An item that does not is scored by a
// rule that cannot tell a right answer from a wrong one (a key the scorer reads differently from
// the author, a tolerance that swallows wrong answers, a partial-credit rule on too few options).
#pragma once

#include "content/model.hpp"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace cloudtrack::host::assessment {

// The all-wrong answer to `item`: an incorrect option (single choice, true/false), the options
// not in the key (multiple choice), the reverse order (ordering), a number outside the tolerance
// (numeric).
nlohmann::json wrong_response(const content::Item& item);

struct KeyRunProblem {
    size_t index = 0; // in track.items
    std::string item_id;
    std::string message; // "the key scores 0.5, not 1"
};

// One problem per item whose key does not score 1 or whose all-wrong answer does not score 0.
std::vector<KeyRunProblem> key_run(const content::Track& track);

} // namespace cloudtrack::host::assessment
