#include "catalog/discover.hpp"

#include "catalog/catalog.hpp"
#include "catalog/elf_section.hpp"
#include "catalog/plugin_cache.hpp"
#include "content/peek.hpp"

#include <chrono>
#include <functional>
#include <map>

namespace cloudtrack::host::catalog::detail {

namespace fs = std::filesystem;

namespace {

// Each track id's provider so far, in the order of preference: the first one found wins.
using Winners = std::map<std::string, fs::path, std::less<>>;

Plugin disabled_copy(const fs::path& path, content::TrackInfo info, const fs::path& kept)
{
    Plugin plugin;
    plugin.path = path;
    plugin.state = State::disabled;
    plugin.reason = duplicate_reason(info.id, kept, path);
    plugin.cached_info = std::move(info);
    return plugin;
}

// The duplicate rule and the recorded ABI for a plugin whose summary is trusted (validated now,
// or validated in an earlier run): it fails at `resolved`, repeats a track id, or provides it.
void settle(Plugin& plugin, Winners& winners)
{
    const auto& info = *plugin.info();
    if (auto problem = abi_refusal(info); !problem.empty()) {
        plugin.fail(State::resolved, std::move(problem));
    } else if (const auto it = winners.find(info.id); it != winners.end()) {
        plugin.state = State::disabled;
        plugin.reason = duplicate_reason(info.id, it->second, plugin.path);
    } else {
        winners.emplace(info.id, plugin.path);
    }
}

// Reads the plugin open (and checked) on `file`: a copy of a track already provided is refused
// from its summary; anything else is validated in full and keeps only its summary.
Plugin read_candidate(const fs::path& path, const util::OpenFile& file, Winners& winners, PluginCache* cache)
{
    const auto start = std::chrono::steady_clock::now();
    const auto identity = identity_of(file.info);
    const auto done = [&](Plugin plugin) {
        plugin.read_ms =
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
        return plugin;
    };
    auto section = read_elf_section(file.fd.get(), CLOUDTRACK_TRACK_SECTION, k_max_document_size);
    if (!section) {
        return done(Plugin::failed_at(path, State::read, section.error()));
    }
    // A summary that would fail at `resolved` takes the full path, which gives that message.
    if (auto info = content::peek_info(*section); info && abi_refusal(*info).empty()) {
        if (const auto it = winners.find(info->id); it != winners.end()) {
            if (cache != nullptr) {
                cache->remember(path, identity, {*info, false});
            }
            return done(disabled_copy(path, std::move(*info), it->second));
        }
    }
    Plugin plugin;
    plugin.path = path;
    accept_document(plugin, std::move(*section));
    if (plugin.state != State::validated) {
        return done(std::move(plugin));
    }
    if (cache != nullptr) {
        cache->remember(path, identity, {plugin.track->info, true});
    }
    plugin.cached_info = plugin.track->info;
    plugin.track.reset();
    plugin.document = std::string();
    settle(plugin, winners);
    return done(std::move(plugin));
}

// One file: from the cache when its entry still describes it and the permission rules pass,
// else opened and read. Anything unusual takes the full path, so every refusal message is the
// one inspect_file() gives.
Plugin inspect(const fs::path& path, Winners& winners, PluginCache* cache)
{
    struct stat info {};
    if (cache != nullptr && ::lstat(path.c_str(), &info) == 0 && S_ISREG(info.st_mode) &&
        permission_problem(path, info).empty()) {
        if (auto cached = cache->find(path, identity_of(info))) {
            if (cached->validated) {
                Plugin plugin;
                plugin.path = path;
                plugin.state = State::validated;
                plugin.cached_info = std::move(cached->info);
                settle(plugin, winners);
                return plugin;
            }
            if (const auto it = winners.find(cached->info.id); it != winners.end()) {
                return disabled_copy(path, std::move(cached->info), it->second);
            }
            // A copy whose original is gone now provides the track: validated below.
        }
    }
    auto file = open_plugin(path);
    if (!file) {
        return Plugin::failed_at(path, State::discovered, file.error());
    }
    return read_candidate(path, *file, winners, cache);
}

} // namespace

std::string duplicate_reason(const std::string& id, const fs::path& kept, const fs::path& loser)
{
    return "duplicate track id '" + id + "': " + kept.string() + " is used instead of " + loser.string();
}

std::vector<Plugin> discover_plugins(const FolderFiles& files, PluginCache* cache)
{
    std::vector<size_t> first_index;
    size_t total = 0;
    for (const auto& folder : files) {
        first_index.push_back(total);
        total += folder.size();
    }
    std::vector<Plugin> plugins(total);
    Winners winners;
    // Documented rule (README "Plugins"): the folder later in the search path wins a duplicate
    // track id; within one folder, the first file name in sort order wins.
    for (size_t f = files.size(); f-- > 0;) {
        for (size_t i = 0; i < files[f].size(); ++i) {
            plugins[first_index[f] + i] = inspect(files[f][i], winners, cache);
        }
    }
    return plugins;
}

} // namespace cloudtrack::host::catalog::detail
