// The scripted answers file of `cloudtrack assess --answers FILE`:
//   {"responses": {"<item id>": <response>}, "self_ratings": {"<area id>": <0..levels-1>}}
// Checked whole against the track and the drawn form before anything is stored.
#pragma once

#include "assessment/form.hpp"
#include "content/model.hpp"

#include <nlohmann/json.hpp>

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace cloudtrack::host::assessment {

struct Answers {
    std::map<std::string, nlohmann::json> responses;
    std::map<std::string, int> self_ratings;
};

struct ParsedAnswers {
    Answers answers;
    std::vector<std::string> problems; // one line each; empty when the file is usable
};

ParsedAnswers parse_answers(std::string_view text, const content::Track& track, const Form& form);

} // namespace cloudtrack::host::assessment
