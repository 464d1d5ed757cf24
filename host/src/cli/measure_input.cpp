#include "cli/measure_input.hpp"

#include "catalog/catalog.hpp"
#include "util/error.hpp"
#include "util/file.hpp"
#include "util/json_read.hpp"
#include "util/term.hpp"

#include <algorithm>

namespace cloudtrack::host::cli {

content::Track measured_track(Context& context, const CommandLine& cl, std::vector<std::string>& positionals,
                              const char* command)
{
    if (cl.has("plugin")) {
        const auto file = std::filesystem::absolute(cl.text("plugin"));
        auto plugin = catalog::inspect_file(file);
        if (!plugin.track) {
            throw util::Error(file.string() + ": " + plugin.reason, util::ExitCode::plugin);
        }
        return std::move(*plugin.track);
    }
    if (positionals.empty()) {
        throw util::Error(std::string(command) + " needs a TRACK (see 'cloudtrack list') or --plugin FILE",
                          util::ExitCode::usage);
    }
    const auto id = positionals.front();
    positionals.erase(positionals.begin());
    return context.catalog().track(id);
}

std::vector<const content::Track*> screened_tracks(Context& context, const std::vector<std::string>& ids)
{
    if (ids.empty()) {
        auto all = context.catalog().tracks();
        if (all.empty()) {
            throw util::Error("no usable track is installed (see 'cloudtrack list')", util::ExitCode::plugin);
        }
        return all;
    }
    std::vector<const content::Track*> tracks;
    for (size_t i = 0; i < ids.size(); ++i) {
        if (std::find(ids.begin(), ids.begin() + static_cast<std::ptrdiff_t>(i), ids[i]) !=
            ids.begin() + static_cast<std::ptrdiff_t>(i)) {
            throw util::Error("track " + util::excerpt(ids[i]) + " is named twice", util::ExitCode::usage);
        }
        tracks.push_back(&context.catalog().track(ids[i]));
    }
    return tracks;
}

assessment::BankKind bank_option(const CommandLine& cl)
{
    const auto bank = cl.text("bank", "track");
    if (bank != "track" && bank != "synthetic") {
        throw util::Error("--bank must be 'track' or 'synthetic' (got " + util::excerpt(bank) + ")",
                          util::ExitCode::usage);
    }
    return bank == "synthetic" ? assessment::BankKind::synthetic : assessment::BankKind::track;
}

nlohmann::json read_json_file(const std::string& file, util::FileKind kind)
{
    const auto text = util::read_file(file, kind);
    if (!text) {
        throw util::Error(text.error(), util::ExitCode::bad_input);
    }
    auto document = util::parse_json(*text);
    if (!document) {
        throw util::Error(file + ": " + document.error(), util::ExitCode::bad_input);
    }
    return std::move(*document);
}

} // namespace cloudtrack::host::cli
