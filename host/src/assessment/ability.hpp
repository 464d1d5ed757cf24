// The ability estimate: EAP (expected a posteriori) under a two-parameter logistic model with a
// standard-normal prior, on a fixed grid. docs/scoring.md explains it with a worked example.
#pragma once

#include <vector>

namespace cloudtrack::host::assessment {

struct Observation {
    double a = 1.0;     // discrimination
    double b = 0.0;     // difficulty
    double score = 0.0; // in [0, 1]; partial credit enters as a fractional success
};

struct Estimate {
    double theta = 0.0; // posterior mean
    double se = 1.0;    // posterior standard deviation
};

// P(correct | theta) = 1 / (1 + exp(-a (theta - b))).
double p_correct(double theta, double a, double b);

// EAP over the grid -4.0, -3.9, ..., 4.0 (81 points) with prior weights exp(-theta^2 / 2).
// With no observations it returns the prior: theta 0, se 1.
Estimate estimate(const std::vector<Observation>& observations);

} // namespace cloudtrack::host::assessment
