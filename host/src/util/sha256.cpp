#include "util/sha256.hpp"

#include <array>
#include <cerrno>
#include <cstring>
#include <string_view>

#include <sodium.h>
#include <unistd.h>

namespace cloudtrack::util {

namespace {
std::string to_hex(const unsigned char* digest)
{
    constexpr std::string_view k_digits = "0123456789abcdef";
    std::string hex;
    hex.reserve(crypto_hash_sha256_BYTES * 2);
    for (size_t i = 0; i < crypto_hash_sha256_BYTES; ++i) {
        hex.push_back(k_digits[digest[i] >> 4]);
        hex.push_back(k_digits[digest[i] & 0x0f]);
    }
    return hex;
}
} // namespace

std::string sha256_hex(std::string_view bytes)
{
    std::array<unsigned char, crypto_hash_sha256_BYTES> digest{};
    crypto_hash_sha256(digest.data(), reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
    return to_hex(digest.data());
}

Expected<std::string> sha256_hex_of_fd(int fd)
{
    crypto_hash_sha256_state state;
    crypto_hash_sha256_init(&state);
    std::array<unsigned char, 1 << 16> buffer{};
    off_t offset = 0;
    for (;;) {
        const auto n = ::pread(fd, buffer.data(), buffer.size(), offset);
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            return fail(std::strerror(errno));
        }
        if (n == 0) {
            break;
        }
        crypto_hash_sha256_update(&state, buffer.data(), static_cast<unsigned long long>(n));
        offset += n;
    }
    std::array<unsigned char, crypto_hash_sha256_BYTES> digest{};
    crypto_hash_sha256_final(&state, digest.data());
    return to_hex(digest.data());
}

} // namespace cloudtrack::util
