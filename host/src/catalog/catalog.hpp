// The catalog: every plugin file in the search path, read and validated without running any of
// its code, and loaded (Boost.DLL, rtld_now, never unloaded) only when a hook is needed.
// One broken plugin never stops the others.
#pragma once

#include "catalog/plugin.hpp"
#include "util/file.hpp"

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace cloudtrack::host::catalog {

// The size limit of an embedded track document; far above any real track (the 30,000-option
// benchmark track is about 6 MB).
inline constexpr size_t k_max_document_size = size_t{64} << 20;

// Why a plugin built against plugin ABI major.minor cannot run in this host, or "" when it can
// (same major, minor not newer). Checked on the ABI the document records (at `resolved`, before
// any code runs) and on the one the entry reports (at `loaded`).
std::string abi_problem(unsigned major, unsigned minor);

// Inspects a single file: permission rules, section read, validation. Never loads it.
Plugin inspect_file(const std::filesystem::path& path);

// The same for `path` already open on `fd` (left open): every check is made on the descriptor.
Plugin inspect_open_file(const std::filesystem::path& path, int fd);

// Opens a plugin file without blocking and applies the permission rules to the descriptor (a
// regular file under the size cap, owned by root or the user, in folders others cannot change).
// The reason on failure does not repeat the path.
util::Expected<util::OpenFile> open_plugin(const std::filesystem::path& path);

// Reads and validates the document of a plugin already open on `fd` and checked; never loads it.
Plugin read_plugin(const std::filesystem::path& path, int fd);

struct Bundle;     // catalog/bundle_load.hpp
class PluginCache; // catalog/plugin_cache.hpp

// Loads a validated plugin's library and checks its entry against the document; on success the
// plugin is `loaded`. Failures mark the plugin failed at `loaded` with the reason.
void load(Plugin& plugin);

// Runs init(); the plugin becomes `ready`, or failed at `initialized` with the plugin's message.
void initialize(Plugin& plugin);

class Catalog {
public:
    // With a `bundle` (already opened: manifest valid, signature checked), its folder is searched
    // last, and only what it allows is used (catalog/bundle_load.hpp). With a `cache` (never
    // under a bundle, whose pins need every file's bytes), validated plugins whose files have not
    // changed are listed from it without reading their documents (catalog/plugin_cache.hpp).
    // Outside a bundle only summaries are kept (catalog/discover.hpp): a track's document is read
    // and validated again when a command needs it.
    explicit Catalog(std::vector<std::filesystem::path> folders,
                     std::shared_ptr<const Bundle> bundle = nullptr, PluginCache* cache = nullptr);
    Catalog(const Catalog&) = delete;
    Catalog& operator=(const Catalog&) = delete;
    Catalog(Catalog&&) = delete;
    Catalog& operator=(Catalog&&) = delete;
    ~Catalog(); // deinit() of every initialized plugin; libraries stay mapped

    [[nodiscard]] const std::vector<std::filesystem::path>& folders() const { return m_folders; }
    // Every plugin found; outside a bundle, with `cached_info` and no track until one is needed.
    [[nodiscard]] const std::vector<Plugin>& plugins() const { return m_plugins; }
    [[nodiscard]] const Bundle* bundle() const { return m_bundle.get(); }

    // The usable plugin providing `track_id`, with its track read and validated, or nullptr.
    [[nodiscard]] const Plugin* find(const std::string& track_id) const;

    // The track `track_id`; throws util::Error (exit code `plugin`) naming why it is unavailable.
    [[nodiscard]] const content::Track& track(const std::string& track_id) const;

    // Every usable track, in track id order; reads and validates every document not yet read.
    [[nodiscard]] std::vector<const content::Track*> tracks() const;

    // The summary of every usable track, in track id order, without reading any document: for
    // commands that list tracks and need the full track only of some (`recommend` reads the
    // tracks the profile was assessed on). Trusted as far as `list` trusts the plugin cache.
    [[nodiscard]] std::vector<const content::TrackInfo*> summaries() const;

    // Loads and initializes the plugin of `track_id` if needed; throws util::Error on failure.
    Plugin& ready(const std::string& track_id);

private:
    void discover(PluginCache* cache);
    void resolve_duplicates();

    std::vector<std::filesystem::path> m_folders;
    // Mutable: documents of cached plugins are read on first use, by const lookups too.
    mutable std::vector<Plugin> m_plugins;
    std::shared_ptr<const Bundle> m_bundle;
};

} // namespace cloudtrack::host::catalog
