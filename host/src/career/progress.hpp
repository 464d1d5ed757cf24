// Progress on one track over months: a person's finished results side by side, per area, with
// each change judged against the measurement's own uncertainty, so that noise is not sold as
// growth. The `progress` document of docs/career.md.
#pragma once

#include <nlohmann/json_fwd.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace cloudtrack::host::career {

// What progress needs of one result, read from its stored document at the edge.
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

// The JSON paths of a result document that progress_result() reads, in its order, so a store can
// hand over only these parts of each document.
const std::vector<std::string>& progress_paths();

// One result from the values at progress_paths() (a JSON array, one value per path). Throws
// util::Error (exit code `storage`) naming the result and the field when one is missing or of the
// wrong type.
ProgressResult progress_result(const nlohmann::json& parts);

// `results`: the profile's finished results on one track, oldest first (at least one).
nlohmann::json progress(const std::vector<ProgressResult>& results);

} // namespace cloudtrack::host::career
