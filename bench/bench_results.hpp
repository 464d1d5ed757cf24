// Real result documents for the benchmarks that store or read results at scale.
#pragma once

#include "assessment/form.hpp"
#include "assessment/result.hpp"
#include "content/model.hpp"

#include <cstdint>
#include <random>
#include <string>
#include <vector>

namespace cloudtrack::bench {

// A few dozen real result documents: `track` scored on full forms with seeded answers, each of
// `profile` with the attempt id `placeholder_id` (a number the caller replaces per copy).
inline std::vector<std::string> scored_documents(const content::Track& track, int count,
                                                 const std::string& profile, std::int64_t placeholder_id)
{
    namespace assessment = host::assessment;
    std::mt19937_64 rng(13);
    std::vector<std::string> documents;
    for (int i = 0; i < count; ++i) {
        assessment::AttemptRecord record;
        record.id = placeholder_id;
        record.profile = profile;
        record.started_at = "2026-01-01T10:00:00Z";
        record.finished_at = "2026-01-01T11:00:00Z";
        record.form = assessment::draw_form(track, {assessment::FormMode::full, 0, 5, rng()});
        for (const auto& id : record.form.items) {
            const auto* item = track.find_item(id);
            if (item != nullptr && item->type == content::ItemType::single_choice && rng() % 3 != 0) {
                record.responses[id] = item->options[rng() % item->options.size()].id;
            }
        }
        documents.push_back(assessment::serialize(assessment::score_attempt(track, record)));
    }
    return documents;
}

} // namespace cloudtrack::bench
