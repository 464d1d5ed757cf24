// Answers files for scripted assessments in CLI tests.
#pragma once

#include <nlohmann/json.hpp>

#include <cstddef>
#include <string>

namespace cloudtrack::test {

// Responses (`{"item": "option"}`) that answer the first `right` single-choice and true/false
// items of a track document correctly, in document order; every other item stays unanswered.
inline nlohmann::json right_answers(const nlohmann::json& track, std::size_t right)
{
    auto responses = nlohmann::json::object();
    for (const auto& item : track["items"]) {
        if (responses.size() == right) {
            break;
        }
        if (item["type"] != "single_choice" && item["type"] != "true_false") {
            continue;
        }
        for (const auto& option : item["options"]) {
            if (option["correct"] == true) {
                responses[item["id"].get<std::string>()] = option["id"];
            }
        }
    }
    return responses;
}

} // namespace cloudtrack::test
