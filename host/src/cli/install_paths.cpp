#include "cli/install_paths.hpp"

#include "catalog/install_dirs.hpp"
#include "catalog/search_path.hpp"

namespace cloudtrack::host::cli {

namespace fs = std::filesystem;

namespace {

fs::path from_executable(const char* from_bindir)
{
    std::error_code ec;
    const auto executable = fs::canonical("/proc/self/exe", ec);
    return ec ? fs::path() : catalog::builtin_plugin_dir(executable, from_bindir);
}

} // namespace

fs::path installed_data_dir()
{
    return from_executable(catalog::k_data_dir_from_bindir);
}

fs::path installed_doc_dir()
{
    return from_executable(catalog::k_doc_dir_from_bindir);
}

} // namespace cloudtrack::host::cli
