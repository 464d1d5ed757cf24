#include "assessment/answers_file.hpp"

#include "assessment/scoring.hpp"
#include "util/json_read.hpp"
#include "util/term.hpp"

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

namespace cloudtrack::host::assessment {

using nlohmann::json;

namespace {

std::string area_ids(const content::Track& track)
{
    std::vector<std::string> ids;
    for (const auto& area : track.areas) {
        ids.push_back(area.id);
    }
    return util::join(ids);
}

} // namespace

ParsedAnswers parse_answers(std::string_view text, const content::Track& track, const Form& form)
{
    ParsedAnswers parsed;
    auto& problems = parsed.problems;
    auto read = util::parse_json(text);
    if (!read) {
        problems.push_back(read.error());
        return parsed;
    }
    const json doc = std::move(*read);
    if (!doc.is_object()) {
        problems.emplace_back(R"(expected a JSON object with "responses" and "self_ratings")");
        return parsed;
    }
    for (const auto& [key, value] : doc.items()) {
        if (key != "responses" && key != "self_ratings") {
            problems.push_back("/" + util::pointer_token(key) + ": unknown key " + util::excerpt(key) +
                               R"( (expected "responses" and "self_ratings"))");
        }
    }
    if (const auto it = doc.find("responses"); it != doc.end()) {
        if (!it->is_object()) {
            problems.emplace_back("/responses: expected an object of item id -> response");
        } else {
            for (const auto& [id, response] : it->items()) {
                const auto* item = track.find_item(id);
                const auto at = "/responses/" + util::pointer_token(id.substr(0, 64));
                if (item == nullptr) {
                    problems.push_back(at + ": unknown item " + util::excerpt(id));
                } else if (std::find(form.items.begin(), form.items.end(), id) == form.items.end()) {
                    problems.push_back(
                        at + ": item '" + id +
                        "' is not in this attempt's form (use --full or the attempt's --seed)");
                } else if (auto problem = response_problem(*item, response)) {
                    problems.push_back(at + ": item '" + id + "' (" + content::to_string(item->type) +
                                       "): " + *problem);
                } else {
                    parsed.answers.responses[id] = response;
                }
            }
        }
    }
    if (const auto it = doc.find("self_ratings"); it != doc.end()) {
        if (!it->is_object()) {
            problems.emplace_back("/self_ratings: expected an object of area id -> level index");
        } else {
            const auto top = static_cast<int>(track.levels.size()) - 1;
            for (const auto& [id, rating] : it->items()) {
                const auto at = "/self_ratings/" + util::pointer_token(id.substr(0, 64));
                // Range-checked as a 64-bit number before any narrowing: 4294967298 is not 2.
                if (track.find_area(id) == nullptr) {
                    problems.push_back(at + ": unknown area " + util::excerpt(id) +
                                       " (known: " + area_ids(track) + ")");
                } else if (!rating.is_number_integer() || rating.get<std::int64_t>() < 0 ||
                           rating.get<std::int64_t>() > top) {
                    problems.push_back(at + ": expected a whole number from 0 to " + std::to_string(top));
                } else {
                    parsed.answers.self_ratings[id] = static_cast<int>(rating.get<std::int64_t>());
                }
            }
        }
    }
    return parsed;
}

} // namespace cloudtrack::host::assessment
