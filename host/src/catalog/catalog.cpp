#include "catalog/catalog.hpp"

#include "catalog/bundle_load.hpp"
#include "catalog/discover.hpp"
#include "catalog/elf_section.hpp"
#include "catalog/plugin_cache.hpp"
#include "content/parse.hpp"
#include "util/error.hpp"
#include "util/file.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <map>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace cloudtrack::host::catalog {

namespace fs = std::filesystem;

const char* to_string(State state)
{
    switch (state) {
    case State::discovered: return "discovered";
    case State::read: return "read";
    case State::validated: return "validated";
    case State::resolved: return "resolved";
    case State::loaded: return "loaded";
    case State::initialized: return "initialized";
    case State::ready: return "ready";
    case State::failed: return "failed";
    case State::disabled: return "disabled";
    }
    return "?";
}

namespace {

double ms_since(std::chrono::steady_clock::time_point start)
{
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
}

// What sudo and OpenSSH check before trusting a plugin or a key file: anyone other than root or
// the invoking user able to write the file, or to rename it away and put another in its place
// anywhere on the path up to /, could swap the code we are about to run.
std::string owner_problem(const fs::path& what, const struct stat& info, const char* noun)
{
    if (info.st_uid != 0 && info.st_uid != ::getuid()) {
        return "refused: " + std::string(noun) + (what.empty() ? "" : " " + what.string()) +
               " is owned by uid " + std::to_string(info.st_uid) + ", neither root nor you";
    }
    return {};
}

} // namespace

std::string detail::permission_problem(const fs::path& path, const struct stat& info)
{
    if (!S_ISREG(info.st_mode)) {
        return "not a regular file";
    }
    if (auto problem = owner_problem({}, info, "the file"); !problem.empty()) {
        return problem;
    }
    if ((info.st_mode & (S_IWGRP | S_IWOTH)) != 0) {
        return "refused: the file is writable by group or others";
    }
    const auto folder_path = fs::absolute(path).parent_path();
    struct stat folder {};
    if (::stat(folder_path.c_str(), &folder) != 0) {
        return std::string("cannot stat its folder: ") + std::strerror(errno);
    }
    if ((folder.st_mode & (S_IWGRP | S_IWOTH)) != 0) {
        return "refused: its folder " + folder_path.string() + " is writable by group or others";
    }
    if (auto problem = owner_problem(folder_path, folder, "its folder"); !problem.empty()) {
        return problem;
    }
    // Further up, a shared folder is fine only with the sticky bit (like /tmp), which stops
    // others from renaming what they do not own.
    for (auto up = folder_path.parent_path(); !up.empty(); up = up.parent_path()) {
        struct stat above {};
        if (::stat(up.c_str(), &above) != 0) {
            return "cannot stat " + up.string() + ": " + std::strerror(errno);
        }
        if ((above.st_mode & S_IWOTH) != 0 && (above.st_mode & S_ISVTX) == 0) {
            return "refused: the folder " + up.string() +
                   " on its path is writable by others without the sticky bit";
        }
        if (auto problem = owner_problem(up, above, "the folder"); !problem.empty()) {
            return problem + " (on its path)";
        }
        if (up == up.root_path()) {
            break;
        }
    }
    return {};
}

util::Expected<util::OpenFile> open_plugin(const fs::path& path)
{
    auto file = util::open_regular(path, util::file_kind::plugin, util::Links::refuse);
    if (!file) {
        // The plugin's path is shown beside its reason; the reason alone reads better there.
        const auto prefix = path.string() + ": ";
        const auto& message = file.error();
        return util::fail(message.starts_with(prefix) ? message.substr(prefix.size()) : message);
    }
    if (auto problem = detail::permission_problem(path, file->info); !problem.empty()) {
        return util::fail(problem);
    }
    return file;
}

std::string abi_problem(unsigned major, unsigned minor)
{
    const auto version = [](unsigned a, unsigned b) { return std::to_string(a) + "." + std::to_string(b); };
    const auto host = version(CLOUDTRACK_ABI_MAJOR, CLOUDTRACK_ABI_MINOR);
    if (major != CLOUDTRACK_ABI_MAJOR) {
        return "plugin ABI " + version(major, minor) + " is incompatible with this host's ABI " + host +
               " (the major version must match)";
    }
    if (minor > CLOUDTRACK_ABI_MINOR) {
        return "plugin needs ABI " + version(major, minor) + " but this host provides " + host +
               " (upgrade cloudtrack)";
    }
    return {};
}

Plugin inspect_file(const fs::path& path)
{
    auto file = open_plugin(path);
    if (!file) {
        return Plugin::failed_at(path, State::discovered, file.error());
    }
    return read_plugin(path, file->fd.get());
}

