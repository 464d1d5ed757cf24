// A cohort summary: what a group's results on one track say together, for an organization that
// trains people, without exposing any one of them. Input is result documents (cloudtrack.result/1)
// that people share, for example with `cloudtrack results export --format json`; each person
// (the attempt's profile) counts once, with their newest result. The output, `cloudtrack.cohort/1`
// (docs/career.md), names no one: counts below `min_cell` are suppressed, and a cohort smaller
// than `min_size` is refused, so no figure can be traced back to a person.
//
// Documents are added one at a time and each is reduced at once to the few figures a summary
// needs, so memory grows with the number of people, never with the size of their documents.
#pragma once

#include "assessment/result_model.hpp"
#include "util/expected.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <vector>

namespace cloudtrack::host::career {

struct CohortOptions {
    size_t min_size = 5; // people needed before anything is reported
    size_t min_cell = 3; // the smallest count shown; smaller ones print as suppressed
};

// A count as shown: the number, or suppressed when it could point at a few people.
struct CohortCount {
    std::uint64_t count = 0;
    bool suppressed = false;
};

struct LevelCount {
    std::string level;
    std::string name;
    CohortCount people;
};

// Everyone's figures for one area, or overall. Only `people` is set when suppressed.
struct CohortFigures {
    std::uint64_t people = 0;
    bool suppressed = false;
    double median_percent = 0.0;
    double p25_percent = 0.0;
    double p75_percent = 0.0;
    std::vector<LevelCount> levels;
    std::optional<double> median_gap; // measured minus self-rated level, with enough ratings
    std::optional<std::string> target_level_name;
    std::optional<CohortCount> below_target;
};

struct CohortArea {
    std::string id;
    std::string name;
    CohortFigures figures;
};

struct VersionCount {
    std::string version;
    CohortCount people;
};

struct MissedByMany {
    std::string item;
    std::string area;
    std::string stem;
    std::uint64_t missed_by = 0;
};

struct Cohort {
    std::string track;
    std::string track_name;
    std::uint64_t people = 0;
    std::uint64_t min_cell = 0;
    std::vector<VersionCount> versions;
    CohortFigures overall;
    std::vector<CohortArea> areas;
    std::vector<std::string> weakest_areas;
    std::vector<MissedByMany> most_missed;
};

nlohmann::json to_json(const Cohort& cohort);

// A `cloudtrack.cohort/1` document computed elsewhere (an organization's database), read and
// checked field by field; throws util::FieldError naming the JSON pointer of the first problem.
Cohort parse_cohort(const nlohmann::json& document);

// Collects the newest result per person of one track, then summarizes.
class CohortBuilder {
public:
    CohortBuilder(std::string track_id, CohortOptions options);

    // One shared document from `source` ("team/ana.json: result 2"). Documents that are not
    // results of the track are ignored; a malformed result of the track fails with a one-line
    // reason naming the source and the JSON pointer ("team/ana.json: result 2: /areas/0/percent:
    // expected a percent from 0 to 100").
    util::Expected<bool> add(const std::string& source, const nlohmann::json& document);
    // The documents added next come from another file.
    void next_file() { ++m_file; }

    // Fails when fewer than `min_size` people were added.
    [[nodiscard]] util::Expected<Cohort> summary() const;
    // Profiles with results of the track in more than one file. A person counts once by profile
    // name, and the default profile is the login name, so two people who both run as `ubuntu`
    // count as one: worth a note, though one person's two exports look the same.
    [[nodiscard]] size_t profiles_in_several_files() const;

private:
    // A cohort of thousands keeps one small record per person: every text most people share (level
    // and area names, versions) is kept once and pointed at, and the newest result's track name
    // and levels, the only ones the summary reads, are kept once beside the records.
    using Text = const std::string*;
    struct Figures {
        double percent = 0.0;
        Text level = nullptr;
        std::optional<double> gap;
        std::optional<std::pair<bool, Text>> target; // below it, its level name
    };
    struct AreaFigures {
        Text id = nullptr;
        Text name = nullptr;
        Figures figures;
    };
    // One person's newest result, reduced to what the summary reads.
    struct Member {
        std::int64_t attempt = 0;
        std::string finished_at;
        Text version = nullptr;
        Figures overall;
        std::vector<AreaFigures> areas;    // measured areas only
        std::vector<std::uint32_t> missed; // indexes into m_descriptions
        std::uint32_t file = 0;            // where the newest result was read
        bool several_files = false;        // results of this profile came from two files or more
    };
    struct Newest {
        std::int64_t attempt = 0;
        std::string finished_at;
        std::string profile;
        std::string track_name;
        std::vector<assessment::LevelInfo> levels;
    };

    // Newer: finished later, or with the higher attempt id when finished at the same second.
    static bool newer(const std::string& finished_a, std::int64_t attempt_a, const std::string& finished_b,
                      std::int64_t attempt_b);
    static bool newer(const Member& a, const Member& b);
    Text intern(const std::string& text);
    Member reduce(const assessment::Result& result);
    void note_newest(const assessment::Result& result, const Member& member);

    std::string m_track_id;
    CohortOptions m_options;
    std::uint32_t m_file = 0;
    std::set<std::string, std::less<>> m_texts;
    std::map<std::string, Member> m_newest; // profile -> newest result
    std::optional<Newest> m_newest_of_all;
    // Each distinct (item, area, stem) a result missed, stored once however many missed it.
    std::vector<MissedByMany> m_descriptions;
    std::map<std::tuple<std::string, std::string, std::string>, size_t> m_description_index;
};

} // namespace cloudtrack::host::career
