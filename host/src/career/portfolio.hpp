// Portfolio progress: a track's projects and checklists with what the profile has marked or a
// probe has verified. A typed model that the plan and the renderers read; JSON (the `portfolio`
// document of docs/career.md) is written only where it leaves the program, by to_json.
#pragma once

#include "content/model.hpp"
#include "store/store.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

namespace cloudtrack::host::career {

// How a checklist item was marked done. `evidence` may quote lines of the person's own files
// (a probe's findings): a terminal renderer makes it visible first.
struct ItemMark {
    std::string evidence;
    std::string source; // manual or probe
    std::string marked_at;
};

struct ChecklistStatus {
    std::string id;
    std::string text;
    std::string evidence_hint;        // what would prove it, from the track
    std::optional<std::string> probe; // the evidence probe that can verify it; null when none
    std::optional<ItemMark> mark;     // set when done; its keys are absent from JSON otherwise

    [[nodiscard]] bool done() const { return mark.has_value(); }
};

struct ProjectStatus {
    std::string id;
    std::string title;
    std::string business_question;
    std::string outcome_metric; // the metric's name (its id when the track does not define it)
    std::string outcome_target;
    std::string description;
    size_t done = 0; // checklist marks recorded for this project
    size_t total = 0;
    std::vector<ChecklistStatus> checklist;
};

struct PortfolioStatus {
    std::string track;
    std::string track_name;
    std::vector<ProjectStatus> projects;
};

// The `portfolio` document of docs/career.md, byte-identical to what was written before the
// status was typed (counts unsigned).
nlohmann::json to_json(const PortfolioStatus& portfolio);

PortfolioStatus portfolio_status(const content::Track& track, const std::vector<store::ChecklistMark>& marks);

} // namespace cloudtrack::host::career