Plugin inspect_open_file(const fs::path& path, int fd)
{
    struct stat info {};
    if (::fstat(fd, &info) != 0 || !S_ISREG(info.st_mode)) {
        return Plugin::failed_at(path, State::discovered, "not a regular file");
    }
    if (auto problem = detail::permission_problem(path, info); !problem.empty()) {
        return Plugin::failed_at(path, State::discovered, std::move(problem));
    }
    return read_plugin(path, fd);
}

void detail::accept_document(Plugin& plugin, std::string document)
{
    plugin.state = State::read;
    plugin.document = std::move(document);
    if (auto track = content::load(plugin.document); !track) {
        plugin.fail(State::validated, "invalid track document: " + track.error());
    } else {
        plugin.track = std::move(*track);
        plugin.state = State::validated;
    }
}

std::string detail::abi_refusal(const content::TrackInfo& info)
{
    if (!info.abi) {
        return {};
    }
    auto problem = abi_problem(info.abi->major_version, info.abi->minor_version);
    return problem.empty() ? problem : problem + ", as recorded in its document (its code was not loaded)";
}

Plugin read_plugin(const fs::path& path, int fd)
{
    Plugin plugin;
    plugin.path = path;
    const auto start = std::chrono::steady_clock::now();
    if (auto section = read_elf_section(fd, CLOUDTRACK_TRACK_SECTION, k_max_document_size); !section) {
        plugin.fail(State::read, section.error());
    } else {
        detail::accept_document(plugin, std::move(*section));
    }
    plugin.read_ms = ms_since(start);
    return plugin;
}

Catalog::Catalog(std::vector<fs::path> folders, std::shared_ptr<const Bundle> bundle, PluginCache* cache)
    : m_folders(std::move(folders)), m_bundle(std::move(bundle))
{
    if (m_bundle) {
        // The bundle's folder is searched last, so its plugins win a duplicate track id.
        const auto& dir = m_bundle->manifest.dir;
        std::erase_if(m_folders, [&](const fs::path& folder) {
            std::error_code ec;
            return fs::equivalent(folder, dir, ec);
        });
        m_folders.push_back(dir);
    }
    discover(m_bundle ? nullptr : cache);
    if (m_bundle) {
        apply_bundle(*m_bundle, m_plugins);
    }
    resolve_duplicates();
}

Catalog::~Catalog()
{
    for (auto& plugin : m_plugins) {
        if (plugin.state == State::ready && plugin.entry != nullptr && plugin.entry->deinit != nullptr) {
            plugin.entry->deinit();
        }
    }
}

void Catalog::discover(PluginCache* cache)
{
    detail::FolderFiles files;
    for (const auto& folder : m_folders) {
        auto& found = files.emplace_back();
        std::error_code ec;
        if (!fs::is_directory(folder, ec)) {
            spdlog::debug("plugin folder {} does not exist", folder.string());
            continue;
        }
        for (const auto& entry : fs::directory_iterator(folder, ec)) {
            if (entry.path().extension() == ".so") {
                found.push_back(entry.path());
            }
        }
        if (ec) {
            spdlog::warn("cannot list plugin folder {}: {}", folder.string(), ec.message());
        }
        std::sort(found.begin(), found.end());
    }
    if (m_bundle) {
        // Every file is hashed and pinned, and overlays change documents: each is read in full.
        for (const auto& folder : files) {
            for (const auto& file : folder) {
                m_plugins.push_back(inspect_in_bundle(*m_bundle, file));
            }
        }
    } else {
        m_plugins = detail::discover_plugins(files, cache);
    }
    for (const auto& plugin : m_plugins) {
        if (plugin.state == State::failed) {
            spdlog::debug("plugin {} failed at {}: {}", plugin.path.string(), to_string(plugin.failed_stage),
                          plugin.reason);
        }
    }
}

void Catalog::resolve_duplicates()
{
    // A document that records an ABI this host cannot run is refused here, before anyone depends
    // on the track and before its code is loaded; it takes no part in the duplicate rule below.
    // Outside a bundle, discovery applied both rules already (catalog/discover.hpp): this only
    // marks its winners resolved. Under one, overlays and pins first decide what is usable.
    for (auto& plugin : m_plugins) {
        if (plugin.state == State::validated) {
            if (auto problem = detail::abi_refusal(*plugin.info()); !problem.empty()) {
                plugin.fail(State::resolved, std::move(problem));
            }
        }
    }
    // Documented rule (README "Plugins"): for a duplicate track id, the plugin from the folder
    // later in the search path wins; within one folder, the first file name in sort order wins.
    std::map<std::string, size_t> winner;
    for (size_t i = 0; i < m_plugins.size(); ++i) {
        auto& plugin = m_plugins[i];
        if (plugin.state != State::validated) {
            continue;
        }
        const auto& id = plugin.info()->id;
        const auto it = winner.find(id);
        if (it == winner.end()) {
            winner.emplace(id, i);
            continue;
        }
        auto& previous = m_plugins[it->second];
        const bool same_folder = previous.path.parent_path() == plugin.path.parent_path();
        auto& loser = same_folder ? plugin : previous;
        const auto& kept = same_folder ? previous : plugin;
        loser.state = State::disabled;
        loser.reason = detail::duplicate_reason(id, kept.path, loser.path);
        if (!same_folder) {
            it->second = i;
        }
    }
    for (const auto& [id, index] : winner) {
        m_plugins[index].state = State::resolved;
    }
}

