// SHA-256 through libsodium, as lowercase hex.
#pragma once

#include "util/expected.hpp"

#include <string>
#include <string_view>

namespace cloudtrack::util {

std::string sha256_hex(std::string_view bytes);

// Hash of everything readable from an open descriptor, from offset 0 (pread: the descriptor's
// position is untouched, so the same descriptor can be loaded afterwards).
Expected<std::string> sha256_hex_of_fd(int fd);

} // namespace cloudtrack::util
