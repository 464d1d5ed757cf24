// Numbers from the command line, range-checked. Boost.Program_options reads "-1" into a size_t as
// 18446744073709551615, so these options are declared as text and read here: anything that is
// not a plain number within the range is refused, naming the option (exit code 2).
#pragma once

#include "cli/command.hpp"

#include <cstdint>

namespace cloudtrack::host::cli {

// A whole number from `low` to `high`; `fallback` when the option is absent.
std::uint64_t whole_option(const CommandLine& cl, const char* name, std::uint64_t low, std::uint64_t high,
                           std::uint64_t fallback);

// A finite decimal number from `low` to `high`; `fallback` when the option is absent.
double real_option(const CommandLine& cl, const char* name, double low, double high, double fallback);

} // namespace cloudtrack::host::cli
