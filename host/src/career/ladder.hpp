// Where a person stands on a track's certification ladder: each rung's status (held, expired,
// ready, not yet, retired), readiness from the latest result weighted by the rung's exam
// blueprint, prerequisites met or missing, and the next rung worth taking, with the reason.
//
// The status is a typed model: the plan and the renderers read its fields; JSON (the `ladder`
// document of docs/career.md) is written only where it leaves the program, by to_json.
#pragma once

#include "assessment/result_model.hpp"
#include "content/model.hpp"
#include "store/store.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace cloudtrack::host::career {

// A rung counts as ready at this blueprint-weighted percent, when the measured level also
// reaches the rung's level and every prerequisite is held.
inline constexpr double k_ready_percent = 70.0;

// One prerequisite of a rung and whether it is met now.
struct PrerequisiteStatus {
    content::Prerequisite rung;    // one id (a rung that must be held) or an any_of choice
    std::vector<std::string> held; // for a choice: those of its rungs held now, so a report can say which
    bool met = false;
};

// One exam blueprint domain with the latest result's percent over its areas.
struct DomainStatus {
    std::string domain;
    double weight = 0.0;
    std::vector<std::string> areas;
    std::optional<double> percent; // null when no item of these areas was scored
};

// The certification the person holds for a rung.
struct Earned {
    std::string earned_on;                 // YYYY-MM-DD
    std::optional<std::string> expires_on; // null when the rung never expires
};

struct RungStatus {
    // The rung's facts, from the track.
    std::string id;
    std::string name;
    std::string issuer;
    std::string exam_code;
    std::string level; // level id
    std::string level_name;
    std::optional<int> validity_months;
    std::string as_of;
    std::string source;
    std::string confidence;
    std::string notes;
    std::vector<std::string> unconfirmed;
    std::optional<std::string> successor; // null when the rung names none
    // Where the person stands.
    std::optional<Earned> earned; // earned_on/expires_on are absent from JSON when not held
    std::string status;           // held, expired, retired, ready or not_yet
    std::vector<PrerequisiteStatus> prerequisites;
    bool prerequisites_met = true;
    std::optional<double> readiness; // blueprint-weighted percent, rounded to 0.1; null when unmeasured
    std::vector<DomainStatus> blueprint;
    bool level_reached = false;
};

// The rung worth taking next, and why.
struct NextRung {
    std::string rung; // rung id
    std::string name;
    std::string reason;
};

struct LadderStatus {
    std::string track;
    std::string track_name;
    std::optional<std::int64_t> based_on_result; // the result readiness comes from; null when none
    std::optional<std::string> measured_level;   // that result's overall level name
    double ready_percent = k_ready_percent;
    std::vector<RungStatus> rungs; // in ladder order
    std::optional<NextRung> next;  // null when no rung is open

    // The rung `next` names, or nullptr when there is none.
    [[nodiscard]] const RungStatus* next_rung() const;
};

// The `ladder` document of docs/career.md: the keys, nulls and number types written before the
// status was typed, so `--json` and report output stay byte-identical.
nlohmann::json to_json(const LadderStatus& ladder);

// `latest` is the newest finished result for the track, or nullptr. `today` is YYYY-MM-DD.
LadderStatus ladder_status(const content::Track& track, const assessment::Result* latest,
                           const std::vector<store::Certification>& held, const std::string& today);

} // namespace cloudtrack::host::career
