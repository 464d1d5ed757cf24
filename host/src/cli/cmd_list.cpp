// cloudtrack list: every plugin found, healthy or not.
#include "cli/commands.hpp"
#include "util/table.hpp"
#include "util/term.hpp"

#include <nlohmann/json.hpp>

#include <ostream>

namespace cloudtrack::host::cli {

namespace {

std::string state_text(const catalog::Plugin& plugin)
{
    if (plugin.state == catalog::State::failed) {
        return std::string("failed at ") + catalog::to_string(plugin.failed_stage);
    }
    return catalog::to_string(plugin.state);
}

// "1.0", the plugin ABI the document records, or "" when it predates that record.
std::string abi_text(const content::TrackInfo& info)
{
    return info.abi ? std::to_string(info.abi->major_version) + "." + std::to_string(info.abi->minor_version)
                    : "";
}

nlohmann::json to_json(const catalog::Plugin& plugin)
{
    nlohmann::json j;
    j["path"] = plugin.path.string();
    j["state"] = catalog::to_string(plugin.state);
    if (const auto* info = plugin.info()) {
        j["id"] = info->id;
        j["name"] = info->name;
        j["version"] = info->version;
        j["vendor"] = info->vendor;
        j["abi"] = info->abi ? nlohmann::json(abi_text(*info)) : nlohmann::json(nullptr);
    } else {
        j["id"] = nullptr;
    }
    if (plugin.state == catalog::State::failed) {
        j["failed_stage"] = catalog::to_string(plugin.failed_stage);
    }
    if (!plugin.reason.empty()) {
        j["reason"] = plugin.reason;
    }
    return j;
}

} // namespace

int cmd_list(Context& context, const Args& args)
{
    CommandLine cl("cloudtrack list [--verbose] [--json]",
                   "Lists every track plugin in the search path with its id, name, version, vendor and\n"
                   "state. A healthy plugin is 'resolved' (read and validated, not yet loaded); a broken\n"
                   "one is 'failed at <stage>' and --verbose says why, with the plugin ABI each was built\n"
                   "against (a plugin built for an ABI this host cannot run fails at resolved). Plugin code\n"
                   "is never run.");
    cl.add()("verbose,v", boost::program_options::bool_switch(),
             "add the path and, for failures, the reason")("json", boost::program_options::bool_switch(),
                                                           "print a JSON array");
    if (!cl.parse(args, context)) {
        return 0;
    }
    const auto& plugins = context.catalog().plugins();
    auto& out = context.out();
    if (cl.flag("json")) {
        auto list = nlohmann::json::array();
        for (const auto& plugin : plugins) {
            list.push_back(to_json(plugin));
        }
        out << list.dump(2) << '\n';
        return 0;
    }
    if (plugins.empty()) {
        out << "No track plugins found. Searched:\n";
        for (const auto& folder : context.catalog().folders()) {
            out << "  " << folder.string() << '\n';
        }
        return 0;
    }
    const bool verbose = cl.flag("verbose");
    util::Table table({"ID", "NAME", "VERSION", "VENDOR", "STATE"});
    for (const auto& plugin : plugins) {
        const bool bad = plugin.state == catalog::State::failed || plugin.state == catalog::State::disabled;
        const auto state = util::paint(state_text(plugin), bad ? "31" : "32", context.color());
        if (const auto* info = plugin.info()) {
            table.add({info->id, info->name, info->version, info->vendor, state});
        } else {
            table.add({"(" + plugin.path.filename().string() + ")", "-", "-", "-", state});
        }
    }
    table.print(out);
    if (verbose) {
        out << '\n';
        for (const auto& plugin : plugins) {
            out << (plugin.info() != nullptr ? plugin.info()->id : plugin.path.filename().string()) << '\n'
                << "  path:   " << plugin.path.string() << '\n'
                << "  state:  " << state_text(plugin) << '\n';
            if (const auto* info = plugin.info()) {
                out << "  abi:    " << (info->abi ? abi_text(*info) : "not recorded (built by an older SDK)")
                    << '\n';
            }
            if (!plugin.reason.empty()) {
                out << "  reason: " << plugin.reason << '\n';
            }
        }
        out << "\nSearch path (later folders win a duplicate track id):\n";
        for (const auto& folder : context.catalog().folders()) {
            out << "  " << folder.string() << '\n';
        }
    }
    return 0;
}

} // namespace cloudtrack::host::cli
