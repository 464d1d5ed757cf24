#include "cli/measure_input.hpp"

#include "catalog/catalog.hpp"
#include "util/error.hpp"
#include "util/file.hpp"
#include "util/json_read.hpp"

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
