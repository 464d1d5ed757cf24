// The track model (`cloudtrack.track/1`) as C++ values. Built only from a document that passed
// validate(), so every reference here resolves. Knows nothing of files, SQLite or terminals.
#pragma once

#include "content/calibration.hpp"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace cloudtrack::content {

inline constexpr const char* k_schema = "cloudtrack.track/1";

enum class ItemType { single_choice, multiple_choice, true_false, numeric, ordering };
enum class ScoringRule { none, all_or_nothing, every_decision, halves, exact, pairwise };

struct Reference {
    std::string title;
    std::string url;
};

struct Option {
    std::string id;
    std::string text;
    bool correct = false; // choice items; ordering items are listed in the correct order
    std::string rationale;
};

struct Item {
    std::string id;
    std::string area;
    ItemType type = ItemType::single_choice;
    std::string stem;
    std::string explanation;
    std::vector<Reference> references;
    std::string difficulty;   // easy | medium | hard
    double b = 0.0;           // IRT difficulty (explicit, or mapped from `difficulty`)
    double a = 1.0;           // IRT discrimination
    bool beta = false;        // shown, never scored
    bool fixed_order = false; // choice options keep the authored order (e.g. "all of the above")
    std::vector<Option> options;
    ScoringRule scoring = ScoringRule::none;
    double answer = 0.0;
    double tolerance = 0.0;
    std::string unit;
};

struct Level {
    std::string id;
    std::string name;
    std::string description;
    std::optional<double> min_theta; // absent on the first level
};

struct Area {
    std::string id;
    std::string name;
    std::string description;
    double weight = 1.0;
    std::string self_rating_prompt;
    std::string target_level; // the level expected in this area (a level id), or "" for none
};

struct Metric {
    std::string id;
    std::string name;
    std::string description;
    std::string direction; // up | down
};

struct BlueprintDomain {
    std::string domain;
    double weight = 0.0;
    std::vector<std::string> areas;
};

// A rung that must be held first: one rung id, or an `any_of` choice of which one must be held
// (AZ-400 needs AZ-104 or AZ-204).
struct Prerequisite {
    std::vector<std::string> any_of; // one id: that rung; two or more: any one of them

    [[nodiscard]] bool choice() const { return any_of.size() > 1; }
};

struct Rung {
    std::string id;
    std::string name;
    std::string issuer;
    std::string exam_code;
    std::string issuer_level;
    std::string level;
    std::vector<Prerequisite> prerequisites;
    std::vector<std::string> recommended;
    std::optional<int> validity_months;
    std::vector<BlueprintDomain> blueprint;
    std::string as_of;
    std::string source;
    std::string confidence;
    bool retired = false;
    std::string successor;
    std::string notes;
    // Fields of this rung whose value was not confirmed at `as_of` (a per-fact confidence):
    // "validity_months", "blueprint", ... (docs/track-format.md, "Confidence").
    std::vector<std::string> unconfirmed;
};

struct ChecklistItem {
    std::string id;
    std::string text;
    std::string evidence;
    std::string probe;
};

struct Project {
    std::string id;
    std::string title;
    std::string business_question;
    std::string outcome_metric; // a metric id (free text in documents compiled before ABI recording)
    std::string outcome_target; // how the project measures that metric, with targets; may be ""
    std::string description;
    std::vector<ChecklistItem> checklist;
};

// The plugin ABI a track was compiled against, recorded by cloudtrack-trackc in the document's
// top-level "abi" key; absent from documents compiled before it was recorded.
struct AbiVersion {
    unsigned major_version = 0;
    unsigned minor_version = 0;
};

struct TrackInfo {
    std::string id;
    std::string name;
    std::string version;
    std::string vendor;
    std::string description;
    std::optional<AbiVersion> abi;
};

struct Track {
    TrackInfo info;
    std::vector<Metric> metrics;
    std::vector<Level> levels;
    std::vector<Area> areas;
    std::vector<Item> items;
    std::vector<Rung> ladder;
    std::vector<Project> portfolio;
    // The evidence probe ids the plugin's code provides, as declared at build time (trackc's
    // "probes" key); nullopt when the document does not say (built without a declaration).
    std::optional<std::vector<std::string>> probes;
    std::string sha256; // of the embedded document bytes: results record which content scored them
    // Item parameters estimated from data (docs/scoring.md, "Calibration"), embedded by the author
    // or set by a bundle overlay; nullopt when every item keeps its author's or label's parameters.
    std::optional<Calibration> calibration;
    std::string calibration_sha256; // of serialize(*calibration): results record which one scored them
    // False when the track or a bundle requires fixed forms ("allow_adaptive": false).
    bool allow_adaptive = true;

    [[nodiscard]] const Item* find_item(const std::string& id) const;
    [[nodiscard]] const Area* find_area(const std::string& id) const;
    [[nodiscard]] const Rung* find_rung(const std::string& id) const;
    [[nodiscard]] const Project* find_project(const std::string& id) const;
    [[nodiscard]] size_t area_index(const std::string& id) const; // areas.size() when absent
    // The level index reached at ability theta.
    [[nodiscard]] size_t level_at(double theta) const;
    [[nodiscard]] size_t level_index(const std::string& id) const; // levels.size() when absent
    // The calibrated parameters of an item, or nullptr when it has none.
    [[nodiscard]] const CalibratedItem* calibrated(const std::string& item_id) const;
    // Adaptive testing is the default once every scored item is calibrated: before that the
    // simulator shows it gains little (docs/scoring.md).
    [[nodiscard]] bool fully_calibrated() const;
};

const char* to_string(ItemType type);
const char* to_string(ScoringRule rule);
// "cka", or "one of az-104 or az-204" ("one of a, b or c").
std::string to_string(const Prerequisite& prerequisite);

} // namespace cloudtrack::content
