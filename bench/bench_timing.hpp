// Timing shared by the benchmark programs: the median of repeated runs, in milliseconds.
#pragma once

#include <algorithm>
#include <chrono>
#include <vector>

namespace cloudtrack::bench {

template <class F> double median_ms(int runs, F&& f)
{
    std::vector<double> samples;
    for (int i = 0; i < runs; ++i) {
        const auto start = std::chrono::steady_clock::now();
        f();
        samples.push_back(
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
    }
    std::sort(samples.begin(), samples.end());
    return samples[samples.size() / 2];
}

} // namespace cloudtrack::bench
