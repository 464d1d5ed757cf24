#include "report/format.hpp"

#include "assessment/level_odds.hpp"
#include "util/term.hpp"

#include <cmath>
#include <vector>

#include <iomanip>
#include <sstream>

namespace cloudtrack::host::report {

nlohmann::json terminal_safe(const nlohmann::json& document)
{
    auto safe = document;
    // Iterative: the depth of a document is bounded where it is parsed, but no walk here should
    // depend on that.
    std::vector<nlohmann::json*> pending{&safe};
    while (!pending.empty()) {
        auto* value = pending.back();
        pending.pop_back();
        if (value->is_string()) {
            auto& text = value->get_ref<std::string&>();
            text = util::visible(text);
        } else if (value->is_structured()) {
            for (auto& child : *value) {
                pending.push_back(&child);
            }
        }
    }
    return safe;
}

std::string fixed(double value, int digits)
{
    std::ostringstream out;
    out << std::fixed << std::setprecision(digits) << value;
    return out.str();
}

std::string response_text(const nlohmann::json& response)
{
    if (response.is_null()) {
        return "(unanswered)";
    }
    if (response.is_array()) {
        std::string out;
        for (const auto& r : response) {
            out += (out.empty() ? "" : ", ") + (r.is_string() ? r.get<std::string>() : r.dump());
        }
        return out;
    }
    return response.is_string() ? response.get<std::string>() : response.dump();
}

assessment::Result terminal_safe(const assessment::Result& result)
{
    // Through the document, so that every string of the model is covered, including those a
    // later field adds, without a list here to keep in step.
    return assessment::parse_result(terminal_safe(assessment::to_json(result)));
}

std::string odds_text(const assessment::Result& result, const std::string& area)
{
    const auto odds = assessment::level_odds(result, area);
    std::string text;
    for (const auto& level : odds) {
        if (level.probability >= 0.8) {
            return {};
        }
        if (level.probability >= 0.05) {
            text += (text.empty() ? "" : ", ") + level.name + " " +
                    std::to_string(static_cast<int>(std::lround(100 * level.probability))) + "%";
        }
    }
    return text;
}

std::vector<std::pair<std::string, std::string>> uncertain_levels(const assessment::Result& result)
{
    std::vector<std::pair<std::string, std::string>> out;
    for (const auto& area : result.areas) {
        if (area.figures.items > 0) {
            if (auto text = odds_text(result, area.id); !text.empty()) {
                out.emplace_back(area.name, std::move(text));
            }
        }
    }
    if (auto text = odds_text(result, ""); !text.empty()) {
        out.emplace_back("Overall", std::move(text));
    }
    return out;
}

std::string adaptive_note(const assessment::Result& result)
{
    if (!result.attempt.stop_reason) {
        return {};
    }
    const auto& reason = *result.attempt.stop_reason;
    const auto* const why = reason == "se_target"        ? "when every area was measured precisely enough"
                            : reason == "max_length"     ? "at the longest length its rules allow"
                            : reason == "bank_exhausted" ? "when no item was left to ask"
                                                         : "for an unknown reason";
    return "Adaptive test: " + std::to_string(result.overall.items) + " scored items; it stopped " + why +
           ".";
}

std::string below_target_note(const assessment::AreaResult& area)
{
    if (!area.target || !area.target->below) {
        return {};
    }
    return "measured " + area.figures.level_name + ", expected " + area.target->level_name;
}

} // namespace cloudtrack::host::report
