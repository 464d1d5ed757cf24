// Validation of a `cloudtrack.track/1` document: required fields, types, unique ids, every
// reference resolving, keys consistent with item types, ordered level cut points. Each problem
// carries the JSON pointer of the offending value.
#pragma once

#include <nlohmann/json_fwd.hpp>

#include <string>
#include <vector>

namespace cloudtrack::content {

struct Problem {
    std::string pointer; // RFC 6901 JSON pointer, "" for the whole document
    std::string message;
};

std::vector<Problem> validate(const nlohmann::json& document);

// "/items/3/options: exactly one option must be correct"
std::string to_string(const Problem& problem);

} // namespace cloudtrack::content