namespace {

// Reads and validates the document of a plugin listed from the cache; a file that no longer holds
// the cached track fails with the reason.
void materialize(Plugin& plugin)
{
    if (plugin.track || !plugin.cached_info) {
        return;
    }
    auto fresh = inspect_file(plugin.path);
    // The summary stays: commands may hold it (Catalog::summaries()) while others are read.
    const auto& cached = *plugin.cached_info;
    plugin.read_ms += fresh.read_ms;
    if (fresh.state == State::failed) {
        plugin.fail(fresh.failed_stage, std::move(fresh.reason));
    } else if (fresh.track->info.id != cached.id || fresh.track->info.version != cached.version) {
        plugin.fail(State::validated, "changed while in use: it now holds " + fresh.track->info.id + " " +
                                          fresh.track->info.version + ", not " + cached.id + " " +
                                          cached.version);
    } else {
        plugin.document = std::move(fresh.document);
        plugin.track = std::move(fresh.track);
    }
}

} // namespace

const Plugin* Catalog::find(const std::string& track_id) const
{
    for (auto& plugin : m_plugins) {
        if (plugin.usable() && plugin.info()->id == track_id) {
            materialize(plugin);
            if (plugin.usable()) {
                return &plugin;
            }
        }
    }
    return nullptr;
}

const content::Track& Catalog::track(const std::string& track_id) const
{
    if (const auto* plugin = find(track_id)) {
        return *plugin->track;
    }
    const auto unavailable = [&](const Plugin& plugin) {
        return util::Error("track '" + track_id + "' is unavailable: " + plugin.path.string() + ": " +
                               plugin.reason,
                           plugin.refusal);
    };
    // A bundle's own pinned file for the track explains best why it is unavailable (missing,
    // changed); else the last one found, which the search path's order would have used.
    const auto pinned = std::find_if(m_plugins.rbegin(), m_plugins.rend(), [&](const Plugin& plugin) {
        return plugin.pinned_id == track_id && !plugin.usable();
    });
    if (pinned != m_plugins.rend()) {
        throw unavailable(*pinned);
    }
    const auto last = std::find_if(m_plugins.rbegin(), m_plugins.rend(), [&](const Plugin& plugin) {
        return plugin.info() != nullptr && plugin.info()->id == track_id;
    });
    if (last != m_plugins.rend()) {
        throw unavailable(*last);
    }
    throw util::Error("no track '" + track_id + "' (see 'cloudtrack list')", util::ExitCode::plugin);
}

std::vector<const content::TrackInfo*> Catalog::summaries() const
{
    std::vector<const content::TrackInfo*> out;
    for (const auto& plugin : m_plugins) {
        if (plugin.usable()) {
            out.push_back(plugin.info());
        }
    }
    std::sort(out.begin(), out.end(), [](auto* a, auto* b) { return a->id < b->id; });
    return out;
}

std::vector<const content::Track*> Catalog::tracks() const
{
    std::vector<const content::Track*> out;
    for (auto& plugin : m_plugins) {
        if (plugin.usable()) {
            materialize(plugin);
        }
        if (plugin.usable()) {
            out.push_back(&*plugin.track);
        }
    }
    std::sort(out.begin(), out.end(), [](auto* a, auto* b) { return a->info.id < b->info.id; });
    return out;
}

Plugin& Catalog::ready(const std::string& track_id)
{
    (void)track(track_id); // throws with the reason when unavailable; reads a cached plugin's track
    auto it = std::find_if(m_plugins.begin(), m_plugins.end(),
                           [&](const Plugin& p) { return p.usable() && p.info()->id == track_id; });
    auto& plugin = *it;
    if (plugin.state == State::resolved) {
        load(plugin);
    }
    if (plugin.state == State::loaded) {
        initialize(plugin);
    }
    if (plugin.state != State::ready) {
        throw util::Error("plugin " + plugin.path.string() + " failed at " + to_string(plugin.failed_stage) +
                              ": " + plugin.reason,
                          util::ExitCode::plugin);
    }
    return plugin;
}

} // namespace cloudtrack::host::catalog
