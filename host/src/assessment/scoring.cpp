#include "assessment/scoring.hpp"

#include <algorithm>
#include <cmath>
#include <set>

namespace cloudtrack::host::assessment {

using content::Item;
using content::ItemType;
using content::ScoringRule;
using nlohmann::json;

namespace {

bool has_option(const Item& item, const std::string& id)
{
    return std::any_of(item.options.begin(), item.options.end(), [&](const auto& o) { return o.id == id; });
}

std::optional<std::string> id_list_problem(const Item& item, const json& response)
{
    if (!response.is_array()) {
        return std::string("expected a list of option ids");
    }
    std::set<std::string> seen;
    for (const auto& entry : response) {
        if (!entry.is_string()) {
            return std::string("expected a list of option ids");
        }
        const auto& id = entry.get_ref<const std::string&>();
        if (!has_option(item, id)) {
            return "unknown option '" + id + "'";
        }
        if (!seen.insert(id).second) {
            return "option '" + id + "' given twice";
        }
    }
    return std::nullopt;
}

double multiple_choice(const Item& item, const json& response)
{
    std::set<std::string> chosen;
    for (const auto& entry : response) {
        chosen.insert(entry.get<std::string>());
    }
    size_t wrong_decisions = 0;
    for (const auto& option : item.options) {
        if ((chosen.contains(option.id)) != option.correct) {
            ++wrong_decisions;
        }
    }
    switch (item.scoring) {
    case ScoringRule::every_decision:
        return static_cast<double>(item.options.size() - wrong_decisions) /
               static_cast<double>(item.options.size());
    case ScoringRule::halves: return wrong_decisions == 0 ? 1.0 : wrong_decisions == 1 ? 0.5 : 0.0;
    default: return wrong_decisions == 0 ? 1.0 : 0.0;
    }
}

double ordering(const Item& item, const json& response)
{
    const auto n = item.options.size();
    std::vector<size_t> position(n);
    for (size_t i = 0; i < n; ++i) {
        // Where the person placed the option that belongs at index i.
        const auto& id = item.options[i].id;
        const auto it = std::find(response.begin(), response.end(), json(id));
        position[i] = static_cast<size_t>(it - response.begin());
    }
    if (item.scoring == ScoringRule::pairwise) {
        size_t right = 0;
        for (size_t i = 0; i < n; ++i) {
            for (size_t j = i + 1; j < n; ++j) {
                right += position[i] < position[j] ? 1U : 0U;
            }
        }
        const size_t pairs = n * (n - 1) / 2; // exact: one of n, n - 1 is even
        return static_cast<double>(right) / static_cast<double>(pairs);
    }
    for (size_t i = 0; i < n; ++i) {
        if (position[i] != i) {
            return 0.0;
        }
    }
    return 1.0;
}

} // namespace

std::optional<std::string> response_problem(const Item& item, const json& response)
{
    switch (item.type) {
    case ItemType::single_choice:
    case ItemType::true_false:
        if (!response.is_string()) {
            return std::string("expected one option id (a string)");
        }
        if (!has_option(item, response.get<std::string>())) {
            return "unknown option '" + response.get<std::string>() + "'";
        }
        return std::nullopt;
    case ItemType::multiple_choice: return id_list_problem(item, response);
    case ItemType::ordering:
        if (auto problem = id_list_problem(item, response)) {
            return problem;
        }
        if (response.size() != item.options.size()) {
            return "expected all " + std::to_string(item.options.size()) + " options in order";
        }
        return std::nullopt;
    case ItemType::numeric:
        if (!response.is_number() || !std::isfinite(response.get<double>())) {
            return std::string("expected a number");
        }
        return std::nullopt;
    }
    return std::string("unknown item type");
}

double score(const Item& item, const json& response)
{
    switch (item.type) {
    case ItemType::single_choice:
    case ItemType::true_false: {
        const auto id = response.get<std::string>();
        return std::any_of(item.options.begin(), item.options.end(),
                           [&](const auto& o) { return o.id == id && o.correct; })
                   ? 1.0
                   : 0.0;
    }
    case ItemType::multiple_choice: return multiple_choice(item, response);
    case ItemType::ordering: return ordering(item, response);
    case ItemType::numeric: {
        // The tolerance is inclusive as authors write it: 0.11 against 0.111 ± 0.001 counts, though
        // the binary difference is a hair above 0.001.
        const double slack = 1e-9 * std::max(1.0, std::abs(item.answer));
        return std::abs(response.get<double>() - item.answer) <= item.tolerance + slack ? 1.0 : 0.0;
    }
    }
    return 0.0;
}

json key_of(const Item& item)
{
    switch (item.type) {
    case ItemType::numeric: return item.answer;
    case ItemType::ordering: {
        auto ids = json::array();
        for (const auto& o : item.options) {
            ids.push_back(o.id);
        }
        return ids;
    }
    case ItemType::multiple_choice: {
        auto ids = json::array();
        for (const auto& o : item.options) {
            if (o.correct) {
                ids.push_back(o.id);
            }
        }
        return ids;
    }
    default:
        for (const auto& o : item.options) {
            if (o.correct) {
                return o.id;
            }
        }
        return nullptr;
    }
}

} // namespace cloudtrack::host::assessment
