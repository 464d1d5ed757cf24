// What `list` needs of a plugin whose document was already validated, kept between runs so that
// start-up does not parse and validate every track document again (DESIGN.md 8: `list` within
// 3x of an empty program; 200 plugins in under 100 ms).
//
// An entry is keyed by the file's identity: device, inode, size, modification and status-change
// times in nanoseconds. Any write to the file, a rename over it or a chmod changes the status-change
// time, which no user can set, so a changed file always misses. Entries hold the summaries of
// validated documents, and the peeked summaries (content/peek.hpp) of copies refused as duplicates
// without validation, marked as such: those only ever serve to refuse the same duplicate again.
// Failures are read again on every run so their messages stay exact. Nothing trusts the cache
// beyond `list`-like summaries: a command that needs a track reads and validates its document
// again (see Catalog), and the whole cache is dropped when the host version changes, since
// validation may have changed with it. A cache that cannot be read or written is ignored.
//
// Entries of files not seen in a run are kept, so that runs with different search paths
// (`--plugin-path`) do not evict each other's entries, within bounds: an entry whose file no
// longer exists is dropped, and past k_max_cache_entries the longest unused ones go.
#pragma once

#include "content/model.hpp"

#include <sys/stat.h>

#include <cstddef>
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

// Far above any installation (the benchmark's 1,000 files fit four times over), and a cache file
// of about 1 MB at most.
inline constexpr std::size_t k_max_cache_entries = 4096;

// What the cache knows of a file.
struct CachedSummary {
    content::TrackInfo info;
    // true: from a validated document; false: peeked from a duplicate, never validated.
    bool validated = true;
};

class PluginCache {
public:
    // Reads `file` (absent, unreadable, corrupt or written by another `host_version`: an empty
    // cache). Keeps at most `max_entries` beyond the files seen in a run.
    PluginCache(std::filesystem::path file, std::string host_version,
                std::size_t max_entries = k_max_cache_entries);

    // The summary of `path`, when its identity is unchanged.
    [[nodiscard]] std::optional<CachedSummary> find(const std::filesystem::path& path,
                                                    const FileIdentity& identity);

    // Records a freshly read plugin's summary.
    void remember(const std::filesystem::path& path, const FileIdentity& identity,
                  const CachedSummary& summary);

    // Writes the cache back (atomically) when it changed: entries added or replaced, entries of
    // files that no longer exist dropped, the oldest unused ones dropped past the cap. Failures are
    // logged at debug level and otherwise ignored.
    void save();

    [[nodiscard]] std::size_t size() const { return m_entries.size(); }

private:
    struct Entry {
        FileIdentity identity;
        CachedSummary summary;
        long long last_used = 0; // seconds since the epoch, as of the last write of the cache
        bool seen = false;       // in this run
    };
    void forget_unused();
    std::filesystem::path m_file;
    std::string m_host_version;
    std::size_t m_max_entries;
    std::map<std::string, Entry> m_entries; // by absolute path
    bool m_changed = false;
};

} // namespace cloudtrack::host::catalog
