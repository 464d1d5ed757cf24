// Progress on one track over months: a person's finished results side by side, per area, with
// each change judged against the measurement's own uncertainty, so that noise is not sold as
// growth. The `progress` document of docs/career.md.
//
// A long history is read one result at a time, oldest first, and kept only as what the summary
// needs (first and latest point of each series); the points of the --json document are written
// to temporary files as they come and copied out in the document's order, so memory does not
// grow with the number of results.
#pragma once

#include <nlohmann/json_fwd.hpp>

#include <cstdint>
#include <iosfwd>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace cloudtrack::host::career {

// What progress needs of one result, read from its stored summary at the edge.
struct ResultFigures {
    double percent = 0.0;
    double theta = 0.0;
    double se = 0.0;
    std::string level_name;
};

struct AreaFigures {
    std::string id;
    std::string name;
    std::int64_t items = 0; // scored items; an area with none was not measured
    ResultFigures figures;
    std::optional<std::string> self_level_name; // the level the person rated themselves at
};

struct ProgressResult {
    std::int64_t attempt = 0;
    std::string finished_at;
    std::string track_id;
    std::string track_name;
    std::string version;
    std::string content_sha256;
    ResultFigures overall;
    std::vector<AreaFigures> areas;
};

// One result from its stored summary: the values at store::k_result_summary_paths, as a JSON
// array. Throws util::Error (exit code `storage`) naming stored result `attempt` and the JSON
// pointer of the field that is missing or of the wrong type.
ProgressResult progress_result(std::int64_t attempt, const nlohmann::json& summary);
// The same from the summary's text as the store keeps it; text that is not JSON reads as a
// summary without its fields, so the error names the result and the first missing field.
ProgressResult progress_result(std::int64_t attempt, const std::string& summary_text);

struct ProgressPoint {
    std::int64_t attempt = 0;
    std::string finished_at;
    ResultFigures figures;
};

enum class Verdict { improved, declined, within_noise };

// From the first point of a series to its latest, rounded to two decimals as printed.
struct ProgressChange {
    double percent = 0.0;
    double theta = 0.0;
    double se = 0.0; // of the difference
    Verdict verdict = Verdict::within_noise;
};

// The overall figures, or one area's, over the results that measured them.
struct ProgressSeries {
    std::string id; // empty for overall
    std::string name;
    std::size_t points = 0;
    std::optional<ProgressPoint> first;
    std::optional<ProgressPoint> latest;
    // Null with fewer than two points.
    [[nodiscard]] std::optional<ProgressChange> change() const;
};

struct Progress {
    std::string track_id; // as the newest result names them
    std::string track_name;
    std::size_t results = 0;
    std::string first_finished_at;
    std::string latest_finished_at;
    bool same_content = true; // every result scored with the same track content
    ProgressSeries overall;
    std::vector<ProgressSeries> areas; // the areas of the newest result, in its order
};

// Takes results oldest first and builds the summary, and with `spool_json` the document too.
class ProgressBuilder {
public:
    explicit ProgressBuilder(bool spool_json);
    ~ProgressBuilder();
    ProgressBuilder(const ProgressBuilder&) = delete;
    ProgressBuilder& operator=(const ProgressBuilder&) = delete;
    ProgressBuilder(ProgressBuilder&&) = delete;
    ProgressBuilder& operator=(ProgressBuilder&&) = delete;

    // Throws util::Error (exit code `output`) when a temporary file cannot be written.
    void add(ProgressResult result);
    [[nodiscard]] bool empty() const noexcept { return m_results == 0; }
    // The summary; at least one result must have been added.
    [[nodiscard]] Progress progress() const;
    // The `progress` document, byte for byte as nlohmann::json::dump(2) would print it, without a
    // final newline. Only with `spool_json`, after at least one result.
    void write_json(std::ostream& out) const;

private:
    class Spool;
    struct Series;

    bool m_spool_json;
    std::size_t m_results = 0;
    std::string m_first_sha256;
    std::string m_first_finished_at;
    bool m_same_content = true;
    ProgressResult m_latest; // without its figures' history: the newest result alone
    std::unique_ptr<Series> m_overall;
    std::map<std::string, std::unique_ptr<Series>> m_areas; // every area id met, for the newest's list
    std::unique_ptr<Spool> m_attempts;
};

// The change's verdict as the document spells it.
const char* to_string(Verdict verdict);

} // namespace cloudtrack::host::career
