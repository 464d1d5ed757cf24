// cloudtrack plugin inspect|validate FILE: for track authors and for checking what you install.
#include "assessment/key_run.hpp"
#include "catalog/lint.hpp"
#include "cli/commands.hpp"
#include "content/parse.hpp"
#include "report/bank_text.hpp"
#include "util/clock.hpp"
#include "util/error.hpp"
#include "util/term.hpp"

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
        << "track:    " << t.info.id << ' ' << t.info.version << " (" << t.info.name << ", by "
        << t.info.vendor << ")\n"
        << "schema:   " << content::k_schema << '\n'
        << "sha256:   " << t.sha256 << " (of the embedded document)\n"
        << "content:  " << util::count_of(t.areas.size(), "area") << ", "
        << util::count_of(t.items.size(), "item") << ", " << util::count_of(t.levels.size(), "level") << ", "
        << util::count_of(t.ladder.size(), "rung") << ", " << util::count_of(t.portfolio.size(), "project")
        << ", " << util::count_of(t.metrics.size(), "metric") << '\n';
    return 0;
}

// The key run: every item's key through the scorer scores 1, an all-wrong sheet 0.
void append_key_run(const std::filesystem::path& file, std::vector<catalog::Finding>& findings)
{
    const auto plugin = catalog::inspect_file(file);
    if (!plugin.track) {
        return; // lint_file reported why
    }
    for (const auto& problem : assessment::key_run(*plugin.track)) {
        findings.push_back({catalog::Severity::error, "/items/" + std::to_string(problem.index) + ": item '" +
                                                          problem.item_id +
                                                          "': key run: " + problem.message});
    }
}

int validate(Context& context, const Args& args)
{
    CommandLine cl("cloudtrack plugin validate FILE... [--stats]",
                   "The track author's lint. Checks plugin files as the host would (permissions, the\n"
                   "document's schema and references), then what an author should fix: symbols exported\n"
                   "besides the entry, answer keys that do not fit their item type, short explanations,\n"
                   "placeholder references, duplicate stems, cues a test-wise guesser could use (the key\n"
                   "the longest option, in one position, True...), ladder facts checked over 12 months ago.\n"
                   "Runs every item's key through the scorer (each must score 1) and an all-wrong answer\n"
                   "(each must score 0). Then loads the library, checks its entry (ABI, track id and\n"
                   "version) against the document and runs init once. Prints one line per problem,\n"
                   "'error: FILE: ...' or 'warning: FILE: ...', or 'FILE: ok'; exits 1 when there are\n"
                   "errors (warnings alone: 0). --stats then prints each track's bank: items per area by\n"
                   "difficulty and type, the cue figures against their bars, and the right answers a\n"
                   "typical form needs per level.");
    cl.add()("stats", boost::program_options::bool_switch(), "print each valid track's bank statistics");
    cl.positional("files", -1);
    if (!cl.parse(args, context)) {
        return 0;
    }
    const auto files = cl.texts("files");
    if (files.empty()) {
        throw util::Error("plugin validate needs at least one FILE", util::ExitCode::usage);
    }
    const auto today = util::today();
    size_t errors = 0;
    auto& out = context.out();
    for (const auto& name : files) {
        const auto file = std::filesystem::absolute(name);
        auto findings = catalog::lint_file(file, today);
        append_key_run(file, findings);
        for (const auto& finding : findings) {
            out << catalog::to_string(finding.severity) << ": " << file.string() << ": " << finding.message
                << '\n';
            errors += finding.severity == catalog::Severity::error ? 1 : 0;
        }
        if (findings.empty()) {
            out << file.string() << ": ok\n";
        }
        if (cl.flag("stats")) {
            // From the document alone: a track the host would refuse has no statistics worth reading.
            if (const auto plugin = catalog::inspect_file(file); plugin.track) {
                out << '\n';
                report::print_bank_stats(out, *plugin.track);
                out << '\n';
            }
        }
    }
    return errors == 0 ? 0 : static_cast<int>(util::ExitCode::problems_found);
}

} // namespace

int cmd_plugin(Context& context, const Args& args)
{
    const std::string usage =
        "cloudtrack plugin new ID [--dir DIR] | plugin preview FILE|TRACK [--item ID] [--key] | "
        "plugin inspect FILE [--json] | plugin validate FILE... [--stats]";
    if (group_help(args, context,
                   "usage: " + usage + "\n\n" +
                       "  new       a ready track folder from the SDK's template\n"
                       "  preview   items as the assessment shows them, --key with the key and rationales\n"
                       "  inspect   print the embedded track document without running the plugin\n"
                       "  validate  the author's lint: every host check, exported symbols, content sanity,\n"
                       "            loading and entry agreement; --stats adds each bank's statistics\n",
                   "plugin new, preview, inspect or validate")) {
        return 0;
    }
    const Args rest(args.begin() + 1, args.end());
    if (args[0] == "new") {
        return plugin_new(context, rest);
    }
    if (args[0] == "preview") {
        return plugin_preview(context, rest);
    }
    if (args[0] == "inspect") {
        return inspect(context, rest);
    }
    if (args[0] == "validate") {
        return validate(context, rest);
    }
    throw util::Error("unknown plugin command '" + args[0] + "' (usage: " + usage + ")",
                      util::ExitCode::usage);
}

} // namespace cloudtrack::host::cli
