#include "catalog/catalog.hpp"
#include "catalog/elf_section.hpp"
#include "test_support.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <cstring>
#include <filesystem>
#include <optional>
#include <string>

#include <elf.h>
#include <fcntl.h>
#include <unistd.h>

namespace {

namespace fs = std::filesystem;
using cloudtrack::host::catalog::k_max_document_size;
using cloudtrack::host::catalog::read_elf_section;
using cloudtrack::test::fixture_dir;
using cloudtrack::test::read_text;
using cloudtrack::test::TempDir;
using cloudtrack::test::write_text;

const std::string k_section = ".cloudtrack.track";

fs::path fixture(const std::string& name)
{
    return fixture_dir() / name / (name + ".so");
}

cloudtrack::util::Expected<std::string> read_section(const fs::path& path,
                                                     size_t max_size = k_max_document_size)
{
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    REQUIRE(fd >= 0);
    auto result = read_elf_section(fd, k_section, max_size);
    ::close(fd);
    return result;
}

// Where things are in a 64-bit little-endian ELF image, parsed by hand so the test does not trust
// the code under test (or libelf) to find them.
struct Layout {
    Elf64_Ehdr header{};
    size_t section_header_offset = 0; // of the track section's Elf64_Shdr
    Elf64_Shdr section{};
};

std::optional<Layout> layout(const std::string& bytes)
{
    Layout out;
    if (bytes.size() < sizeof(Elf64_Ehdr)) {
        return std::nullopt;
    }
    std::memcpy(&out.header, bytes.data(), sizeof(Elf64_Ehdr));
    const auto& h = out.header;
    const auto header_at = [&](size_t index) {
        Elf64_Shdr shdr{};
        std::memcpy(&shdr, bytes.data() + h.e_shoff + index * h.e_shentsize, sizeof(Elf64_Shdr));
        return shdr;
    };
    const auto names = header_at(h.e_shstrndx);
    for (size_t i = 0; i < h.e_shnum; ++i) {
        const auto shdr = header_at(i);
        if (bytes.compare(names.sh_offset + shdr.sh_name, k_section.size() + 1,
                          std::string(k_section.c_str(), k_section.size() + 1)) == 0) {
            out.section_header_offset = h.e_shoff + i * h.e_shentsize;
            out.section = shdr;
            return out;
        }
    }
    return std::nullopt;
}

bool one_line(const std::string& text)
{
    return !text.empty() && text.find('\n') == std::string::npos;
}

} // namespace

TEST_CASE("the track section of a real plugin is read from its bytes", "[catalog]")
{
    const auto section = read_section(fixture("good"));
    REQUIRE(section);
    const auto document = nlohmann::json::parse(*section);
    CHECK(document.at("schema") == "cloudtrack.track/1");
    CHECK(document.at("track").at("id") == "fixture-good");

    // The bytes are exactly those at the section's offset in the file.
    const auto bytes = read_text(fixture("good"));
    const auto where = layout(bytes);
    REQUIRE(where);
    CHECK(*section == bytes.substr(where->section.sh_offset, where->section.sh_size));
}

TEST_CASE("a file that is not ELF is refused cleanly", "[catalog]")
{
    TempDir dir;
    write_text(dir / "text.so", "#!/bin/sh\necho this is not a shared library\n");
    write_text(dir / "empty.so", "");
    for (const auto* name : {"text.so", "empty.so"}) {
        INFO(name);
        const auto section = read_section(dir / name);
        REQUIRE_FALSE(section);
        CHECK(section.error() == "not an ELF file");
    }
}

TEST_CASE("an ELF without the track section is refused as not a plugin", "[catalog]")
{
    const auto section = read_section(fixture("no-section"));
    REQUIRE_FALSE(section);
    CHECK(section.error() == "no .cloudtrack.track section (not a cloudtrack track plugin)");
}

