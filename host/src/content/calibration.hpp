// The calibration document (`cloudtrack.calibration/1`): 2PL parameters estimated from data for
// some of a track's items, with the track (id, version, content SHA-256) they were estimated on.
// Read like content: strict types and ranges, problems named by JSON pointer.
#pragma once

#include "util/expected.hpp"

#include <nlohmann/json_fwd.hpp>

#include <cstddef>
#include <string>
#include <vector>

namespace cloudtrack::content {

inline constexpr const char* k_calibration_schema = "cloudtrack.calibration/1";

// The ranges a document may hold. Outside them a 2PL estimate says more about the data (an item
// nobody or everybody gets right, a miskeyed item) than about the item.
inline constexpr double k_min_a = 0.2;
inline constexpr double k_max_a = 4.0;
inline constexpr double k_min_b = -4.0;
inline constexpr double k_max_b = 4.0;

struct CalibratedItem {
    std::string id;
    double a = 1.0;
    double b = 0.0;
    double se_a = 0.0;
    double se_b = 0.0;
    size_t n = 0; // responses the estimate rests on
};

struct Calibration {
    std::string track_id;
    std::string track_version;
    std::string content_sha256; // of the track document the responses were scored with
    std::vector<CalibratedItem> items;

    [[nodiscard]] const CalibratedItem* find(const std::string& id) const;
};

nlohmann::json to_json(const Calibration& calibration);

// The canonical bytes: what `cloudtrack calibrate --output` writes, and what the SHA-256 a result
// records is taken of (so `sha256sum` of an unedited calibration file matches it).
std::string serialize(const Calibration& calibration);

// Fails with "<pointer>: <reason>" for the first problem: a wrong schema, an unknown or missing
// key, a wrong type, a value out of range, a duplicate item id.
util::Expected<Calibration> parse_calibration(const nlohmann::json& document);

// A failure of parse_calibration as its JSON pointer ("" for the whole document) and its reason,
// for a caller that reports it inside a larger document (a track, a bundle overlay).
struct CalibrationProblem {
    std::string pointer;
    std::string reason;
};
CalibrationProblem split_problem(const std::string& error);

} // namespace cloudtrack::content
