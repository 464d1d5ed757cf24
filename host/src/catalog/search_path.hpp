// Where plugins are looked for, in increasing precedence (a later folder's plugin wins a
// duplicate track id): the install's own plugin folder, found relative to the executable; the
// user's data folder; CLOUDTRACK_PLUGIN_PATH; --plugin-path. Never the current directory.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace cloudtrack::host::catalog {

struct SearchPathInputs {
    std::filesystem::path executable;               // /proc/self/exe, resolved
    std::filesystem::path data_dir;                 // the user's cloudtrack data folder
    std::string env_plugin_path;                    // CLOUDTRACK_PLUGIN_PATH, ':'-separated
    std::vector<std::filesystem::path> cli_folders; // --plugin-path, repeatable
};

std::vector<std::filesystem::path> plugin_search_path(const SearchPathInputs& inputs);

// The built-in plugin folder for an executable at `executable`: <prefix>/<libdir>/cloudtrack/plugins,
// with the libdir this host was built for (`lib` unless GNUInstallDirs chose a multiarch one).
std::filesystem::path builtin_plugin_dir(const std::filesystem::path& executable);

// The same for a given folder relative to the executable's folder (e.g. "../lib/cloudtrack/plugins").
std::filesystem::path builtin_plugin_dir(const std::filesystem::path& executable,
                                         const std::filesystem::path& from_bindir);

} // namespace cloudtrack::host::catalog
