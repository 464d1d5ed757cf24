// Reads the dynamic symbol table (.dynsym) of an ELF file with libelf, from the file's bytes
// only: like the section reader, it never maps the library for execution.
#pragma once

#include "util/expected.hpp"

#include <string>
#include <vector>

namespace cloudtrack::host::catalog {

// The names of the symbols the ELF file open on `fd` exports: defined (not SHN_UNDEF), bound
// GLOBAL, WEAK or GNU_UNIQUE, of type FUNC, OBJECT, TLS or GNU_IFUNC; sorted, without
// duplicates. Version-definition symbols (absolute, size 0) are not exports. A file without a
// dynamic symbol table exports nothing. Fails with a one-line reason on a file that is not ELF or
// is corrupt.
util::Expected<std::vector<std::string>> exported_symbols(int fd);

} // namespace cloudtrack::host::catalog
