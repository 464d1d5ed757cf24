// cloudtrack plugin inspect|validate FILE: for track authors and for checking what you install.
#include "cli/commands.hpp"
#include "content/parse.hpp"
#include "util/error.hpp"

#include <nlohmann/json.hpp>

#include <ostream>

namespace cloudtrack::host::cli {

namespace {

int inspect(Context& context, const Args& args)
{
    CommandLine cl("cloudtrack plugin inspect FILE [--json]",
                   "Prints the track document embedded in a plugin file, without loading or running it.");
    cl.add()("json", boost::program_options::bool_switch(), "print the document as JSON");
    cl.positional("file", 1);
    if (!cl.parse(args, context)) {
        return 0;
    }
    if (!cl.has("file")) {
        throw util::Error("plugin inspect needs a FILE", util::ExitCode::usage);
    }
    const auto file = std::filesystem::absolute(cl.text("file"));
    const auto plugin = catalog::inspect_file(file);
    if (!plugin.track) {
        throw util::Error(file.string() + ": " + plugin.reason, util::ExitCode::plugin);
    }
    auto& out = context.out();
    if (cl.flag("json")) {
        out << nlohmann::json::parse(plugin.document).dump(2) << '\n';
        return 0;
    }
    const auto& t = *plugin.track;
    out << "file:     " << file.string() << '\n'
        << "track:    " << t.info.id << ' ' << t.info.version << " (" << t.info.name << ", by " << t.info.vendor
        << ")\n"
        << "schema:   " << content::k_schema << '\n'
        << "sha256:   " << t.sha256 << " (of the embedded document)\n"
        << "content:  " << t.areas.size() << " areas, " << t.items.size() << " items, " << t.levels.size()
        << " levels, " << t.ladder.size() << " rungs, " << t.portfolio.size() << " projects, "
        << t.metrics.size() << " metrics\n";
    return 0;
}

// Every check the host makes, plus loading the code and initializing it once.
std::vector<std::string> validate_file(const std::filesystem::path& file)
{
    std::vector<std::string> problems;
    auto plugin = catalog::inspect_file(file);
    if (plugin.state == catalog::State::failed && plugin.failed_stage == catalog::State::validated) {
        for (const auto& problem : content::check(plugin.document).problems) {
            problems.push_back(content::to_string(problem));
        }
        return problems;
    }
    if (!plugin.track) {
        problems.push_back(plugin.reason);
        return problems;
    }
    catalog::load(plugin);
    if (plugin.state == catalog::State::loaded) {
        catalog::initialize(plugin);
    }
    if (plugin.state == catalog::State::ready) {
        if (plugin.entry->deinit != nullptr) {
            plugin.entry->deinit();
        }
    } else {
        problems.push_back(std::string(catalog::to_string(plugin.failed_stage)) + ": " + plugin.reason);
    }
    return problems;
}

int validate(Context& context, const Args& args)
{
    CommandLine cl("cloudtrack plugin validate FILE...",
                   "Checks plugin files as the host would and more: the document's schema and references,\n"
                   "then loads the library, checks its entry (ABI, track id and version) against the\n"
                   "document and runs init once. Prints one line per problem; exits 1 if there are any.");
    cl.positional("files", -1);
    if (!cl.parse(args, context)) {
        return 0;
    }
    const auto files = cl.texts("files");
    if (files.empty()) {
        throw util::Error("plugin validate needs at least one FILE", util::ExitCode::usage);
    }
    size_t total = 0;
    auto& out = context.out();
    for (const auto& name : files) {
        const auto file = std::filesystem::absolute(name);
        const auto problems = validate_file(file);
        for (const auto& problem : problems) {
            out << file.string() << ": " << problem << '\n';
        }
        if (problems.empty()) {
            out << file.string() << ": ok\n";
        }
        total += problems.size();
    }
    return total == 0 ? 0 : static_cast<int>(util::ExitCode::problems_found);
}

} // namespace

int cmd_plugin(Context& context, const Args& args)
{
    const std::string usage = "cloudtrack plugin inspect FILE [--json] | cloudtrack plugin validate FILE...";
    if (args.empty() || args[0] == "--help" || args[0] == "-h") {
        context.out() << "usage: " << usage << "\n\n"
                      << "  inspect   print the embedded track document without running the plugin\n"
                      << "  validate  every host check plus loading and entry agreement\n";
        return args.empty() ? static_cast<int>(util::ExitCode::usage) : 0;
    }
    const Args rest(args.begin() + 1, args.end());
    if (args[0] == "inspect") {
        return inspect(context, rest);
    }
    if (args[0] == "validate") {
        return validate(context, rest);
    }
    throw util::Error("unknown plugin command '" + args[0] + "' (usage: " + usage + ")", util::ExitCode::usage);
}

} // namespace cloudtrack::host::cli
