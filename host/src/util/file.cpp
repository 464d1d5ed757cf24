#include "util/file.hpp"

#include <array>
#include <cerrno>
#include <cstdint>
#include <cstring>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace cloudtrack::util {

UniqueFd::~UniqueFd()
{
    if (m_fd >= 0) {
        ::close(m_fd);
    }
}

UniqueFd& UniqueFd::operator=(UniqueFd&& other) noexcept
{
    if (this != &other) {
        if (m_fd >= 0) {
            ::close(m_fd);
        }
        m_fd = other.release();
    }
    return *this;
}

int UniqueFd::release() noexcept
{
    const int fd = m_fd;
    m_fd = -1;
    return fd;
}

std::string size_text(std::uint64_t bytes)
{
    if (bytes >= file_kind::k_mib && bytes % file_kind::k_mib == 0) {
        return std::to_string(bytes / file_kind::k_mib) + " MiB";
    }
    if (bytes >= 1024 && bytes % 1024 == 0) {
        return std::to_string(bytes / 1024) + " KiB";
    }
    return std::to_string(bytes) + " bytes";
}

namespace {

std::string over_cap(const std::filesystem::path& path, FileKind kind, const std::string& size)
{
    return path.string() + ": " + size + ", over the " + size_text(kind.max_bytes) + " limit of a " +
           std::string(kind.name) + " (docs/security.md)";
}

} // namespace

Expected<OpenFile> open_regular(const std::filesystem::path& path, FileKind kind, Links links)
{
    // O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer forever.
    const int flags =
        O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY | (links == Links::refuse ? O_NOFOLLOW : 0);
    OpenFile file;
    file.fd = UniqueFd(::open(path.c_str(), flags));
    if (!file.fd.valid()) {
        if (errno == ELOOP && links == Links::refuse) {
            return fail(path.string() + ": cannot open: a symbolic link, which is not followed here");
        }
        return fail(path.string() + ": cannot open: " + std::strerror(errno));
    }
    if (::fstat(file.fd.get(), &file.info) != 0) {
        return fail(path.string() + ": cannot stat: " + std::strerror(errno));
    }
    if (!S_ISREG(file.info.st_mode)) {
        const char* what = S_ISDIR(file.info.st_mode)    ? "a folder"
                           : S_ISFIFO(file.info.st_mode) ? "a FIFO"
                           : S_ISCHR(file.info.st_mode)  ? "a character device"
                           : S_ISBLK(file.info.st_mode)  ? "a block device"
                           : S_ISSOCK(file.info.st_mode) ? "a socket"
                                                         : "a special file";
        return fail(path.string() + ": not a regular file (" + what + ")");
    }
    if (static_cast<std::uint64_t>(file.info.st_size) > kind.max_bytes) {
        return fail(over_cap(path, kind, std::to_string(file.info.st_size) + " bytes"));
    }
    // Regular files never block; clear the flag so reads behave as usual.
    const int status = ::fcntl(file.fd.get(), F_GETFL);
    if (status < 0 || ::fcntl(file.fd.get(), F_SETFL, status & ~O_NONBLOCK) != 0) {
        return fail(path.string() + ": " + std::strerror(errno));
    }
    return file;
}

Expected<std::string> read_open_file(int fd, const std::filesystem::path& path, FileKind kind)
{
    std::string content;
    std::array<char, 1 << 16> buffer{};
    for (;;) {
        const auto n = ::read(fd, buffer.data(), buffer.size());
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            return fail(path.string() + ": read error: " + std::strerror(errno));
        }
        if (n == 0) {
            return content;
        }
        if (content.size() + static_cast<size_t>(n) > kind.max_bytes) {
            return fail(over_cap(path, kind, "more than " + std::to_string(kind.max_bytes) + " bytes"));
        }
        content.append(buffer.data(), static_cast<size_t>(n));
    }
}

Expected<std::string> read_file(const std::filesystem::path& path, FileKind kind)
{
    auto file = open_regular(path, kind);
    if (!file) {
        return fail(file.error());
    }
    return read_open_file(file->fd.get(), path, kind);
}

namespace {

Expected<bool> write_all(int fd, const std::string& content)
{
    size_t written = 0;
    while (written < content.size()) {
        const auto n = ::write(fd, content.data() + written, content.size() - written);
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            return fail(std::strerror(errno));
        }
        written += static_cast<size_t>(n);
    }
    return true;
}

} // namespace

Expected<bool> write_file_atomic(const std::filesystem::path& path, const std::string& content)
{
    struct stat existing {};
    if (::lstat(path.c_str(), &existing) == 0 && !S_ISREG(existing.st_mode)) {
        return fail(path.string() + ": exists and is not a regular file; refusing to replace it");
    }
    auto temp = path;
    temp += ".tmp-" + std::to_string(::getpid());
    ::unlink(temp.c_str()); // a leftover of a killed run with our pid
    // O_EXCL: a file (or a planted symlink) already at the temporary name is never written through.
    UniqueFd fd(::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0644));
    if (!fd.valid()) {
        return fail(path.string() + ": " + std::strerror(errno));
    }
    auto written = write_all(fd.get(), content);
    if (written && ::fsync(fd.get()) != 0) {
        written = fail(std::strerror(errno));
    }
    if (written && ::close(fd.release()) != 0) {
        written = fail(std::strerror(errno));
    }
    if (written && ::rename(temp.c_str(), path.c_str()) != 0) {
        written = fail(std::strerror(errno));
    }
    if (!written) {
        ::unlink(temp.c_str());
        return fail(path.string() + ": " + written.error());
    }
    return true;
}

} // namespace cloudtrack::util
