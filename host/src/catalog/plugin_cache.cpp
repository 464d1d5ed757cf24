#include "catalog/plugin_cache.hpp"

#include "util/file.hpp"
#include "util/json_read.hpp"

#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <vector>

namespace cloudtrack::host::catalog {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

// 2: entries say whether their summary was validated, and carry when they were last used.
constexpr const char* k_cache_schema = "cloudtrack.plugin-cache/2";

long long nanoseconds(const struct timespec& time)
{
    return static_cast<long long>(time.tv_sec) * 1'000'000'000LL + static_cast<long long>(time.tv_nsec);
}

} // namespace

FileIdentity identity_of(const struct stat& info)
{
    return {static_cast<unsigned long long>(info.st_dev), static_cast<unsigned long long>(info.st_ino),
            static_cast<long long>(info.st_size), nanoseconds(info.st_mtim), nanoseconds(info.st_ctim)};
}

PluginCache::PluginCache(fs::path file, std::string host_version, std::size_t max_entries)
    : m_file(std::move(file)), m_host_version(std::move(host_version)), m_max_entries(max_entries)
{
    std::error_code ec;
    if (!fs::exists(m_file, ec)) {
        return;
    }
    const auto text = util::read_file(m_file, util::file_kind::cache);
    const auto parsed = text ? util::parse_json(*text) : util::Expected<json>(util::fail(text.error()));
    const auto root = parsed ? *parsed : json();
    if (!root.is_object() || root.value("schema", "") != k_cache_schema ||
        root.value("host", "") != m_host_version || !root.contains("plugins") ||
        !root["plugins"].is_array()) {
        spdlog::debug("plugin cache {} ignored (unreadable, corrupt or from another version)",
                      m_file.string());
        m_changed = true; // rewritten for this version
        return;
    }
    try {
        for (const auto& e : root["plugins"]) {
            Entry entry;
            entry.identity = {e.at("device").get<unsigned long long>(),
                              e.at("inode").get<unsigned long long>(), e.at("size").get<long long>(),
                              e.at("mtime_ns").get<long long>(), e.at("ctime_ns").get<long long>()};
            auto& info = entry.summary.info;
            info = {e.at("id").get<std::string>(),          e.at("name").get<std::string>(),
                    e.at("version").get<std::string>(),     e.at("vendor").get<std::string>(),
                    e.at("description").get<std::string>(), std::nullopt};
            if (const auto abi = e.find("abi"); abi != e.end() && !abi->is_null()) {
                info.abi = content::AbiVersion{abi->at(0).get<unsigned>(), abi->at(1).get<unsigned>()};
            }
            entry.summary.validated = e.at("validated").get<bool>();
            entry.last_used = e.at("last_used").get<long long>();
            m_entries.emplace(e.at("path").get<std::string>(), std::move(entry));
        }
    } catch (const json::exception& e) {
        spdlog::debug("plugin cache {} ignored: {}", m_file.string(), e.what());
        m_entries.clear();
        m_changed = true;
    }
}

std::optional<CachedSummary> PluginCache::find(const fs::path& path, const FileIdentity& identity)
{
    const auto it = m_entries.find(path.string());
    if (it == m_entries.end()) {
        return std::nullopt;
    }
    if (it->second.identity != identity) {
        m_entries.erase(it);
        m_changed = true;
        return std::nullopt;
    }
    it->second.seen = true;
    return it->second.summary;
}

void PluginCache::remember(const fs::path& path, const FileIdentity& identity, const CachedSummary& summary)
{
    m_entries[path.string()] = Entry{identity, summary, 0, true};
    m_changed = true;
}

void PluginCache::forget_unused()
{
    // Files not seen in this run may be outside this run's search path (another --plugin-path):
    // they stay, unless they are gone. Only they are checked, so a run that saw every entry pays
    // no system call here.
    std::vector<std::map<std::string, Entry>::iterator> unused;
    for (auto it = m_entries.begin(); it != m_entries.end();) {
        struct stat info {};
        if (it->second.seen) {
            ++it;
        } else if (::lstat(it->first.c_str(), &info) != 0) {
            it = m_entries.erase(it);
            m_changed = true;
        } else {
            unused.push_back(it++);
        }
    }
    if (m_entries.size() <= m_max_entries) {
        return;
    }
    // Past the cap, the entries used longest ago go first; those seen in this run always stay.
    const auto excess = std::min(m_entries.size() - m_max_entries, unused.size());
    std::partial_sort(unused.begin(), unused.begin() + static_cast<std::ptrdiff_t>(excess), unused.end(),
                      [](const auto& a, const auto& b) { return a->second.last_used < b->second.last_used; });
    for (std::size_t i = 0; i < excess; ++i) {
        m_entries.erase(unused[i]);
    }
    m_changed = true;
}

void PluginCache::save()
{
    forget_unused();
    if (!m_changed) {
        return;
    }
    // Only on a write, so that a run that changes nothing writes nothing: "last used" is then
    // the last run that wrote the cache, close enough to order evictions.
    const auto now =
        std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
            .count();
    auto plugins = json::array();
    for (auto& [path, entry] : m_entries) {
        if (entry.seen) {
            entry.last_used = now;
        }
        const auto& info = entry.summary.info;
        const auto& id = entry.identity;
        plugins.push_back({{"path", path},
                           {"device", id.device},
                           {"inode", id.inode},
                           {"size", id.size},
                           {"mtime_ns", id.mtime_ns},
                           {"ctime_ns", id.ctime_ns},
                           {"id", info.id},
                           {"abi", info.abi ? json::array({info.abi->major_version, info.abi->minor_version})
                                            : json(nullptr)},
                           {"name", info.name},
                           {"version", info.version},
                           {"vendor", info.vendor},
                           {"description", info.description},
                           {"validated", entry.summary.validated},
                           {"last_used", entry.last_used}});
    }
    const json root = {{"schema", k_cache_schema}, {"host", m_host_version}, {"plugins", plugins}};
    std::error_code ec;
    fs::create_directories(m_file.parent_path(), ec);
    if (auto written = util::write_file_atomic(m_file, root.dump() + "\n"); !written) {
        spdlog::debug("plugin cache not written: {}", written.error());
    }
    m_changed = false;
}

} // namespace cloudtrack::host::catalog
