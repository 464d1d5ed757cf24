#include "career/portfolio.hpp"

#include "util/json_fields.hpp"

namespace cloudtrack::host::career {

using nlohmann::json;

PortfolioStatus portfolio_status(const content::Track& track, const std::vector<store::ChecklistMark>& marks)
{
    PortfolioStatus out{track.info.id, track.info.name, {}};
    for (const auto& project : track.portfolio) {
        ProjectStatus status{project.id,
                             project.title,
                             project.business_question,
                             project.outcome_metric,
                             project.outcome_target,
                             project.description,
                             0,
                             project.checklist.size(),
                             {}};
        for (const auto& item : project.checklist) {
            ChecklistStatus entry{item.id, item.text, item.evidence, std::nullopt, std::nullopt};
            if (!item.probe.empty()) {
                entry.probe = item.probe;
            }
            for (const auto& mark : marks) {
                if (mark.project_id == project.id && mark.item_id == item.id) {
                    entry.mark = ItemMark{mark.evidence, mark.source, mark.marked_at};
                    ++status.done;
                }
            }
            status.checklist.push_back(std::move(entry));
        }
        for (const auto& m : track.metrics) {
            if (m.id == project.outcome_metric) {
                status.outcome_metric = m.name;
            }
        }
        out.projects.push_back(std::move(status));
    }
    return out;
}

json to_json(const PortfolioStatus& portfolio)
{
    auto projects = json::array();
    for (const auto& project : portfolio.projects) {
        auto checklist = json::array();
        for (const auto& item : project.checklist) {
            json entry = {{"id", item.id},
                          {"text", item.text},
                          {"evidence_hint", item.evidence_hint},
                          {"probe", util::value_or_null(item.probe)},
                          {"done", item.done()}};
            if (item.mark) {
                entry["evidence"] = item.mark->evidence;
                entry["source"] = item.mark->source;
                entry["marked_at"] = item.mark->marked_at;
            }
            checklist.push_back(std::move(entry));
        }
        projects.push_back({{"id", project.id},
                            {"title", project.title},
                            {"business_question", project.business_question},
                            {"outcome_metric", project.outcome_metric},
                            {"outcome_target", project.outcome_target},
                            {"description", project.description},
                            {"done", project.done},
                            {"total", project.total},
                            {"checklist", checklist}});
    }
    return {{"track", portfolio.track}, {"track_name", portfolio.track_name}, {"projects", projects}};
}

} // namespace cloudtrack::host::career
