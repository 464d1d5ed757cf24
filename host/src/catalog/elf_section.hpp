// Reads one named section out of an ELF file with libelf, from the file's bytes only: the
// library is never mapped for execution, so no plugin code runs. libelf bounds-checks every
// header against the file size, so truncated or corrupt files fail cleanly.
#pragma once

#include "util/expected.hpp"

#include <string>

namespace cloudtrack::host::catalog {

// The bytes of section `name` of the ELF file open on `fd`. Fails with a one-line reason: not an
// ELF file, truncated/corrupt headers, no such section, section empty or over `max_size` bytes.
util::Expected<std::string> read_elf_section(int fd, const std::string& name, size_t max_size);

} // namespace cloudtrack::host::catalog
