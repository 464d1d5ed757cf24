// The frame of a subcommand: its usage line, options, positional arguments and --help.
#pragma once

#include "cli/context.hpp"

#include <boost/program_options.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace cloudtrack::host::cli {

using Args = std::vector<std::string>;

class CommandLine {
public:
    // `usage` like "cloudtrack show TRACK [--json]"; `summary` one paragraph.
    CommandLine(std::string usage, std::string summary);

    boost::program_options::options_description_easy_init add();
    // Positional arguments, in order; max -1 for "the rest".
    void positional(const char* name, int max_count);

    // Parses `args`. Returns false when --help was asked for (and printed). Throws util::Error
    // (exit code usage) on a malformed command line.
    bool parse(const Args& args, Context& context);

    [[nodiscard]] bool has(const char* name) const { return m_values.count(name) != 0; }
    template <class T> [[nodiscard]] T get(const char* name) const { return m_values[name].as<T>(); }
    [[nodiscard]] std::string text(const char* name, const std::string& fallback = "") const;
    [[nodiscard]] std::vector<std::string> texts(const char* name) const;
    // A whole number option, range-checked before it is converted: "-1" is refused, never read as
    // 2^64-1. Throws util::Error (exit code usage) naming the option.
    [[nodiscard]] std::uint64_t number(const char* name, std::uint64_t min, std::uint64_t max) const;
    [[nodiscard]] bool flag(const char* name) const { return has(name) && m_values[name].as<bool>(); }

private:
    std::string m_usage;
    std::string m_summary;
    boost::program_options::options_description m_options;
    boost::program_options::positional_options_description m_positional;
    std::vector<std::string> m_positional_names;
    boost::program_options::variables_map m_values;
};

// The front of a command made of subcommands ("plugin inspect|validate"): prints `help` and
// returns true for --help; throws util::Error (exit code usage, one line naming the subcommands)
// when none is given; returns false when args[0] should name a subcommand.
bool group_help(const Args& args, Context& context, const std::string& help, const std::string& subcommands);

// Help and version texts shared with run().
std::string global_options_help();

} // namespace cloudtrack::host::cli
