// The confined, read-only view of a project directory that evidence probes receive
// (cloudtrack_files_v1_t in abi.h): relative paths only, no symlinks, bounded sizes.
#pragma once

#include "util/expected.hpp"

#include <cloudtrack/plugin/abi.h>

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace cloudtrack::host::career {

struct FilesLimits {
    std::size_t max_files = 5000;                     // list() fails beyond this many files
    std::size_t max_file_size = std::size_t{1} << 20; // read() refuses larger files
    std::size_t max_depth = 32;                       // folders nested deeper make list() fail
    std::size_t max_entries = 100000;                 // directory entries one list() may visit
};

// Folders that are never listed or read: version-control data and dependency or tool caches,
// which are not the project's own work and can be huge.
bool is_skipped_folder(std::string_view name) noexcept;

// A read-only view of the regular files beneath one root directory. Paths are relative and
// '/'-separated, with no "..", "." or empty parts; symlinks are never followed (list() neither
// lists nor enters them, read() refuses them), so nothing outside the root can be reached. The
// root is held open, so renaming it does not redirect the view.
class ConfinedFiles {
public:
    // Opens `root` (which must be a directory); fails with a one-line reason.
    static util::Expected<ConfinedFiles> open(const std::filesystem::path& root, FilesLimits limits = {});

    ConfinedFiles(ConfinedFiles&& other) noexcept;
    ConfinedFiles& operator=(ConfinedFiles&& other) noexcept;
    ConfinedFiles(const ConfinedFiles&) = delete;
    ConfinedFiles& operator=(const ConfinedFiles&) = delete;
    ~ConfinedFiles();

    [[nodiscard]] const std::filesystem::path& root() const noexcept { return m_root; }

    // Every regular file beneath the root, sorted; names that are not UTF-8 are left out.
    [[nodiscard]] util::Expected<std::vector<std::string>> list() const;

    // The bytes of the file at `path`.
    [[nodiscard]] util::Expected<std::string> read(std::string_view path) const;

    // The C view for a probe. Valid while this object lives and is not moved.
    [[nodiscard]] cloudtrack_files_v1_t view() const noexcept;

private:
    ConfinedFiles(std::filesystem::path root, int fd, FilesLimits limits) noexcept;

    std::filesystem::path m_root;
    int m_fd = -1;
    FilesLimits m_limits;
};

} // namespace cloudtrack::host::career
