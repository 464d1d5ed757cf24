#include "cli/context.hpp"

#include "catalog/bundle_load.hpp"
#include "catalog/plugin_cache.hpp"
#include "catalog/search_path.hpp"
#include "cli/config.hpp"
#include "cli/version.hpp"
#include "util/term.hpp"

#include <cstdlib>
#include <iostream>

#include <pwd.h>
#include <unistd.h>

namespace cloudtrack::host::cli {

namespace fs = std::filesystem;

namespace {
std::string env(const char* name)
{
    const char* value = std::getenv(name);
    return value != nullptr ? value : "";
}
} // namespace

Context::Context(GlobalOptions options, std::ostream& out)
    : m_options(std::move(options)), m_out(out), m_color(&out == &std::cout && util::color_enabled(1))
{
}

Context::~Context() = default;

fs::path Context::data_dir() const
{
    if (m_options.data_dir) {
        return fs::absolute(*m_options.data_dir);
    }
    if (const auto home = env("CLOUDTRACK_HOME"); !home.empty()) {
        return fs::absolute(home);
    }
    if (const auto xdg = env("XDG_DATA_HOME"); !xdg.empty() && fs::path(xdg).is_absolute()) {
        return fs::path(xdg) / "cloudtrack";
    }
    auto home = env("HOME");
    if (home.empty()) {
        if (const auto* pw = ::getpwuid(::getuid()); pw != nullptr && pw->pw_dir != nullptr) {
            home = pw->pw_dir;
        }
    }
    return fs::path(home) / ".local" / "share" / "cloudtrack";
}

std::string Context::store_spec() const
{
    if (m_options.store) {
        return *m_options.store;
    }
    return configured_store(data_dir()).value_or("");
}

std::string Context::profile() const
{
    if (!m_options.profile.empty()) {
        return m_options.profile;
    }
    if (const auto* pw = ::getpwuid(::getuid()); pw != nullptr && pw->pw_name != nullptr) {
        return pw->pw_name;
    }
    const auto user = env("USER");
    return user.empty() ? "default" : user;
}

std::vector<fs::path> Context::plugin_folders() const
{
    std::error_code ec;
    const auto executable = fs::canonical("/proc/self/exe", ec);
    return catalog::plugin_search_path(
        {ec ? fs::path() : executable, data_dir(), env("CLOUDTRACK_PLUGIN_PATH"), m_options.plugin_paths});
}

catalog::Catalog& Context::catalog()
{
    if (!m_catalog) {
        auto bundle = configured_bundle(data_dir(), m_options.bundle, m_options.bundle_pubkey);
        // The plugin cache serves `list`; a bundle hashes every file anyway, so it goes without.
        std::unique_ptr<catalog::PluginCache> cache;
        if (!bundle && env("CLOUDTRACK_NO_PLUGIN_CACHE").empty()) {
            cache = std::make_unique<catalog::PluginCache>(data_dir() / "cache" / "plugins.json", k_version);
        }
        m_catalog = std::make_unique<catalog::Catalog>(
            plugin_folders(), bundle ? catalog::open_bundle(bundle->dir, bundle->pubkey) : nullptr,
            cache.get());
        if (cache) {
            cache->save();
        }
    }
    return *m_catalog;
}

} // namespace cloudtrack::host::cli
