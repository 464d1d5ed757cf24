// The ELF section reader over arbitrary bytes (through a memfd, as it reads descriptors), with
// the same size limit as the catalog.
#include "catalog/catalog.hpp"
#include "catalog/elf_section.hpp"

#include <cstdint>

#include <sys/mman.h>
#include <unistd.h>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, size_t size)
{
    const int fd = ::memfd_create("fuzz-elf", MFD_CLOEXEC);
    if (fd < 0) {
        return 0;
    }
    if (::write(fd, data, size) == static_cast<ssize_t>(size)) {
        (void)cloudtrack::host::catalog::read_elf_section(fd, ".cloudtrack.track",
                                                          cloudtrack::host::catalog::k_max_document_size);
    }
    ::close(fd);
    return 0;
}
