#include "catalog/search_path.hpp"

#include "catalog/install_dirs.hpp"

#include <sstream>

namespace cloudtrack::host::catalog {

namespace fs = std::filesystem;

fs::path builtin_plugin_dir(const fs::path& executable, const fs::path& from_bindir)
{
    return (executable.parent_path() / from_bindir).lexically_normal();
}

fs::path builtin_plugin_dir(const fs::path& executable)
{
    // <prefix>/bin/cloudtrack -> <prefix>/<libdir>/cloudtrack/plugins (the build tree mirrors this).
    return builtin_plugin_dir(executable, k_plugin_dir_from_bindir);
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
        // A folder named again moves to its later position: the later entry is the one that wins.
        std::erase(folders, normal);
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
