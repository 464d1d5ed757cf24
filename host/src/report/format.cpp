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

std::string measurement_note(const assessment::Result& result)
{
    std::string note;
    if (const auto& stop = result.attempt.stop_reason) {
        const auto* const why = *stop == "se_target"        ? "when every area was measured precisely enough"
                                : *stop == "max_length"     ? "at the longest length its rules allow"
                                : *stop == "bank_exhausted" ? "when no item was left to ask"
                                                            : "for an unknown reason";
        note = "Adaptive test: " + std::to_string(result.overall.items) + " scored items; it stopped " + why +
               ".";
    }
    const auto add = [&note](const std::string& sentence) { note += (note.empty() ? "" : " ") + sentence; };
    if (const auto& p = result.parameters) {
        const auto error = fixed(p->judgement_error, 1);
        if (p->calibrated_items == 0) {
            add("Uncalibrated: the items' parameters are an author's judgement, not estimates from data, so "
                "each standard error includes their uncertainty (SD " +
                error + ").");
        } else {
            const auto source = " (calibration " + p->calibration_sha256.substr(0, 12) + ")";
            add(p->judged_items == 0
                    ? "Calibrated: every item's parameters were estimated from data" + source + "."
                    : "Partly calibrated: " + std::to_string(p->calibrated_items) + " of " +
                          std::to_string(p->calibrated_items + p->judged_items) +
                          " items' parameters were estimated from data" + source +
                          "; the standard errors include the uncertainty of the others' (SD " + error + ").");
        }
    }
    if (const auto& repeats = result.attempt.repeats; repeats && *repeats > 0) {
        add(util::count_of(*repeats, "item") + (*repeats == 1 ? " was" : " were") +
            " shown in an earlier attempt.");
    }
    return note;
}

std::string below_target_note(const assessment::AreaResult& area)
{
    if (!area.target || !area.target->below) {
        return {};
    }
    return "measured " + area.figures.level_name + ", expected " + area.target->level_name;
}

} // namespace cloudtrack::host::report
