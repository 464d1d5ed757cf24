#include "catalog/search_path.hpp"

#include <sstream>

namespace cloudtrack::host::catalog {

namespace fs = std::filesystem;

fs::path builtin_plugin_dir(const fs::path& executable)
{
    // <prefix>/bin/cloudtrack -> <prefix>/lib/cloudtrack/plugins (the build tree mirrors this).
    return executable.parent_path().parent_path() / "lib" / "cloudtrack" / "plugins";
}

std::vector<fs::path> plugin_search_path(const SearchPathInputs& inputs)
{
    std::vector<fs::path> folders;
    const auto add = [&](const fs::path& folder) {
        // Relative entries would resolve against the current directory, which is never searched.
        if (folder.empty() || folder.is_relative()) {
            return;
        }
        const auto normal = folder.lexically_normal();
        for (const auto& existing : folders) {
            if (existing == normal) {
                return;
            }
        }
        folders.push_back(normal);
    };
    if (!inputs.executable.empty()) {
        add(builtin_plugin_dir(inputs.executable));
    }
    if (!inputs.data_dir.empty()) {
        add(inputs.data_dir / "plugins");
    }
    std::istringstream env(inputs.env_plugin_path);
    for (std::string entry; std::getline(env, entry, ':');) {
        add(entry);
    }
    for (const auto& folder : inputs.cli_folders) {
        add(fs::absolute(folder));
    }
    return folders;
}

} // namespace cloudtrack::host::catalog
