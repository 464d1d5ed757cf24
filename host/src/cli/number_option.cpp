#include "cli/number_option.hpp"

#include "util/error.hpp"
#include "util/term.hpp"

#include <charconv>
#include <cmath>

namespace cloudtrack::host::cli {

namespace {

[[noreturn]] void refuse(const char* name, const std::string& text, const std::string& range)
{
    throw util::Error("--" + std::string(name) + " " + util::excerpt(text) + ": expected " + range,
                      util::ExitCode::usage);
}

} // namespace

std::uint64_t whole_option(const CommandLine& cl, const char* name, std::uint64_t low, std::uint64_t high,
                           std::uint64_t fallback)
{
    return cl.has(name) ? cl.number(name, low, high) : fallback;
}

double real_option(const CommandLine& cl, const char* name, double low, double high, double fallback)
{
    if (!cl.has(name)) {
        return fallback;
    }
    const auto text = cl.text(name);
    const auto range = "a number from " + util::number_text(low) + " to " + util::number_text(high);
    double value = 0.0;
    const auto* end = text.data() + text.size();
    const auto [at, error] = std::from_chars(text.data(), end, value);
    if (text.empty() || error != std::errc() || at != end || !std::isfinite(value) || value < low ||
        value > high) {
        refuse(name, text, range);
    }
    return value;
}

} // namespace cloudtrack::host::cli
