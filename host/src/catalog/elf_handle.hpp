// An owned libelf handle and libelf's last error, shared by the section and symbol readers.
#pragma once

#include <libelf.h>

#include <memory>
#include <string>

namespace cloudtrack::host::catalog::detail {

struct ElfCloser {
    void operator()(Elf* elf) const noexcept { elf_end(elf); }
};
using ElfHandle = std::unique_ptr<Elf, ElfCloser>;

inline std::string elf_reason()
{
    const char* message = elf_errmsg(-1);
    return message != nullptr ? message : "unknown libelf error";
}

} // namespace cloudtrack::host::catalog::detail
