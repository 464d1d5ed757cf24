// Random draws built on std::mt19937_64's raw output only. The standard fixes that sequence, but
// not what std::uniform_int_distribution, std::normal_distribution or std::shuffle make of it, so
// a seed stored with an attempt (or given to the simulator) would mean different things under
// different standard libraries.
#pragma once

#include <cmath>
#include <cstdint>
#include <numbers>
#include <random>
#include <string_view>

namespace cloudtrack::host::assessment {

// Uniform in [0, n) by rejection, so no value is favoured by the modulo.
inline size_t below(std::mt19937_64& rng, size_t n)
{
    const auto bound = static_cast<std::uint64_t>(n);
    const std::uint64_t limit = UINT64_MAX - UINT64_MAX % bound;
    std::uint64_t x = 0;
    do {
        x = rng();
    } while (x >= limit);
    return static_cast<size_t>(x % bound);
}

// Uniform in [0, 1) from the top 53 bits: every value is an exact double.
inline double uniform01(std::mt19937_64& rng)
{
    return static_cast<double>(rng() >> 11U) * 0x1.0p-53;
}

// Standard normal by Box-Muller, one value per call: two raw draws each, so a caller's sequence
// never depends on whether a cached second value was used.
inline double standard_normal(std::mt19937_64& rng)
{
    const double u1 = 1.0 - uniform01(rng); // (0, 1]: log stays finite
    const double u2 = uniform01(rng);
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * std::numbers::pi * u2);
}

// FNV-1a of `text`: a stable hash of an id (an item's, a track's) to key a seed stream by, the
// same in every build and library, unlike std::hash.
inline std::uint64_t fnv1a(std::string_view text)
{
    std::uint64_t hash = 0xcbf29ce484222325ULL;
    for (const char c : text) {
        hash ^= static_cast<unsigned char>(c);
        hash *= 0x100000001b3ULL;
    }
    return hash;
}

// A seed for stream `index` of a run seeded with `seed` (splitmix64's finalizer): simulated person
// 17 draws the same answers whether or not person 16 was simulated before.
inline std::uint64_t stream_seed(std::uint64_t seed, std::uint64_t index)
{
    std::uint64_t z = seed + 0x9E3779B97F4A7C15ULL * (index + 1);
    z = (z ^ (z >> 30U)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27U)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31U);
}

} // namespace cloudtrack::host::assessment
