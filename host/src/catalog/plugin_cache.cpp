#include "catalog/plugin_cache.hpp"

#include "util/file.hpp"
#include "util/json_read.hpp"

#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

namespace cloudtrack::host::catalog {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

constexpr const char* k_cache_schema = "cloudtrack.plugin-cache/1";

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

PluginCache::PluginCache(fs::path file, std::string host_version)
    : m_file(std::move(file)), m_host_version(std::move(host_version))
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
            entry.info = {e.at("id").get<std::string>(),          e.at("name").get<std::string>(),
                          e.at("version").get<std::string>(),     e.at("vendor").get<std::string>(),
                          e.at("description").get<std::string>(), std::nullopt};
            if (const auto abi = e.find("abi"); abi != e.end() && !abi->is_null()) {
                entry.info.abi = content::AbiVersion{abi->at(0).get<unsigned>(), abi->at(1).get<unsigned>()};
            }
            m_entries.emplace(e.at("path").get<std::string>(), std::move(entry));
        }
    } catch (const json::exception& e) {
        spdlog::debug("plugin cache {} ignored: {}", m_file.string(), e.what());
        m_entries.clear();
        m_changed = true;
    }
}

std::optional<content::TrackInfo> PluginCache::find(const fs::path& path, const FileIdentity& identity)
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
    return it->second.info;
}

void PluginCache::remember(const fs::path& path, const FileIdentity& identity, const content::TrackInfo& info)
{
    m_entries[path.string()] = Entry{identity, info, true};
    m_changed = true;
}

void PluginCache::save()
{
    // Files not seen in this run were removed, or are outside this run's search path: dropping
    // them keeps the cache as small as what is installed.
    for (auto it = m_entries.begin(); it != m_entries.end();) {
        if (it->second.seen) {
            ++it;
        } else {
            it = m_entries.erase(it);
            m_changed = true;
        }
    }
    if (!m_changed) {
        return;
    }
    auto plugins = json::array();
    for (const auto& [path, entry] : m_entries) {
        const auto& id = entry.identity;
        plugins.push_back({{"path", path},
                           {"device", id.device},
                           {"inode", id.inode},
                           {"size", id.size},
                           {"mtime_ns", id.mtime_ns},
                           {"ctime_ns", id.ctime_ns},
                           {"id", entry.info.id},
                           {"abi", entry.info.abi ? json::array({entry.info.abi->major_version,
                                                                 entry.info.abi->minor_version})
                                                  : json(nullptr)},
                           {"name", entry.info.name},
                           {"version", entry.info.version},
                           {"vendor", entry.info.vendor},
                           {"description", entry.info.description}});
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