TEST_CASE("a truncated ELF fails cleanly and says so, wherever it is cut", "[catalog]")
{
    const auto bytes = read_text(fixture("good"));
    const auto where = layout(bytes);
    REQUIRE(where);
    const auto& h = where->header;
    const size_t table_end = h.e_shoff + size_t{h.e_shnum} * h.e_shentsize;
    REQUIRE(table_end == bytes.size()); // the linker puts the section header table last
    const std::vector<size_t> lengths = {
        1,
        4,                                // just the magic
        sizeof(Elf64_Ehdr) - 1,           // inside the ELF header
        sizeof(Elf64_Ehdr),               // the header alone
        4096,                             // inside the program
        where->section.sh_offset + 5,     // inside the track section's data
        h.e_shoff,                        // just before the section header table
        h.e_shoff + 10,                   // inside its first entry
        where->section_header_offset + 8, // inside the track section's own header
        table_end - 1,                    // one byte short
    };
    TempDir dir;
    for (const auto length : lengths) {
        INFO("truncated to " << length << " of " << bytes.size() << " bytes");
        write_text(dir / "truncated.so", bytes.substr(0, length));
        const auto section = read_section(dir / "truncated.so");
        REQUIRE_FALSE(section);
        CHECK(one_line(section.error()));
        // A cut file is damaged, not "some other kind of library": the reason must say so.
        const auto& reason = section.error();
        INFO("reason: " << reason);
        const bool honest = reason == "not an ELF file" || reason.find("corrupt") != std::string::npos ||
                            reason.find("truncated") != std::string::npos;
        CHECK(honest);
    }
}

TEST_CASE("a section header pointing past the end of the file is refused", "[catalog]")
{
    const auto bytes = read_text(fixture("good"));
    const auto where = layout(bytes);
    REQUIRE(where);
    TempDir dir;
    const auto patched = [&](size_t field_offset, Elf64_Xword value) {
        auto copy = bytes;
        std::memcpy(copy.data() + where->section_header_offset + field_offset, &value, sizeof(value));
        write_text(dir / "patched.so", copy);
        return read_section(dir / "patched.so");
    };
    const auto expected = "corrupt ELF: section .cloudtrack.track extends past the end of the file";
    SECTION("size")
    {
        const auto section = patched(offsetof(Elf64_Shdr, sh_size), Elf64_Xword{1} << 40);
        REQUIRE_FALSE(section);
        CHECK(section.error() == expected);
    }
    SECTION("offset")
    {
        const auto section = patched(offsetof(Elf64_Shdr, sh_offset), bytes.size() - 2);
        REQUIRE_FALSE(section);
        CHECK(section.error() == expected);
    }
}

TEST_CASE("a section over the size limit is refused before it is read", "[catalog]")
{
    const auto section = read_section(fixture("good"), 16);
    REQUIRE_FALSE(section);
    CHECK(section.error().find("bytes, over the limit of 16") != std::string::npos);
}

TEST_CASE("damaging any byte of the headers never crashes the reader", "[catalog]")
{
    const auto bytes = read_text(fixture("good"));
    const auto where = layout(bytes);
    REQUIRE(where);
    std::vector<size_t> offsets;
    for (size_t i = 0; i < sizeof(Elf64_Ehdr); ++i) {
        offsets.push_back(i);
    }
    for (size_t i = 0; i < sizeof(Elf64_Shdr); ++i) {
        offsets.push_back(where->section_header_offset + i);
    }
    TempDir dir;
    for (const auto offset : offsets) {
        for (const int value : {0x00, 0xff}) {
            INFO("byte " << offset << " set to " << value);
            auto copy = bytes;
            copy[offset] = static_cast<char>(static_cast<unsigned char>(value));
            write_text(dir / "damaged.so", copy);
            const auto section = read_section(dir / "damaged.so");
            // Success is allowed: damage can leave the file readable, or move the section onto
            // other bytes, which the document's own validation then refuses.
            if (!section) {
                CHECK(one_line(section.error()));
            }
        }
    }
}
