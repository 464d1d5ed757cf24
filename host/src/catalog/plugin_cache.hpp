// What `list` needs of a plugin whose document was already validated, kept between runs so that
// start-up does not parse and validate every track document again (DESIGN.md 8: `list` within
// 3x of an empty program; 200 plugins in under 100 ms).
//
// An entry is keyed by the file's identity: device, inode, size, modification and status-change
// times in nanoseconds. Any write to the file, a rename over it or a chmod changes the status-change
// time, which no user can set, so a changed file always misses. Only validated documents are
// cached; failures are read again on every run so their messages stay exact. Nothing trusts the
// cache beyond `list`: a command that needs a track reads and validates its document again (see
// Catalog), and the whole cache is dropped when the host version changes, since validation may
// have changed with it. A cache that cannot be read or written is ignored.
#pragma once

#include "content/model.hpp"

#include <sys/stat.h>

#include <filesystem>
#include <map>
#include <optional>
#include <string>

namespace cloudtrack::host::catalog {

struct FileIdentity {
    unsigned long long device = 0;
    unsigned long long inode = 0;
    long long size = 0;
    long long mtime_ns = 0;
    long long ctime_ns = 0;
    bool operator==(const FileIdentity&) const = default;
};

FileIdentity identity_of(const struct stat& info);

class PluginCache {
public:
    // Reads `file` (absent, unreadable, corrupt or written by another `host_version`: an empty
    // cache).
    PluginCache(std::filesystem::path file, std::string host_version);

    // The summary of the validated document of `path`, when its identity is unchanged.
    [[nodiscard]] std::optional<content::TrackInfo> find(const std::filesystem::path& path,
                                                         const FileIdentity& identity);

    // Records a freshly validated plugin.
    void remember(const std::filesystem::path& path, const FileIdentity& identity,
                  const content::TrackInfo& info);

    // Writes the cache back (atomically) when it changed: entries added, or entries of files no
    // longer seen in this run dropped. Failures are logged at debug level and otherwise ignored.
    void save();

private:
    struct Entry {
        FileIdentity identity;
        content::TrackInfo info;
        bool seen = false;
    };
    std::filesystem::path m_file;
    std::string m_host_version;
    std::map<std::string, Entry> m_entries; // by absolute path
    bool m_changed = false;
};

} // namespace cloudtrack::host::catalog
