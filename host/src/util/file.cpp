#include "util/file.hpp"

#include <array>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <sstream>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace cloudtrack::util {

Expected<std::string> read_file(const std::filesystem::path& path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        return fail(path.string() + ": " + std::strerror(errno));
    }
    std::ostringstream content;
    content << in.rdbuf();
    if (in.bad()) {
        return fail(path.string() + ": read error");
    }
    return content.str();
}

Expected<std::string> read_bounded_file(const std::filesystem::path& path, size_t max_bytes)
{
    const int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
    if (fd < 0) {
        return fail(path.string() + ": " + std::strerror(errno));
    }
    struct stat info {};
    if (::fstat(fd, &info) != 0 || !S_ISREG(info.st_mode)) {
        ::close(fd);
        return fail(path.string() + ": not a regular file");
    }
    const auto limit = std::to_string(max_bytes >> 20U) + " MiB";
    if (static_cast<std::uint64_t>(info.st_size) > max_bytes) {
        ::close(fd);
        return fail(path.string() + ": larger than " + limit);
    }
    std::string content;
    std::array<char, 65536> buffer{};
    for (;;) {
        const auto n = ::read(fd, buffer.data(), buffer.size());
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n < 0) {
            const int err = errno;
            ::close(fd);
            return fail(path.string() + ": " + std::strerror(err));
        }
        if (n == 0) {
            break;
        }
        // The file may grow after fstat: the cap holds for what is read, too.
        if (content.size() + static_cast<size_t>(n) > max_bytes) {
            ::close(fd);
            return fail(path.string() + ": larger than " + limit);
        }
        content.append(buffer.data(), static_cast<size_t>(n));
    }
    ::close(fd);
    return content;
}

Expected<bool> write_file_atomic(const std::filesystem::path& path, const std::string& content)
{
    auto temp = path;
    temp += ".tmp-" + std::to_string(::getpid());
    const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) {
        return fail(path.string() + ": " + std::strerror(errno));
    }
    size_t written = 0;
    while (written < content.size()) {
        const auto n = ::write(fd, content.data() + written, content.size() - written);
        if (n < 0) {
            const int err = errno;
            ::close(fd);
            ::unlink(temp.c_str());
            return fail(path.string() + ": " + std::strerror(err));
        }
        written += static_cast<size_t>(n);
    }
    if (::fsync(fd) != 0 || ::close(fd) != 0 || ::rename(temp.c_str(), path.c_str()) != 0) {
        const int err = errno;
        ::unlink(temp.c_str());
        return fail(path.string() + ": " + std::strerror(err));
    }
    return true;
}

} // namespace cloudtrack::util
