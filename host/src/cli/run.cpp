#include "cli/run.hpp"

#include "cli/commands.hpp"
#include "cli/version.hpp"
#include "store/pg_conn.hpp"
#include "util/error.hpp"
#include "util/term.hpp"

#include <cloudtrack/plugin/abi.h>

#include <boost/program_options.hpp>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <map>

namespace cloudtrack::host::cli {

namespace po = boost::program_options;

namespace {

struct CommandEntry {
    int (*run)(Context&, const Args&);
    const char* summary;
};

const std::map<std::string, CommandEntry>& commands()
{
    static const std::map<std::string, CommandEntry> k_commands = {
        {"assess", {&cmd_assess, "take an assessment of a track (interactive or --answers FILE)"}},
        {"screen", {&cmd_screen, "which specialization: every track screened in one sitting, ranked"}},
        {"results", {&cmd_results, "list, show, re-score and export your results"}},
        {"certs", {&cmd_certs, "record the certifications you hold"}},
        {"ladder", {&cmd_ladder, "a track's certification ladder: status, readiness, the next rung"}},
        {"portfolio", {&cmd_portfolio, "portfolio projects: progress, marks, evidence checks"}},
        {"roadmap", {&cmd_roadmap, "a 12-month plan from your latest results"}},
        {"recommend", {&cmd_recommend, "which tracks fit you best, and why"}},
        {"report", {&cmd_report, "a result as text, Markdown, HTML or JSON, with ladder and plan"}},
        {"progress", {&cmd_progress, "how your results on a track moved over time, noise told apart"}},
        {"cohort", {&cmd_cohort, "what a group's shared results say together, naming no one"}},
        {"simulate", {&cmd_simulate, "simulated people through the tests and the screener: how exact"}},
        {"calibrate", {&cmd_calibrate, "item parameters (2PL) estimated from pooled results"}},
        {"list", {&cmd_list, "list every track plugin found, with its state"}},
        {"show", {&cmd_show, "show a track: levels, areas, ladder, portfolio, metrics"}},
        {"plugin", {&cmd_plugin, "for track authors: new, preview, inspect, validate (with a key run)"}},
        {"help", {&cmd_help, "the reference pages: answers files, track format, scoring, ..."}},
        {"bundle", {&cmd_bundle, "lock, sign or verify an organization bundle of plugins"}},
        {"store", {&cmd_store, "set up an organization's PostgreSQL store (roles, row-level security)"}},
    };
    return k_commands;
}

void print_help(std::ostream& out)
{
    out << "usage: cloudtrack [global options] COMMAND [options]\n\n"
           "Assess your skills per cloud specialization track, see the certification worth taking\n"
           "next, and track the portfolio projects that prove it.\n\nCommands:\n";
    for (const auto& [name, entry] : commands()) {
        out << "  " << name << std::string(12 - name.size(), ' ') << entry.summary << '\n';
    }
    out << "\n" << global_options_help() << "\nRun 'cloudtrack COMMAND --help' for a command's options.\n";
}

void configure_logging(const std::string& level_name)
{
    // Logs go to stderr only: stdout carries results that scripts parse.
    auto logger = spdlog::stderr_logger_st("cloudtrack");
    logger->set_pattern("cloudtrack: %l: %v");
    spdlog::set_default_logger(logger);
    const auto level = spdlog::level::from_str(level_name);
    if (level == spdlog::level::off && level_name != "off") {
        throw util::Error("unknown log level '" + level_name + "' (debug, info, warn, error, off)",
                          util::ExitCode::usage);
    }
    spdlog::set_level(level);
}

// --store: a PostgreSQL URI that libpq can parse, or a file name. Checked before any command runs,
// so a typo is a usage error rather than a failed connection.
std::string checked_store_option(const std::string& value)
{
    if (value.empty() || !util::is_printable_utf8(value)) {
        throw util::Error("--store " + util::excerpt(value) +
                              ": expected a PostgreSQL URI (postgresql://...) or a SQLite file",
                          util::ExitCode::usage);
    }
    if (store::detail::is_postgres_uri(value)) {
        if (auto problem = store::detail::uri_problem(value); !problem.empty()) {
            throw util::Error("--store " + store::detail::redact_uri(value) + ": " + problem,
                              util::ExitCode::usage);
        }
    }
    return value;
}

int dispatch(int argc, char** argv)
{
    po::options_description global;
    global.add_options()("plugin-path", po::value<std::vector<std::string>>()->composing())(
        "data-dir", po::value<std::string>())("profile", po::value<std::string>())(
        "bundle", po::value<std::string>())("bundle-pubkey", po::value<std::string>())(
        "store", po::value<std::string>())("log-level", po::value<std::string>()->default_value("warn"))(
        "version", po::bool_switch())("help,h", po::bool_switch())("command", po::value<std::string>())(
        "args", po::value<std::vector<std::string>>());
    po::positional_options_description positional;
    positional.add("command", 1).add("args", -1);

    po::variables_map values;
    po::parsed_options parsed(nullptr);
    try {
        // No guessing of abbreviations: it would read a command's own --plugin FILE (simulate,
        // calibrate) as the global --plugin-path.
        parsed = po::command_line_parser(argc, argv)
                     .options(global)
                     .style(po::command_line_style::default_style & ~po::command_line_style::allow_guessing)
                     .positional(positional)
                     .allow_unregistered()
                     .run();
        po::store(parsed, values);
    } catch (const po::error& e) {
        throw util::Error(e.what(), util::ExitCode::usage);
    }
    configure_logging(values["log-level"].as<std::string>());

    GlobalOptions options;
    if (values.count("plugin-path") != 0) {
        for (const auto& p : values["plugin-path"].as<std::vector<std::string>>()) {
            options.plugin_paths.emplace_back(p);
        }
    }
    // Checked before anything is stored: a profile that cannot be written to a result document
    // would otherwise leave behind an attempt that can never be finished.
    if (values.count("data-dir") != 0) {
        const auto& dir = values["data-dir"].as<std::string>();
        if (dir.empty() || dir.find('\0') != std::string::npos) {
            throw util::Error("--data-dir: expected a folder, got an empty value", util::ExitCode::usage);
        }
        options.data_dir = dir;
    }
    if (values.count("profile") != 0) {
        const auto& profile = values["profile"].as<std::string>();
        constexpr size_t k_max_profile = 64;
        if (profile.empty() || profile.size() > k_max_profile || !util::is_printable_utf8(profile)) {
            throw util::Error("--profile " + util::excerpt(profile) + ": expected a name of 1 to " +
                                  std::to_string(k_max_profile) +
                                  " bytes of UTF-8 text without control characters",
                              util::ExitCode::usage);
        }
        options.profile = profile;
    }
    if (values.count("bundle") != 0) {
        options.bundle = values["bundle"].as<std::string>();
    }
    if (values.count("bundle-pubkey") != 0) {
        options.bundle_pubkey = values["bundle-pubkey"].as<std::string>();
    }
    if (values.count("store") != 0) {
        options.store = checked_store_option(values["store"].as<std::string>());
    }
    options.help = values["help"].as<bool>();

    if (values["version"].as<bool>()) {
        std::cout << "cloudtrack " << k_version << " (plugin ABI " << CLOUDTRACK_ABI_MAJOR << "."
                  << CLOUDTRACK_ABI_MINOR << ", content schema cloudtrack.track/1)\n";
        return 0;
    }
    if (values.count("command") == 0) {
        print_help(options.help ? std::cout : std::cerr);
        return options.help ? 0 : static_cast<int>(util::ExitCode::usage);
    }
    const auto name = values["command"].as<std::string>();
    const auto it = commands().find(name);
    if (it == commands().end()) {
        throw util::Error("unknown command '" + name + "' (see 'cloudtrack --help')", util::ExitCode::usage);
    }
    // Everything after the command that the global parser did not claim belongs to the command.
    auto args = po::collect_unrecognized(parsed.options, po::include_positional);
    if (args.empty() || args.front() != name) { // an option before the command that no parser knows
        throw util::Error("unrecognised option '" + (args.empty() ? name : args.front()) +
                              "' (see 'cloudtrack --help')",
                          util::ExitCode::usage);
    }
    args.erase(args.begin());
    Context context(std::move(options), std::cout);
    return it->second.run(context, args);
}

} // namespace

namespace {

// Whether everything written to stdout reached it: std::cout writes through C's stdout buffer, so
// a full disk or a closed pipe shows only once that buffer is flushed. A result cut short must not
// exit 0.
std::string output_failure()
{
    std::cout.flush();
    errno = 0;
    if (std::fflush(stdout) != 0 || std::ferror(stdout) != 0 || !std::cout) {
        return std::string("cannot write the output to stdout: ") +
               (errno != 0 ? std::strerror(errno) : "write error");
    }
    return {};
}

// One line, whatever the error quotes: control characters made visible, and bounded, since a
// message may quote a value from a file or the command line.
void print_error(std::string_view prefix, std::string_view message)
{
    constexpr size_t k_max_message = 2000;
    std::cerr << "cloudtrack: error: " << prefix << util::one_line(message, k_max_message) << '\n';
    std::cerr.flush();
}

} // namespace

int run(int argc, char** argv)
{
    try {
        const int code = dispatch(argc, argv);
        if (auto failure = output_failure(); !failure.empty()) {
            throw util::Error(failure, util::ExitCode::output);
        }
        return code;
    } catch (const util::Error& e) {
        (void)output_failure();
        print_error("", e.what());
        return static_cast<int>(e.code());
    } catch (const std::exception& e) {
        (void)output_failure();
        print_error("internal: ", e.what());
        return 70; // EX_SOFTWARE: a bug, not bad input
    }
}

} // namespace cloudtrack::host::cli
