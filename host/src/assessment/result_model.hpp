// The result of one attempt as a typed model. Everything that reads a result (reports, the
// ladder, the plan, progress, cohorts, calibration) works on this; JSON (`cloudtrack.result/1`,
// docs/assessment.md) is written only where a result leaves the program — the store, `--json`,
// export — and read only where one comes in, through parse_result, which checks every field once.
#pragma once

#include "assessment/form.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace cloudtrack::host::assessment {

// What was measured in one area, or over the whole attempt.
struct Figures {
    std::uint64_t items = 0;    // scored items; 0 means the area was not measured
    std::uint64_t answered = 0; // of those, how many had an answer
    double percent = 0.0;
    double theta = 0.0;
    double se = 0.0;
    std::string level; // level id
    std::string level_name;
};

// The person's own rating of an area against the measured level.
struct SelfRating {
    int rating = 0; // level index
    std::string level_name;
    int gap = 0; // measured level index minus the rating
    std::string note;
};

// The level the track or a bundle expects in an area.
struct AreaTarget {
    std::string level;
    std::string level_name;
    bool below = false; // measured, and below the target
};

struct AreaResult {
    std::string id;
    std::string name;
    double weight = 1.0;
    Figures figures;
    std::optional<SelfRating> self; // null in JSON when the area was not rated
    std::optional<AreaTarget> target;
};

struct TrackRef {
    std::string id;
    std::string name;
    std::string version;
    std::string content_sha256;
};

struct AttemptInfo {
    std::int64_t id = 0;
    std::string profile;
    std::string started_at;
    std::string finished_at;
    Form form;
    std::optional<std::uint64_t> repeats; // only for forms drawn with a history
    // Only for adaptive attempts: "se_target", "max_length" or "bank_exhausted".
    std::optional<std::string> stop_reason;
};

struct LevelInfo {
    std::string id;
    std::string name;
    std::optional<double> min_theta; // none on the first level
};

// One presented item as scored. A response's shape depends on the item type ("b", ["a","c"],
// 42.5, null when unanswered), so it stays a JSON value.
struct ScoredResponse {
    std::string item;
    std::string area;
    std::string type;
    nlohmann::json response;
    double score = 0.0;
    bool scored = true; // false for beta items
    double a = 1.0;
    double b = 0.0;
};

struct OptionRationale {
    std::string option;
    std::string text;
    std::string rationale;
};

struct ReferenceLink {
    std::string title;
    std::string url;
};

struct MissedItem {
    std::string item;
    std::string area;
    std::string stem;
    nlohmann::json response;
    double score = 0.0;
    nlohmann::json key;
    std::string explanation;
    std::vector<OptionRationale> options;
    std::vector<ReferenceLink> references;
};

// Where the item parameters that scored an attempt came from (docs/scoring.md section 11).
// Results scored before engine 2 do not say.
struct ParameterInfo {
    std::string calibration_sha256;     // of the calibration used, "" when there was none
    std::uint64_t calibrated_items = 0; // scored items whose parameters came from it
    std::uint64_t judged_items = 0;     // scored items with an author's or a label's parameters
    double judgement_error = 0.0;       // the SD assumed for those, which widens every SE
};

struct Result {
    std::string schema;
    std::string engine;
    TrackRef track;
    AttemptInfo attempt;
    std::vector<LevelInfo> levels;
    std::vector<ScoredResponse> responses;
    std::vector<AreaResult> areas;
    Figures overall;
    std::vector<MissedItem> missed;
    std::vector<std::string> dropped_items; // absent from JSON when empty
    std::optional<ParameterInfo> parameters;

    [[nodiscard]] const AreaResult* find_area(const std::string& id) const;
};

// The document, exactly as stored: byte-identical to what earlier versions wrote for the same
// attempt, so rescoring compares bytes.
nlohmann::json to_json(const Result& result);

// Checks every field a result must have and reads it. Throws util::FieldError naming the JSON
// pointer of the first problem ("/areas/0/percent: expected a percent from 0 to 100").
Result parse_result(const nlohmann::json& document);

// Serialized exactly as stored: sorted keys, two-space indent, a final newline.
std::string serialize(const Result& result);

} // namespace cloudtrack::host::assessment
