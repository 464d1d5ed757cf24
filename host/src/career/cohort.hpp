// A cohort summary: what a group's results on one track say together, for an organization that
// trains people, without exposing any one of them. Input is result documents (cloudtrack.result/1)
// that people share, for example with `cloudtrack results export --format json`; each person
// (the attempt's profile) counts once, with their newest result. The output, `cloudtrack.cohort/1`
// (docs/career.md), names no one: counts below `min_cell` are suppressed, and a cohort smaller
// than `min_size` is refused, so no figure can be traced back to a person.
#pragma once

#include "util/expected.hpp"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace cloudtrack::host::career {

struct CohortOptions {
    size_t min_size = 5; // people needed before anything is reported
    size_t min_cell = 3; // the smallest count shown; smaller ones print as suppressed
};

// One result document as shared, and where it came from ("team/ana.json: result 2").
struct SharedResult {
    std::string source;
    nlohmann::json document;
};

// The newest result per person among `results` for `track_id` (others are ignored). Fails with
// a one-line reason naming the source of a malformed result of the track ("team/ana.json:
// result 2: /areas/0/percent: expected a number"), or when fewer than `options.min_size` people
// remain.
util::Expected<nlohmann::json> cohort_summary(const std::string& track_id,
                                              const std::vector<SharedResult>& results,
                                              const CohortOptions& options);

} // namespace cloudtrack::host::career
