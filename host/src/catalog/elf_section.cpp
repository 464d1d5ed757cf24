#include "catalog/elf_section.hpp"

#include <algorithm>
#include <cstring>
#include <memory>

#include "catalog/elf_handle.hpp"

#include <gelf.h>
#include <libelf.h>
#include <sys/stat.h>

namespace cloudtrack::host::catalog {

namespace {
using detail::elf_reason;
} // namespace

util::Expected<std::string> read_elf_section(int fd, const std::string& name, size_t max_size)
{
    if (elf_version(EV_CURRENT) == EV_NONE) {
        return util::fail("libelf initialization failed: " + elf_reason());
    }
    struct stat info {};
    if (::fstat(fd, &info) != 0) {
        return util::fail(std::strerror(errno));
    }
    // ELF_C_READ_MMAP would map the file; plain reads keep even a truncated file safe (no SIGBUS).
    detail::ElfHandle elf(elf_begin(fd, ELF_C_READ, nullptr));
    if (!elf) {
        return util::fail("not readable as ELF: " + elf_reason());
    }
    if (elf_kind(elf.get()) != ELF_K_ELF) {
        return util::fail("not an ELF file");
    }
    // libelf reads the section header table lazily and shows one cut off by the end of the file
    // as "no sections": check its extent, or a truncated plugin passes for "not a plugin".
    GElf_Ehdr elf_header{};
    if (gelf_getehdr(elf.get(), &elf_header) == nullptr) {
        return util::fail("corrupt ELF: unreadable ELF header (" + elf_reason() + ")");
    }
    const auto file_size = static_cast<GElf_Off>(info.st_size);
    const auto table_size = GElf_Off{elf_header.e_shentsize} * std::max<GElf_Off>(elf_header.e_shnum, 1);
    if (elf_header.e_shoff > file_size || table_size > file_size - elf_header.e_shoff) {
        return util::fail("corrupt ELF: the section header table extends past the end of the file");
    }
    size_t names_index = 0;
    if (elf_getshdrstrndx(elf.get(), &names_index) != 0) {
        return util::fail("corrupt ELF: no section name table (" + elf_reason() + ")");
    }
    Elf_Scn* section = nullptr;
    while ((section = elf_nextscn(elf.get(), section)) != nullptr) {
        GElf_Shdr header{};
        if (gelf_getshdr(section, &header) == nullptr) {
            return util::fail("corrupt ELF: unreadable section header (" + elf_reason() + ")");
        }
        const char* section_name = elf_strptr(elf.get(), names_index, header.sh_name);
        if (section_name == nullptr || name != section_name) {
            continue;
        }
        if (header.sh_type == SHT_NOBITS) {
            return util::fail("section " + name + " holds no data");
        }
        if (header.sh_offset > static_cast<GElf_Off>(info.st_size) ||
            header.sh_size > static_cast<GElf_Xword>(info.st_size) - header.sh_offset) {
            return util::fail("corrupt ELF: section " + name + " extends past the end of the file");
        }
        if (header.sh_size == 0) {
            return util::fail("section " + name + " is empty");
        }
        if (header.sh_size > max_size) {
            return util::fail("section " + name + " is " + std::to_string(header.sh_size) +
                              " bytes, over the limit of " + std::to_string(max_size));
        }
        Elf_Data* data = elf_rawdata(section, nullptr);
        if (data == nullptr || data->d_buf == nullptr || data->d_size != header.sh_size) {
            return util::fail("corrupt ELF: cannot read section " + name + " (" + elf_reason() + ")");
        }
        return std::string(static_cast<const char*>(data->d_buf), data->d_size);
    }
    return util::fail("no " + name + " section (not a cloudtrack track plugin)");
}

} // namespace cloudtrack::host::catalog
