#include "assessment/key_run.hpp"

#include "assessment/scoring.hpp"
#include "util/term.hpp"

#include <algorithm>
#include <cmath>

namespace cloudtrack::host::assessment {

using content::ItemType;
using nlohmann::json;

json wrong_response(const content::Item& item)
{
    switch (item.type) {
    case ItemType::numeric: return item.answer + 2.0 * item.tolerance + std::max(1.0, std::fabs(item.answer));
    case ItemType::ordering: {
        auto ids = json::array();
        for (auto it = item.options.rbegin(); it != item.options.rend(); ++it) {
            ids.push_back(it->id);
        }
        return ids;
    }
    case ItemType::multiple_choice: {
        auto ids = json::array();
        for (const auto& option : item.options) {
            if (!option.correct) {
                ids.push_back(option.id);
            }
        }
        return ids;
    }
    case ItemType::single_choice:
    case ItemType::true_false: break;
    }
    for (const auto& option : item.options) {
        if (!option.correct) {
            return option.id;
        }
    }
    return nullptr;
}

std::vector<KeyRunProblem> key_run(const content::Track& track)
{
    std::vector<KeyRunProblem> problems;
    for (size_t i = 0; i < track.items.size(); ++i) {
        const auto& item = track.items[i];
        const auto run = [&](const json& response, double expected, const char* what) {
            if (auto shape = response_problem(item, response)) {
                problems.push_back(
                    {i, item.id,
                     std::string(what) + " " + response.dump() + " is not a response: " + *shape});
                return;
            }
            if (const auto got = score(item, response); got != expected) {
                problems.push_back({i, item.id,
                                    std::string(what) + " " + response.dump() + " scores " +
                                        util::number_text(got) + ", not " + util::number_text(expected)});
            }
        };
        run(key_of(item), 1.0, "the key");
        run(wrong_response(item), 0.0, "the all-wrong answer");
    }
    return problems;
}

} // namespace cloudtrack::host::assessment
