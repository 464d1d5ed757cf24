#include "assessment/answers_file.hpp"

#include "assessment/scoring.hpp"
#include "util/json_error.hpp"

#include <algorithm>

namespace cloudtrack::host::assessment {

using nlohmann::json;

ParsedAnswers parse_answers(std::string_view text, const content::Track& track, const Form& form)
{
    ParsedAnswers parsed;
    auto& problems = parsed.problems;
    json doc;
    try {
        doc = json::parse(text.begin(), text.end());
    } catch (const json::parse_error& e) {
        problems.push_back(util::invalid_json(e));
        return parsed;
    }
    if (!doc.is_object()) {
        problems.emplace_back(R"(expected a JSON object with "responses" and "self_ratings")");
        return parsed;
    }
    for (const auto& [key, value] : doc.items()) {
        if (key != "responses" && key != "self_ratings") {
            problems.push_back("unknown key '" + key + R"(' (expected "responses" and "self_ratings"))");
        }
    }
    if (const auto it = doc.find("responses"); it != doc.end()) {
        if (!it->is_object()) {
            problems.emplace_back("\"responses\" must be an object of item id -> response");
        } else {
            for (const auto& [id, response] : it->items()) {
                const auto* item = track.find_item(id);
                if (item == nullptr) {
                    problems.push_back("responses: unknown item '" + id + "'");
                } else if (std::find(form.items.begin(), form.items.end(), id) == form.items.end()) {
                    problems.push_back(
                        "responses: item '" + id +
                        "' is not in this attempt's form (use --full or the attempt's --seed)");
                } else if (auto problem = response_problem(*item, response)) {
                    problems.push_back("responses: item '" + id + "' (" + content::to_string(item->type) +
                                       "): " + *problem);
                } else {
                    parsed.answers.responses[id] = response;
                }
            }
        }
    }
    if (const auto it = doc.find("self_ratings"); it != doc.end()) {
        if (!it->is_object()) {
            problems.emplace_back("\"self_ratings\" must be an object of area id -> level index");
        } else {
            const auto top = static_cast<int>(track.levels.size()) - 1;
            for (const auto& [id, rating] : it->items()) {
                if (track.find_area(id) == nullptr) {
                    std::string known;
                    for (const auto& area : track.areas) {
                        known += (known.empty() ? "" : ", ") + area.id;
                    }
                    problems.push_back("self_ratings: unknown area '" + id + "' (known: " + known + ")");
                } else if (!rating.is_number_integer() || rating.get<int>() < 0 || rating.get<int>() > top) {
                    problems.push_back("self_ratings: area '" + id + "': expected a whole number from 0 to " +
                                       std::to_string(top));
                } else {
                    parsed.answers.self_ratings[id] = rating.get<int>();
                }
            }
        }
    }
    return parsed;
}

} // namespace cloudtrack::host::assessment
