#include "catalog/elf_symbols.hpp"

#include <algorithm>
#include <memory>

#include "catalog/elf_handle.hpp"

#include <gelf.h>
#include <libelf.h>

namespace cloudtrack::host::catalog {

namespace {
using detail::elf_reason;

bool is_export(const GElf_Sym& symbol)
{
    if (symbol.st_shndx == SHN_UNDEF || symbol.st_name == 0) {
        return false; // imported from elsewhere: what the plugin uses, not what it offers
    }
    if (symbol.st_shndx == SHN_ABS && symbol.st_size == 0) {
        return false; // a version node of a version script, not code or data
    }
    const auto binding = GELF_ST_BIND(symbol.st_info);
    const auto type = GELF_ST_TYPE(symbol.st_info);
    const bool global = binding == STB_GLOBAL || binding == STB_WEAK || binding == STB_GNU_UNIQUE;
    const bool code_or_data =
        type == STT_FUNC || type == STT_OBJECT || type == STT_TLS || type == STT_GNU_IFUNC;
    return global && code_or_data;
}

} // namespace

util::Expected<std::vector<std::string>> exported_symbols(int fd)
{
    if (elf_version(EV_CURRENT) == EV_NONE) {
        return util::fail("libelf initialization failed: " + elf_reason());
    }
    // Plain reads, not a mapping: a truncated file fails cleanly instead of raising SIGBUS.
    detail::ElfHandle elf(elf_begin(fd, ELF_C_READ, nullptr));
    if (!elf || elf_kind(elf.get()) != ELF_K_ELF) {
        return util::fail("not an ELF file");
    }
    const size_t entry_size = gelf_fsize(elf.get(), ELF_T_SYM, 1, EV_CURRENT);
    if (entry_size == 0) {
        return util::fail("corrupt ELF: unknown symbol size (" + elf_reason() + ")");
    }
    std::vector<std::string> names;
    Elf_Scn* section = nullptr;
    while ((section = elf_nextscn(elf.get(), section)) != nullptr) {
        GElf_Shdr header{};
        if (gelf_getshdr(section, &header) == nullptr) {
            return util::fail("corrupt ELF: unreadable section header (" + elf_reason() + ")");
        }
        if (header.sh_type != SHT_DYNSYM) {
            continue;
        }
        Elf_Data* data = elf_getdata(section, nullptr);
        if (data == nullptr) {
            return util::fail("corrupt ELF: cannot read the dynamic symbol table (" + elf_reason() + ")");
        }
        const size_t count = data->d_size / entry_size;
        for (size_t i = 0; i < count; ++i) {
            GElf_Sym symbol{};
            if (gelf_getsym(data, static_cast<int>(i), &symbol) == nullptr) {
                return util::fail("corrupt ELF: unreadable dynamic symbol " + std::to_string(i));
            }
            if (!is_export(symbol)) {
                continue;
            }
            const char* name = elf_strptr(elf.get(), header.sh_link, symbol.st_name);
            if (name == nullptr) {
                return util::fail("corrupt ELF: dynamic symbol " + std::to_string(i) + " has no name");
            }
            names.emplace_back(name);
        }
    }
    std::sort(names.begin(), names.end());
    names.erase(std::unique(names.begin(), names.end()), names.end());
    return names;
}

} // namespace cloudtrack::host::catalog
