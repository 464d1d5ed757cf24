// Estimating 2PL item parameters from pooled responses by marginal maximum likelihood: EM over a
// quadrature grid (Bock and Aitkin, 1981) with weak priors, log a ~ N(0, 0.5^2) and b ~ N(0, 2^2),
// so an item few people saw stays near a = 1, b = 0 instead of running off to a bound. Each
// person may have seen any subset of the items; partial scores enter as fractional successes, as
// in scoring.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace cloudtrack::host::assessment {

struct PersonResponse {
    size_t item = 0;    // index into ResponseSet::item_ids
    double score = 0.0; // in [0, 1]
};

struct ResponseSet {
    std::vector<std::string> item_ids;
    std::vector<std::vector<PersonResponse>> people; // each person's responses, one per item at most
};

struct CalibrationOptions {
    size_t max_iterations = 500;
    double tolerance = 1e-3; // converged when no a or b moves more than this in an EM cycle
    size_t min_responses = 50;
    double prior_log_a_mean = 0.0;
    double prior_log_a_sd = 0.5;
    double prior_b_mean = 0.0;
    double prior_b_sd = 2.0;
};

struct ItemCalibration {
    std::string id;
    size_t n = 0;                // responses
    double facility = 0.0;       // mean score
    double point_biserial = 0.0; // correlation of the item's score with the rest of the person's test
    double a = 1.0;
    double b = 0.0;
    double se_a = 0.0;
    double se_b = 0.0;
    bool estimated = false; // false when nobody answered it
    std::vector<std::string> flags;
};

struct CalibrationRun {
    std::vector<ItemCalibration> items; // in ResponseSet order
    size_t people = 0;
    size_t iterations = 0;
    bool converged = false;
    double log_likelihood = 0.0; // marginal, at the estimates
};

// Flags: "low discrimination" (point-biserial below 0.25), "too easy" (facility above 0.95),
// "too hard" (below 0.10), "few responses" (below min_responses), "no convergence".
CalibrationRun calibrate(const ResponseSet& responses, const CalibrationOptions& options = {});

} // namespace cloudtrack::host::assessment
