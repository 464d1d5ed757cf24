// From document bytes to the track model: parse JSON, validate, build.
#pragma once

#include "content/model.hpp"
#include "content/validate.hpp"
#include "util/expected.hpp"

#include <nlohmann/json_fwd.hpp>

#include <string_view>
#include <vector>

namespace cloudtrack::content {

struct Checked {
    std::vector<Problem> problems; // empty when the document is valid
    std::optional<Track> track;    // set when valid
};

// Parses and validates `bytes`, collecting every problem (JSON syntax errors included).
Checked check(std::string_view bytes);

// The same, failing with the first problem ("<pointer>: <reason>", "and N more").
util::Expected<Track> load(std::string_view bytes);

// Builds the model from a document that passed validate(), consuming it: its strings are moved
// into the model, not copied.
Track build(nlohmann::json document, std::string sha256);

} // namespace cloudtrack::content
