// Text from files made safe for a terminal, and bad values quoted in bounded errors.
#include "test_support.hpp"
#include "util/file.hpp"
#include "util/term.hpp"

// The probe helpers are header-only SDK code, normally compiled inside a track that
// cloudtrack_add_track() names; these two stand in for that identity.
#define CLOUDTRACK_TRACK_ID "test-text-safety"
#define CLOUDTRACK_TRACK_VERSION "0.0.0"
#include <cloudtrack/plugin/probes.hpp>

#include <catch2/catch.hpp>

#include <filesystem>
#include <string>

#include <sys/stat.h>
#include <unistd.h>

namespace {

using Catch::Matchers::Contains;
using Catch::Matchers::EndsWith;
using cloudtrack::test::TempDir;
namespace util = cloudtrack::util;

} // namespace

TEST_CASE("control characters and broken UTF-8 become visible escapes", "[text]")
{
    CHECK(util::visible("\x1b[2Jok") == "\\x1b[2Jok");
    CHECK(util::visible("a\nb\tc") == "a\nb\tc");
    CHECK(util::visible("a\nb", false) == "a\\x0ab");
    CHECK(util::visible("csi \xc2\x9b"
                        "2J") == "csi \\u009b2J");
    CHECK(util::visible("caf\xe9") == "caf\\xe9"); // Latin-1, not UTF-8
    CHECK(util::visible("café ✓") == "café ✓");
    CHECK(util::is_printable_utf8("Ana María"));
    CHECK_FALSE(util::is_printable_utf8("bad\xff"));
    CHECK_FALSE(util::is_printable_utf8("esc\x1b"));
}

TEST_CASE("a quoted value is cut, with its full size", "[text]")
{
    CHECK(util::excerpt("short") == "'short'");
    const std::string huge(100 * 1024 * 1024, 'x');
    const auto quoted = util::excerpt(huge);
    CHECK(quoted.size() < 100);
    CHECK_THAT(quoted, EndsWith("' (104857600 bytes)"));
    CHECK(util::excerpt(std::string(59, 'a') + "é", 60) == "'" + std::string(59, 'a') + "\u2026' (61 bytes)");
    CHECK(util::and_more(20, 5000000) == "and 4999980 more");
    CHECK(util::and_more(3, 3).empty());
}

TEST_CASE("probes read text in any encoding and never fail on it", "[text]")
{
    namespace probes = cloudtrack::plugin::probes;
    CHECK(probes::clip("  # r\xe9sum\xe9 of the runbook  ") ==
          "# r\xef\xbf\xbdsum\xef\xbf\xbd of the runbook");
    CHECK(probes::valid_utf8("ok ✓") == "ok ✓");
    CHECK(probes::valid_utf8("\xed\xa0\x80") == "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd"); // a surrogate
    CHECK(probes::valid_utf8("\xc0\xaf") == "\xef\xbf\xbd\xef\xbf\xbd");                 // overlong
}

TEST_CASE("files are opened without blocking and checked on the descriptor", "[file]")
{
    const TempDir dir;
    REQUIRE(::mkfifo((dir / "fifo").c_str(), 0644) == 0);
    const auto fifo = util::read_file(dir / "fifo", util::file_kind::config);
    REQUIRE_FALSE(fifo.ok());
    CHECK_THAT(fifo.error(), EndsWith("fifo: not a regular file (a FIFO)"));
    CHECK_THAT(util::read_file("/dev/zero", util::file_kind::config).error(),
               Contains("not a regular file (a character device)"));
    CHECK_THAT(util::read_file(dir.path(), util::file_kind::config).error(), Contains("(a folder)"));

    cloudtrack::test::write_text(dir / "big.json", "");
    REQUIRE(::truncate((dir / "big.json").c_str(), off_t{2} << 20) == 0);
    CHECK_THAT(util::read_file(dir / "big.json", util::file_kind::config).error(),
               Contains("2097152 bytes, over the 1 MiB limit of a config file"));

    std::filesystem::create_symlink(dir / "big.json", dir / "link.json");
    CHECK(util::open_regular(dir / "link.json", util::file_kind::plugin).ok());
    CHECK_THAT(util::open_regular(dir / "link.json", util::file_kind::plugin, util::Links::refuse).error(),
               Contains("a symbolic link, which is not followed here"));
}

TEST_CASE("atomic writes replace regular files only", "[file]")
{
    const TempDir dir;
    cloudtrack::test::write_text(dir / "kept", "kept");
    std::filesystem::create_symlink(dir / "kept", dir / "link");
    CHECK_THAT(util::write_file_atomic(dir / "link", "new").error(), Contains("is not a regular file"));
    CHECK(cloudtrack::test::read_text(dir / "kept") == "kept");
    REQUIRE(util::write_file_atomic(dir / "kept", "new").ok());
    CHECK(cloudtrack::test::read_text(dir / "kept") == "new");
}
