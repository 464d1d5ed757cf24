// The result document (`cloudtrack.result/1`): every response scored, per-area and overall
// percent, ability and level, the self-rating gap, and the missed items with their explanations.
// A pure function of the track and the stored attempt, so re-scoring is byte-identical.
#pragma once

#include "assessment/form.hpp"
#include "assessment/result_model.hpp"
#include "content/model.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <map>
#include <string>

namespace cloudtrack::host::assessment {

// Bumped only when scoring changes, so results stay comparable across host releases. 2: item
// parameters from the track's calibration, and SEs widened for parameter uncertainty.
inline constexpr const char* k_engine_version = "cloudtrack-scoring/2";
inline constexpr const char* k_result_schema = "cloudtrack.result/1";

struct AttemptRecord {
    std::int64_t id = 0;
    std::string profile;
    std::string started_at;
    std::string finished_at;
    Form form;
    std::map<std::string, nlohmann::json> responses; // item id -> response; absent = unanswered
    std::map<std::string, int> self_ratings;         // area id -> level index
    std::string stop_reason; // adaptive attempts: why the test ended (adaptive_form.hpp); else ""
};

// Items of the form that no longer exist in `track` are listed under "dropped_items".
Result score_attempt(const content::Track& track, const AttemptRecord& attempt);

} // namespace cloudtrack::host::assessment
