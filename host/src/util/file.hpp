// Reading files someone else may have written, and crash-safe writes.
//
// Every file the program reads is hostile until checked (docs/security.md): it is opened without
// blocking, so a FIFO in its place cannot hang us; the open descriptor is checked with fstat, so
// a device, a folder or a file swapped after a path check is refused; and its size is capped by
// its kind, so a link to /dev/zero or a sparse 10 GB file cannot exhaust memory.
#pragma once

#include "util/expected.hpp"

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

#include <sys/stat.h>

namespace cloudtrack::util {

// A kind of file the program reads, and the most bytes it accepts of it.
struct FileKind {
    std::string_view name; // "bundle manifest": says in an error what the file was read as
    std::uint64_t max_bytes;
};

// The caps, one per kind (docs/security.md lists them). Generous for honest files, small enough
// that a hostile one cannot exhaust memory.
namespace file_kind {
inline constexpr std::uint64_t k_mib = 1024ULL * 1024ULL;
inline constexpr FileKind plugin{"plugin file", 256 * k_mib};
inline constexpr FileKind manifest{"bundle manifest", 4 * k_mib};
inline constexpr FileKind signature{"signature", 64ULL * 1024ULL};
inline constexpr FileKind key{"key file", 64ULL * 1024ULL};
inline constexpr FileKind added_items{"file of added items", 32 * k_mib};
inline constexpr FileKind config{"config file", 1 * k_mib};
inline constexpr FileKind answers{"scripted answers file", 16 * k_mib};
inline constexpr FileKind result{"file of results", 64 * k_mib};
inline constexpr FileKind content{"content file", 64 * k_mib};
inline constexpr FileKind cache{"plugin cache", 64 * k_mib};
inline constexpr FileKind calibration{"calibration document", 16 * k_mib};
inline constexpr FileKind theta_values{"file of abilities", 16 * k_mib};
inline constexpr FileKind doc{"documentation page", 4 * k_mib};
inline constexpr FileKind template_file{"template file", 4 * k_mib};
} // namespace file_kind

// An owned file descriptor, closed once.
class UniqueFd {
public:
    UniqueFd() noexcept = default;
    explicit UniqueFd(int fd) noexcept : m_fd(fd) {}
    ~UniqueFd();
    UniqueFd(UniqueFd&& other) noexcept : m_fd(other.release()) {}
    UniqueFd& operator=(UniqueFd&& other) noexcept;
    UniqueFd(const UniqueFd&) = delete;
    UniqueFd& operator=(const UniqueFd&) = delete;
    [[nodiscard]] int get() const noexcept { return m_fd; }
    [[nodiscard]] bool valid() const noexcept { return m_fd >= 0; }
    int release() noexcept;

private:
    int m_fd = -1;
};

struct OpenFile {
    UniqueFd fd;
    struct stat info {};
};

enum class Links { follow, refuse };

// Opens `path` read-only without blocking and checks the descriptor: a regular file of at most
// `kind.max_bytes`. Errors read "<path>: <reason>".
Expected<OpenFile> open_regular(const std::filesystem::path& path, FileKind kind,
                                Links links = Links::follow);

// The whole content of an open regular file, refusing more than `kind.max_bytes` even when the
// file grows while it is read.
Expected<std::string> read_open_file(int fd, const std::filesystem::path& path, FileKind kind);

Expected<std::string> read_file(const std::filesystem::path& path, FileKind kind);

// "4 MiB", "64 KiB", "512 bytes": a cap as people read it.
std::string size_text(std::uint64_t bytes);

// Writes through a temporary file in the same folder and renames it over `path`, so a reader
// sees either the old or the new content, never a torn file. Every write, the fsync and the close
// are checked. An existing `path` must be a regular file (not a symlink, a device or a folder):
// replacing anything else would replace what it stands for, which `-o /dev/full` once did.
Expected<bool> write_file_atomic(const std::filesystem::path& path, const std::string& content);

} // namespace cloudtrack::util
