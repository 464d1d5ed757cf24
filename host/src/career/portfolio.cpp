#include "career/portfolio.hpp"

namespace cloudtrack::host::career {

using nlohmann::json;

json portfolio_status(const content::Track& track, const std::vector<store::ChecklistMark>& marks)
{
    auto projects = json::array();
    for (const auto& project : track.portfolio) {
        auto checklist = json::array();
        size_t done = 0;
        for (const auto& item : project.checklist) {
            json entry = {{"id", item.id},
                          {"text", item.text},
                          {"evidence_hint", item.evidence},
                          {"probe", item.probe.empty() ? json(nullptr) : json(item.probe)},
                          {"done", false}};
            for (const auto& mark : marks) {
                if (mark.project_id == project.id && mark.item_id == item.id) {
                    entry["done"] = true;
                    entry["evidence"] = mark.evidence;
                    entry["source"] = mark.source;
                    entry["marked_at"] = mark.marked_at;
                    ++done;
                }
            }
            checklist.push_back(std::move(entry));
        }
        std::string metric = project.outcome_metric;
        for (const auto& m : track.metrics) {
            if (m.id == project.outcome_metric) {
                metric = m.name;
            }
        }
        projects.push_back({{"id", project.id},
                            {"title", project.title},
                            {"business_question", project.business_question},
                            {"outcome_metric", metric},
                            {"outcome_target", project.outcome_target},
                            {"description", project.description},
                            {"done", done},
                            {"total", project.checklist.size()},
                            {"checklist", checklist}});
    }
    return {{"track", track.info.id}, {"track_name", track.info.name}, {"projects", projects}};
}

} // namespace cloudtrack::host::career
