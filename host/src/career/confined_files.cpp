// The confined files service. Every path is walked one component at a time with openat() and
// O_NOFOLLOW from a descriptor of the root, so neither "..", an absolute path nor a symlink (to a
// file or a folder, pointing anywhere) can lead outside it, and renaming folders meanwhile cannot
// redirect a walk already under way.
#include "career/confined_files.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <utility>

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace cloudtrack::host::career {

namespace fs = std::filesystem;

namespace {

// Closes a descriptor when it goes out of scope.
class Fd {
public:
    explicit Fd(int fd = -1) noexcept : m_fd(fd) {}
    Fd(Fd&& other) noexcept : m_fd(std::exchange(other.m_fd, -1)) {}
    Fd(const Fd&) = delete;
    Fd& operator=(const Fd&) = delete;
    Fd& operator=(Fd&&) = delete;
    ~Fd()
    {
        if (m_fd >= 0) {
            ::close(m_fd);
        }
    }
    [[nodiscard]] int get() const noexcept { return m_fd; }

private:
    int m_fd;
};

std::string in_quotes(std::string_view path)
{
    return "'" + std::string(path) + "'";
}

std::string mib(std::size_t bytes)
{
    return bytes % (std::size_t{1} << 20) == 0 ? std::to_string(bytes >> 20) + " MiB"
                                               : std::to_string(bytes) + " bytes";
}

bool valid_utf8(std::string_view text) noexcept
{
    std::size_t i = 0;
    while (i < text.size()) {
        const auto c = static_cast<unsigned char>(text[i]);
        const std::size_t length = c < 0x80U            ? 1
                                   : (c >> 5U) == 0x6U  ? 2
                                   : (c >> 4U) == 0xEU  ? 3
                                   : (c >> 3U) == 0x1EU ? 4
                                                        : 0;
        if (length == 0 || i + length > text.size()) {
            return false;
        }
        for (std::size_t k = 1; k < length; ++k) {
            if ((static_cast<unsigned char>(text[i + k]) & 0xC0U) != 0x80U) {
                return false;
            }
        }
        i += length;
    }
    return true;
}

// The parts of a relative path, or why it is not one this service accepts.
util::Expected<std::vector<std::string>> split_relative(std::string_view path)
{
    if (path.empty()) {
        return util::fail("an empty path names no file");
    }
    if (path.find('\0') != std::string_view::npos) {
        return util::fail("a path may not contain a NUL byte");
    }
    if (path.front() == '/') {
        return util::fail(in_quotes(path) + " is absolute; paths are relative to the project root");
    }
    std::vector<std::string> parts;
    std::size_t start = 0;
    while (start <= path.size()) {
        const auto end = std::min(path.find('/', start), path.size());
        const auto part = path.substr(start, end - start);
        if (part == "..") {
            return util::fail(in_quotes(path) + " goes up with '..', which cannot leave the project root");
        }
        if (part.empty() || part == ".") {
            return util::fail(in_quotes(path) + " is not a plain relative path (empty or '.' part)");
        }
        parts.emplace_back(part);
        start = end + 1;
    }
    for (std::size_t i = 0; i + 1 < parts.size(); ++i) {
        if (is_skipped_folder(parts[i])) {
            return util::fail(in_quotes(path) + " is inside " + parts[i] + "/, which probes cannot read");
        }
    }
    return parts;
}

// Why `name` in folder `dir` could not be opened, for the error text.
std::string open_problem(int dir, const std::string& name, std::string_view path, bool want_folder)
{
    const int error = errno;
    struct stat info {};
    if (::fstatat(dir, name.c_str(), &info, AT_SYMLINK_NOFOLLOW) == 0) {
        if (S_ISLNK(info.st_mode)) {
            return in_quotes(path) + ": " + in_quotes(name) +
                   " is a symbolic link, and links are not followed";
        }
        if (want_folder && !S_ISDIR(info.st_mode)) {
            return in_quotes(path) + ": " + in_quotes(name) + " is not a folder";
        }
    }
    if (error == ENOENT) {
        return in_quotes(path) + ": no such file";
    }
    return in_quotes(path) + ": " + std::strerror(error);
}

struct Walk {
    const FilesLimits& limits;
    std::vector<std::string> files;
    std::size_t entries = 0;
};

// The names in folder `dir`, without "." and "..".
util::Expected<std::vector<std::string>> entry_names(int dir, const std::string& prefix)
{
    const int copy = ::fcntl(dir, F_DUPFD_CLOEXEC, 0);
    DIR* stream = copy >= 0 ? ::fdopendir(copy) : nullptr;
    if (stream == nullptr) {
        if (copy >= 0) {
            ::close(copy);
        }
        return util::fail("cannot list " + in_quotes(prefix.empty() ? "." : prefix) + ": " +
                          std::strerror(errno));
    }
    ::rewinddir(stream); // the copy shares its offset with `dir`, which may have been read before
    std::vector<std::string> names;
    while (const dirent* entry = ::readdir(stream)) {
        std::string name(static_cast<const char*>(entry->d_name));
        if (name != "." && name != "..") {
            names.push_back(std::move(name));
        }
    }
    ::closedir(stream);
    return names;
}

// Recursion is bounded by FilesLimits::max_depth, and each level holds one descriptor.
// NOLINTNEXTLINE(misc-no-recursion)
util::Expected<bool> walk(int dir, const std::string& prefix, std::size_t depth, Walk& walk_state)
{
    if (depth > walk_state.limits.max_depth) {
        return util::fail("folders are nested more than " + std::to_string(walk_state.limits.max_depth) +
                          " deep at " + in_quotes(prefix));
    }
    auto listed = entry_names(dir, prefix);
    if (!listed) {
        return util::fail(listed.error());
    }
    const auto& names = *listed;
    walk_state.entries += names.size();
    if (walk_state.entries > walk_state.limits.max_entries) {
        return util::fail("the project has more than " + std::to_string(walk_state.limits.max_entries) +
                          " files and folders to look through");
    }
    for (const auto& name : names) {
        const auto path = prefix + name;
        struct stat info {};
        if (!valid_utf8(name) || ::fstatat(dir, name.c_str(), &info, AT_SYMLINK_NOFOLLOW) != 0) {
            continue; // unnameable in JSON, or gone since it was listed
        }
        if (S_ISREG(info.st_mode)) {
            if (walk_state.files.size() >= walk_state.limits.max_files) {
                return util::fail("the project has more than " + std::to_string(walk_state.limits.max_files) +
                                  " files; point the check at the project's own folder");
            }
            walk_state.files.push_back(path);
        } else if (S_ISDIR(info.st_mode) && !is_skipped_folder(name)) {
            const Fd child(::openat(dir, name.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
            if (child.get() < 0) {
                continue; // unreadable folders are left out, like files we cannot name
            }
            if (auto done = walk(child.get(), path + "/", depth + 1, walk_state); !done) {
                return done;
            }
        }
        // Symlinks, sockets, devices and FIFOs are neither listed nor entered.
    }
    return true;
}

void append(cloudtrack_sink_t* sink, std::string_view text) noexcept
{
    if (sink != nullptr && sink->write != nullptr) {
        sink->write(sink->context, text.data(), text.size());
    }
}

cloudtrack_status list_files(const cloudtrack_files_v1_t* files, cloudtrack_sink_t* out,
                             cloudtrack_sink_t* error) noexcept
{
    try {
        const auto listed = static_cast<const ConfinedFiles*>(files->context)->list();
        if (!listed) {
            append(error, listed.error());
            return CLOUDTRACK_STATUS_ERROR;
        }
        append(out, nlohmann::json(*listed).dump());
        return CLOUDTRACK_STATUS_OK;
    } catch (const std::exception& e) {
        append(error, e.what());
    } catch (...) {
        append(error, "unknown error while listing files");
    }
    return CLOUDTRACK_STATUS_ERROR;
}

cloudtrack_status read_file(const cloudtrack_files_v1_t* files, const char* path, std::size_t path_size,
                            cloudtrack_sink_t* out, cloudtrack_sink_t* error) noexcept
{
    try {
        if (path == nullptr) {
            append(error, "no path given");
            return CLOUDTRACK_STATUS_ERROR;
        }
        const auto bytes = static_cast<const ConfinedFiles*>(files->context)->read({path, path_size});
        if (!bytes) {
            append(error, bytes.error());
            return CLOUDTRACK_STATUS_ERROR;
        }
        append(out, *bytes);
        return CLOUDTRACK_STATUS_OK;
    } catch (const std::exception& e) {
        append(error, e.what());
    } catch (...) {
        append(error, "unknown error while reading a file");
    }
    return CLOUDTRACK_STATUS_ERROR;
}

} // namespace

bool is_skipped_folder(std::string_view name) noexcept
{
    static constexpr std::array<std::string_view, 7> k_skipped = {
        ".git", ".hg", ".svn", "node_modules", ".terraform", ".venv", "__pycache__"};
    return std::find(k_skipped.begin(), k_skipped.end(), name) != k_skipped.end();
}

util::Expected<ConfinedFiles> ConfinedFiles::open(const fs::path& root, FilesLimits limits)
{
    // The root itself may be reached through a symlink: the user named it.
    const int fd = ::open(root.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) {
        return util::fail("cannot open project folder " + root.string() + ": " + std::strerror(errno));
    }
    return ConfinedFiles(root, fd, limits);
}

ConfinedFiles::ConfinedFiles(fs::path root, int fd, FilesLimits limits) noexcept
    : m_root(std::move(root)), m_fd(fd), m_limits(limits)
{
}

ConfinedFiles::ConfinedFiles(ConfinedFiles&& other) noexcept
    : m_root(std::move(other.m_root)), m_fd(std::exchange(other.m_fd, -1)), m_limits(other.m_limits)
{
}

ConfinedFiles& ConfinedFiles::operator=(ConfinedFiles&& other) noexcept
{
    if (this != &other) {
        if (m_fd >= 0) {
            ::close(m_fd);
        }
        m_root = std::move(other.m_root);
        m_fd = std::exchange(other.m_fd, -1);
        m_limits = other.m_limits;
    }
    return *this;
}

ConfinedFiles::~ConfinedFiles()
{
    if (m_fd >= 0) {
        ::close(m_fd);
    }
}

util::Expected<std::vector<std::string>> ConfinedFiles::list() const
{
    Walk state{m_limits, {}, 0};
    if (auto done = walk(m_fd, "", 0, state); !done) {
        return util::fail(done.error());
    }
    std::sort(state.files.begin(), state.files.end());
    return std::move(state.files);
}

util::Expected<std::string> ConfinedFiles::read(std::string_view path) const
{
    auto parts = split_relative(path);
    if (!parts) {
        return util::fail(parts.error());
    }
    std::vector<Fd> folders; // keeps each step's descriptor open until the walk ends
    int dir = m_fd;
    for (std::size_t i = 0; i + 1 < parts->size(); ++i) {
        const auto& name = (*parts)[i];
        folders.emplace_back(::openat(dir, name.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
        if (folders.back().get() < 0) {
            return util::fail(open_problem(dir, name, path, true));
        }
        dir = folders.back().get();
    }
    const auto& name = parts->back();
    struct stat info {};
    if (::fstatat(dir, name.c_str(), &info, AT_SYMLINK_NOFOLLOW) == 0 && !S_ISREG(info.st_mode) &&
        !S_ISLNK(info.st_mode)) {
        return util::fail(in_quotes(path) + " is not a regular file"); // never open devices or FIFOs
    }
    const Fd file(::openat(dir, name.c_str(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC));
    if (file.get() < 0) {
        return util::fail(open_problem(dir, name, path, false));
    }
    if (::fstat(file.get(), &info) != 0 || !S_ISREG(info.st_mode)) {
        return util::fail(in_quotes(path) + " is not a regular file");
    }
    const auto limit = m_limits.max_file_size;
    if (info.st_size < 0 || static_cast<std::size_t>(info.st_size) > limit) {
        return util::fail(in_quotes(path) + " is " + std::to_string(info.st_size) + " bytes, over the " +
                          mib(limit) + " limit for one file");
    }
    std::string bytes;
    std::array<char, 65536> buffer{};
    for (;;) {
        const auto got = ::read(file.get(), buffer.data(), buffer.size());
        if (got < 0 && errno == EINTR) {
            continue;
        }
        if (got < 0) {
            return util::fail(in_quotes(path) + ": " + std::strerror(errno));
        }
        if (got == 0) {
            break;
        }
        bytes.append(buffer.data(), static_cast<std::size_t>(got));
        if (bytes.size() > limit) { // grew while we read it
            return util::fail(in_quotes(path) + " is over the " + mib(limit) + " limit for one file");
        }
    }
    return bytes;
}

cloudtrack_files_v1_t ConfinedFiles::view() const noexcept
{
    // The ABI's context is a plain void*; the callbacks only ever use it as const.
    return cloudtrack_files_v1_t{
        sizeof(cloudtrack_files_v1_t),
        const_cast<ConfinedFiles*>(this), // NOLINT(cppcoreguidelines-pro-type-const-cast)
        &list_files, &read_file};
}

} // namespace cloudtrack::host::career
