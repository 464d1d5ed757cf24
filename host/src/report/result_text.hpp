// A result document as terminal text: the summary table, the self-rating gaps, and every missed
// item with its explanation and references; with --explain, the path from answers to levels.
#pragma once

#include "assessment/result_model.hpp"

#include <ostream>

namespace cloudtrack::host::report {

struct TextOptions {
    bool color = false;
    bool explain = false;
    size_t width = 80;
};

void print_result(std::ostream& out, const assessment::Result& unsafe, const TextOptions& options);

// The scoring path alone: responses → scores → θ per area → level via the cut points.
void print_explanation(std::ostream& out, const assessment::Result& result, const TextOptions& options);

} // namespace cloudtrack::host::report
