#include "cli/command.hpp"

#include "util/error.hpp"
#include "util/term.hpp"

#include <charconv>

#include <sstream>

namespace cloudtrack::host::cli {

namespace po = boost::program_options;

CommandLine::CommandLine(std::string usage, std::string summary)
    : m_usage(std::move(usage)), m_summary(std::move(summary)), m_options("Options")
{
    m_options.add_options()("help,h", po::bool_switch(), "show this help");
}

po::options_description_easy_init CommandLine::add()
{
    return m_options.add_options();
}

void CommandLine::positional(const char* name, int max_count)
{
    m_positional.add(name, max_count);
    m_positional_names.emplace_back(name);
}

bool CommandLine::parse(const Args& args, Context& context)
{
    po::options_description all;
    all.add(m_options);
    po::options_description hidden;
    for (const auto& name : m_positional_names) {
        hidden.add_options()(name.c_str(), po::value<std::vector<std::string>>());
    }
    all.add(hidden);
    try {
        po::store(po::command_line_parser(args).options(all).positional(m_positional).run(), m_values);
        po::notify(m_values);
    } catch (const po::error& e) {
        throw util::Error(std::string(e.what()) + " (usage: " + m_usage + ")", util::ExitCode::usage);
    }
    if (flag("help") || context.options().help) {
        std::ostringstream help;
        help << "usage: " << m_usage << "\n\n"
             << m_summary << "\n\n"
             << m_options << '\n'
             << global_options_help();
        context.out() << help.str();
        return false;
    }
    return true;
}

std::string CommandLine::text(const char* name, const std::string& fallback) const
{
    if (!has(name)) {
        return fallback;
    }
    const auto& value = m_values[name].value();
    if (const auto* list = boost::any_cast<std::vector<std::string>>(&value)) {
        return list->empty() ? fallback : list->front();
    }
    return boost::any_cast<std::string>(value);
}

std::uint64_t CommandLine::number(const char* name, std::uint64_t min, std::uint64_t max) const
{
    const auto value = text(name);
    std::uint64_t number = 0;
    const auto* end = value.data() + value.size();
    const auto [stop, error] = std::from_chars(value.data(), end, number);
    if (value.empty() || error != std::errc() || stop != end || number < min || number > max) {
        throw util::Error("--" + std::string(name) + " " + util::excerpt(value) +
                              ": expected a whole number from " + std::to_string(min) + " to " +
                              std::to_string(max) + " (usage: " + m_usage + ")",
                          util::ExitCode::usage);
    }
    return number;
}

std::vector<std::string> CommandLine::texts(const char* name) const
{
    return has(name) ? m_values[name].as<std::vector<std::string>>() : std::vector<std::string>{};
}

std::string global_options_help()
{
    return "Global options (any command):\n"
           "  --plugin-path DIR     also search DIR for track plugins (repeatable)\n"
           "  --data-dir DIR        where results are kept (default: $XDG_DATA_HOME/cloudtrack)\n"
           "  --profile NAME        whose results (default: your login name)\n"
           "  --bundle DIR          load only what the organization bundle in DIR allows\n"
           "  --bundle-pubkey FILE  the minisign public key the bundle must be signed with\n"
           "  --store URI|FILE      keep results in a PostgreSQL store (postgresql://...) or a\n"
           "                        SQLite file (default: cloudtrack.db in the data folder)\n"
           "  --log-level LEVEL     debug, info, warn (default), error, off\n"
           "  --version             print the version and the plugin ABI\n";
}

bool group_help(const Args& args, Context& context, const std::string& help, const std::string& subcommands)
{
    if (args.empty() && !context.options().help) {
        throw util::Error("a command is needed: " + subcommands + " (see --help)", util::ExitCode::usage);
    }
    if (args.empty() || args[0] == "--help" || args[0] == "-h") {
        context.out() << help;
        return true;
    }
    return false;
}

} // namespace cloudtrack::host::cli
